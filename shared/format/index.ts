/** The agenda-item format and the other exports: pure functions over meeting snapshots. */
export * from "./patterns";
export * from "./importText";
export * from "./importPage";
export * from "./layout";
export * from "./exportText";
export * from "./exportHtml";
export * from "./exportMarkdown";
export * from "./exportDocx";
