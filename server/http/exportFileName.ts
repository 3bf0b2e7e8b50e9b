/** File extension per export format. */
const EXTENSIONS = { text: "txt", html: "html", md: "md", docx: "docx" } as const;

/**
 * The name an export downloads under: the meeting's title made safe for a file name, the
 * agenda item's number when one item is exported, and for plain text the variant, so the
 * rich and the compact text of one meeting never land on the same name and overwrite
 * each other in a downloads folder.
 */
export function exportFileName(title: string, format: keyof typeof EXTENSIONS, variant: "rich" | "compact", itemNumber?: string): string {
  // The title is cut, never the parts after it that tell the files apart.
  const parts = [safe(title).slice(0, 60).replace(/-+$/, "") || "minutes"];
  if (itemNumber !== undefined) parts.push(safe(`item ${itemNumber}`).slice(0, 20));
  if (format === "text") parts.push(variant);
  return `${parts.join("-")}.${EXTENSIONS[format]}`;
}

/** Letters, digits, `_`, `.` and `-` only, runs of anything else as one `-`, none at the ends. */
const safe = (text: string) => text.replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "");
