import { createHash } from "node:crypto";
import { Router, type ErrorRequestHandler, type Response } from "express";
import { z } from "zod";
import { toSnapshot, type MeetingStatus } from "../../shared/meeting";
import { exportMeetingHtml, exportMeetingText } from "../../shared/format";
import { AppError } from "../errors";
import type { MeetingRecord } from "../persistence/Store";
import type { ApiDeps } from "./context";
import { committeeStyle } from "./houseStyles";
import { exportFileName } from "./exportFileName";
import { parseInput } from "./validate";

/** Minutes the public archive lists: from circulation (as a draft) on; a meeting's own `public` flag decides whether at all. */
const LISTED: readonly MeetingStatus[] = ["circulated", "approved", "published"];
const isListed = (m: MeetingRecord) => m.public && LISTED.includes(m.status);
const isDraft = (m: MeetingRecord) => m.status === "circulated";

const STYLE = `body{font-family:system-ui,sans-serif;color:#1b2430;max-width:60rem;margin:0 auto;padding:1rem;line-height:1.5}
a{color:#1d3f6e}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #d5dbe3;vertical-align:top}
.draft{display:inline-block;font-weight:700;color:#8a5a00;background:#fff4d6;padding:0 .4rem;border-radius:4px}
.banner{border:2px solid #8a5a00;background:#fff4d6;padding:.5rem 1rem;font-weight:700}
@media (max-width:40rem){table,tbody,tr,td{display:block}thead{display:none}td{border:0;padding:.1rem 0}tr{border-bottom:1px solid #d5dbe3;padding:.5rem 0}}`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// The pages carry no script at all; their own inline styles are allowed by hash, nothing else.
function sendPage(res: Response, html: string): void {
  const hashes = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
    (m) => `'sha256-${createHash("sha256").update(m[1]!).digest("base64")}'`,
  );
  res.setHeader(
    "Content-Security-Policy",
    `default-src 'none'; style-src ${hashes.join(" ") || "'none'"}; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  );
  res.type("html").send(html);
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

const statusLabel = (m: MeetingRecord) =>
  isDraft(m) ? `<span class="draft">DRAFT</span> minutes, to be approved` : m.status === "published" ? "Published" : "Approved";
const longDate = (date: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(date)
    ? new Date(`${date}T12:00:00Z`).toLocaleDateString("en-GB", {
        weekday: "long",
        day: "numeric",
        month: "long",
        year: "numeric",
        timeZone: "UTC",
      })
    : date || "Date not set";
const committeeHref = (committee: string) => `/archive/${encodeURIComponent(committee || "-")}`;

/**
 * The public archive: for each committee, its public meetings' minutes by date, readable and
 * downloadable without signing in. Circulated minutes are marked DRAFT until approved.
 */
export function archiveRouter(deps: ApiDeps): Router {
  const router = Router();
  const listed = async () => (await deps.store.listMeetings()).filter(isListed);

  router.get("/", async (_req, res) => {
    const byCommittee = new Map<string, MeetingRecord[]>();
    for (const m of await listed()) byCommittee.set(m.committee, [...(byCommittee.get(m.committee) ?? []), m]);
    const rows = [...byCommittee]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([committee, meetings]) => {
        const latest =
          meetings
            .map((m) => m.date)
            .sort()
            .at(-1) ?? "";
        return `<li><a href="${committeeHref(committee)}">${escapeHtml(committee || "Other meetings")}</a> (${meetings.length} ${meetings.length === 1 ? "meeting" : "meetings"}; latest ${escapeHtml(longDate(latest))})</li>`;
      });
    sendPage(
      res,
      page(
        "Published minutes",
        `<h1>Published minutes</h1>\n${rows.length ? `<ul>${rows.join("\n")}</ul>` : "<p>No minutes have been published yet.</p>"}`,
      ),
    );
  });

  router.get("/meetings/:id", async (req, res) => {
    const meeting = await listedMeeting(String(req.params.id));
    const snapshot = await deps.rooms.with(meeting.id, (room) => toSnapshot(room.doc));
    const minutes = exportMeetingHtml(snapshot, await committeeStyle(deps.store, meeting.committee));
    const nav = `<p><a href="${committeeHref(meeting.committee)}">All minutes of ${escapeHtml(meeting.committee || "other meetings")}</a> · Download: ${downloads(meeting)}</p>`;
    const banner = isDraft(meeting)
      ? `<p class="banner" role="note">DRAFT: these minutes have not yet been approved as a correct record.</p>`
      : "";
    sendPage(
      res,
      minutes
        .replace(
          "</head>",
          `<style>.banner{border:2px solid #8a5a00;background:#fff4d6;padding:.5rem 1rem;font-weight:700}</style>\n</head>`,
        )
        .replace("<main>\n", `<main>\n${nav}\n${banner}\n`),
    );
  });

  router.get("/meetings/:id/download", async (req, res) => {
    const meeting = await listedMeeting(String(req.params.id));
    const { format } = parseInput(z.object({ format: z.enum(["docx", "html", "text"]) }), req.query, "download");
    const snapshot = await deps.rooms.with(meeting.id, (room) => toSnapshot(room.doc));
    const style = await committeeStyle(deps.store, meeting.committee);
    const draft = isDraft(meeting) ? "-DRAFT" : "";
    const name = exportFileName(`${meeting.title}${draft}`, format, style.variant);
    res.setHeader("Content-Disposition", `attachment; filename="${name}"`);
    if (format === "docx") {
      const { exportMeetingDocx } = await import("../../shared/format/exportDocx");
      res.type("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
      return res.send(Buffer.from(await exportMeetingDocx(snapshot, style)));
    }
    if (format === "html") return res.type("html").send(exportMeetingHtml(snapshot, style));
    res.type("text/plain; charset=utf-8").send(exportMeetingText(snapshot, { style }));
  });

  router.get("/:committee", async (req, res) => {
    const committee = req.params.committee === "-" ? "" : String(req.params.committee);
    const meetings = (await listed())
      .filter((m) => m.committee.toLowerCase() === committee.toLowerCase())
      .sort((a, b) => b.date.localeCompare(a.date));
    if (meetings.length === 0) throw new AppError("not-found", `No published minutes for "${committee}".`);
    const rows = meetings.map(
      (m) =>
        `<tr><td>${escapeHtml(longDate(m.date))}</td><td><a href="/archive/meetings/${encodeURIComponent(m.id)}">${escapeHtml(m.title || "Meeting")}</a></td><td>${statusLabel(m)}</td><td>${downloads(m)}</td></tr>`,
    );
    const name = meetings[0]!.committee || "Other meetings";
    sendPage(
      res,
      page(
        `Minutes of ${name}`,
        `<p><a href="/archive">All committees</a></p>
<h1>Minutes of ${escapeHtml(name)}</h1>
<table>
<caption>Meetings, latest first</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Meeting</th><th scope="col">Minutes</th><th scope="col">Download</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>`,
      ),
    );
  });

  // Errors as pages: the archive is read by people, not programs.
  router.use(((error, _req, res, _next) => {
    const status = error instanceof AppError ? error.status : 500;
    const message = error instanceof AppError ? error.message : "Something went wrong; try again later.";
    if (status >= 500) deps.log.error("archive page failed", { error: (error as Error).message });
    res.status(status);
    sendPage(
      res,
      page(
        "Minutes not found",
        `<p><a href="/archive">All committees</a></p>\n<h1>${status === 404 ? "Not found" : "Error"}</h1>\n<p>${escapeHtml(message)}</p>`,
      ),
    );
  }) as ErrorRequestHandler);

  async function listedMeeting(id: string): Promise<MeetingRecord> {
    const meeting = await deps.store.getMeeting(id);
    if (!meeting || !isListed(meeting)) throw new AppError("not-found", `No published minutes for meeting "${id}".`);
    return meeting;
  }

  return router;
}

function downloads(m: MeetingRecord): string {
  const base = `/archive/meetings/${encodeURIComponent(m.id)}/download?format=`;
  const title = escapeHtml(m.title || "meeting");
  return [
    `<a href="${base}docx" aria-label="Word document of the minutes of ${title}">Word</a>`,
    `<a href="${base}html" aria-label="Web page of the minutes of ${title}">Web page</a>`,
    `<a href="${base}text" aria-label="Text of the minutes of ${title}">Text</a>`,
  ].join(" · ");
}
