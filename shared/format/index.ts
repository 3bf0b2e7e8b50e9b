/**
 * The agenda-item format and the other exports: pure functions over meeting snapshots.
 * The Word export is imported from "./exportDocx" itself: the docx library it brings adds
 * about 3 MB to the server's baseline heap, so the server loads it on the first Word download.
 */
export * from "./patterns";
export * from "./importText";
export * from "./importPage";
export * from "./importLimits";
export * from "./houseStyle";
export * from "./houseStyleSchema";
export * from "./layout";
export * from "./exportText";
export * from "./exportHtml";
export * from "./exportMarkdown";
export * from "./styleSample";
