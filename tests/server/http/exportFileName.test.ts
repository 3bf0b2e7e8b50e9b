import { describe, expect, it } from "vitest";
import { exportFileName } from "../../../server/http/exportFileName";

describe("exportFileName", () => {
  it("names the rich and compact text differently, and the other formats by extension alone", () => {
    expect(exportFileName("Health Scrutiny", "text", "rich")).toBe("Health-Scrutiny-rich.txt");
    expect(exportFileName("Health Scrutiny", "text", "compact")).toBe("Health-Scrutiny-compact.txt");
    expect(exportFileName("Health Scrutiny", "docx", "rich")).toBe("Health-Scrutiny.docx");
    expect(exportFileName("Health Scrutiny", "html", "compact")).toBe("Health-Scrutiny.html");
  });

  it("cuts a long title but keeps the item number and variant that tell the files apart", () => {
    const title = "Meeting of the Health and Wellbeing Scrutiny Committee of the Metropolitan Borough Council";
    const rich = exportFileName(title, "text", "rich", "12");
    const compact = exportFileName(title, "text", "compact", "12");
    expect(rich).toMatch(/-item-12-rich\.txt$/);
    expect(compact).toMatch(/-item-12-compact\.txt$/);
    expect(rich.length).toBeLessThanOrEqual(100);
  });

  it("keeps only letters, digits, dots, dashes and underscores, falling back to 'minutes' for an empty title", () => {
    expect(exportFileName(' "Planning" / Licensing: <2017> ', "md", "rich")).toBe("Planning-Licensing-2017.md");
    expect(exportFileName("", "text", "compact", "")).toBe("minutes-item-compact.txt");
  });
});
