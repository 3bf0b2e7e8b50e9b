import { parse, type HTMLElement } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { describeVote, exportItemHtml, exportMeetingHtml, importAgendaItem } from "../../../shared/format";
import {
  createAgendaItem,
  createDeclaration,
  createDiscussionEntry,
  createMeetingSnapshot,
  createPerson,
  createSupportingDocument,
  createVote,
  type AgendaItem,
  type MeetingSnapshot,
} from "../../../shared/meeting";
import { SEED_COUNTS, seeds } from "../../helpers/seeds";

const all = seeds();

const expected = SEED_COUNTS;

const RECORDING = { url: "https://webcast.example.org/stockport/health-2017-02-14", startedAt: "2017-02-14T18:00:00.000Z" };
const CONFIRMED = "That the Democratic Services Manager circulate the revised timetable to all members.";

function seedItem(name: string): AgendaItem {
  return importAgendaItem(all[name]!).item;
}

/** A meeting with a header, people of each kind, a declaration, a confirmed resolution with a named vote, and a webcast. */
function buildMeeting(): MeetingSnapshot {
  const chair = createPerson({ name: "Councillor Wendy Wild", role: "chair" });
  const member = createPerson({ name: "Councillor Tom McGee" });
  const absent = createPerson({ name: "Councillor Ann Other", attendance: "apologies" });
  const substitute = createPerson({ name: "Councillor Sam Sub", attendance: "substitute", substituteFor: absent.id });
  const officer = createPerson({ name: "Michael Cullen", kind: "officer", jobTitle: "Democratic Services Manager" });
  const base = seedItem("000");
  const item: AgendaItem = {
    ...base,
    number: "4",
    // The first comment was started before the webcast began; each later one a minute apart after it.
    discussion: base.discussion.map((e, i) => ({
      ...e,
      startedAt: new Date(Date.parse(RECORDING.startedAt) + (i - 1) * 60_000).toISOString(),
    })),
    declarations: [createDeclaration({ personId: member.id, interest: "his wife is employed by the CCG", kind: "personal" })],
    resolutions: base.resolutions.map((r, i) =>
      i === 0
        ? { ...r, vote: createVote({ named: { for: [chair.id, member.id], against: [substitute.id], abstain: [] } }) }
        : { ...r, confirmation: { by: chair.id, byName: chair.name, at: "2017-02-14T19:30:00.000Z", text: CONFIRMED, bullets: [] } },
    ),
    documents: [
      createSupportingDocument({ title: "Business case (PDF, 2 MB)", url: "https://democracy.example.org/case.pdf" }),
      createSupportingDocument({ title: "Appendix", url: "javascript:alert(1)" }),
    ],
  };
  return createMeetingSnapshot({
    committee: "Health and Wellbeing Scrutiny Committee",
    title: "Minutes of the meeting",
    date: "2017-02-14",
    startTime: "18:00",
    venue: "Committee Room 2, Town Hall",
    recording: RECORDING,
    people: [chair, member, absent, substitute, officer],
    items: [item, { ...seedItem("001"), number: "5" }],
  });
}

const texts = (els: HTMLElement[]) => els.map((el) => el.text.trim());

describe("exporting minutes as HTML", () => {
  for (const [name, want] of Object.entries(expected)) {
    it(`gives seed ${name} its heading, one list item per comment and its resolutions`, () => {
      const root = parse(exportItemHtml(seedItem(name)));
      expect(root.querySelectorAll("h1")).toHaveLength(1);
      expect(texts(root.querySelectorAll("article.agenda-item > h2"))).toEqual([want.title || "Agenda item"]);
      expect(root.querySelectorAll("ul.discussion > li")).toHaveLength(want.comments);
      const resolutions = root.querySelectorAll("section.resolutions p.resolution");
      expect(resolutions).toHaveLength(want.resolutions);
      if (want.resolutions > 0) expect(resolutions[0]!.querySelector("strong")?.text).toBe("RESOLVED");
      const labels = resolutions.map((p) => p.querySelector(".label")?.text ?? null);
      expect(labels).toEqual(want.resolutions > 1 ? resolutions.map((_, i) => `(${i + 1})`) : resolutions.map(() => null));
      expect(resolutions.every((p) => p.getAttribute("data-status") === "draft")).toBe(true);
    });
  }

  it("writes a standalone English (UK) document with a charset, a title and print styles", () => {
    const html = exportItemHtml(seedItem("000"));
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    const root = parse(html);
    expect(root.querySelector("html")?.getAttribute("lang")).toBe("en-GB");
    expect(root.querySelector("meta[charset]")?.getAttribute("charset")).toBe("utf-8");
    expect(root.querySelector("title")?.text).toContain(expected["000"].title);
    expect(root.querySelector("style")?.text).toMatch(/@media print[\s\S]*@page[\s\S]*A4/);
    expect(root.querySelector("main article.agenda-item")).not.toBeNull();
  });

  it("lists seed 001's resolution (3) sub-bullets under it", () => {
    const item = seedItem("001");
    const third = parse(exportItemHtml(item)).querySelectorAll(".resolution-entry")[2]!;
    expect(third.querySelector("p.resolution")?.text).toContain("(3) That the \u2018Integrating Health and Social Care\u2019 report");
    expect(texts(third.querySelectorAll("ul > li"))).toEqual(item.resolutions[2]!.bullets.map((b) => b.text));
    expect(texts(third.querySelectorAll("ul > li"))).toHaveLength(4);
  });

  it("puts seed 004's sub-headings in h4 and its narrative bullets in a list apart from the discussion", () => {
    const item = seedItem("004");
    const minutes = parse(exportItemHtml(item)).querySelector("section.minutes")!;
    expect(texts(minutes.querySelectorAll("h4"))).toEqual(item.narrative.filter((b) => b.kind === "heading").map((b) => b.text));
    expect(minutes.querySelectorAll("ul:not(.discussion) > li")).toHaveLength(item.narrative.filter((b) => b.kind === "bullet").length);
  });

  it("prints a meeting's header, attendance and declarations, then one article per item", () => {
    const meeting = buildMeeting();
    const root = parse(exportMeetingHtml(meeting));
    expect(root.querySelector("header h1")?.text).toBe(meeting.committee);
    expect(root.querySelector(".minutes-of")?.text).toBe(
      `Minutes of the meeting of the ${meeting.committee} held on Tuesday, 14 February 2017, 18:00`,
    );
    expect(texts(root.querySelectorAll("main > footer.signature p"))).toEqual(["Chair: ……………………………………………", "Date: ……………………………"]);
    expect(root.querySelector("header")?.text).toContain("Tuesday, 14 February 2017, 18:00");
    expect(root.querySelector("header")?.text).toContain("Venue: Committee Room 2, Town Hall");
    expect(texts(root.querySelectorAll(".attendance dl dt"))).toEqual(["Present", "Substitutes", "Apologies", "Also in attendance"]);
    const names = texts(root.querySelectorAll(".attendance dl dd"));
    expect(names[0]).toBe("Councillor Wendy Wild (Chair), Councillor Tom McGee");
    expect(names[1]).toBe("Councillor Sam Sub (for Councillor Ann Other)");
    expect(names[3]).toContain("Michael Cullen (Democratic Services Manager)");
    expect(texts(root.querySelectorAll("section.declarations li"))).toEqual([
      "4. Stockport Together Updated Business Case: Councillor Tom McGee declared a personal interest: his wife is employed by the CCG",
    ]);
    expect(texts(root.querySelectorAll("article.agenda-item > h2"))).toEqual(["4. Stockport Together Updated Business Case", "5."]);
  });

  it("links a comment to its moment in the webcast, and not one started before the recording", () => {
    const meeting = buildMeeting();
    const items = parse(exportMeetingHtml(meeting)).querySelector("article.agenda-item")!.querySelectorAll("ul.discussion > li");
    expect(items).toHaveLength(meeting.items[0]!.discussion.length);
    expect(items[0]!.querySelector("a")).toBeNull();
    const links = items.slice(1).map((li) => li.querySelector("a.webcast"));
    expect(links.map((a) => a?.text)).toEqual(links.map(() => "Watch"));
    expect(links.map((a) => a?.getAttribute("href"))).toEqual(links.map((_, i) => `${RECORDING.url}#t=${i * 60}`));
  });

  it("makes no webcast links when the meeting has no recording", () => {
    const meeting = { ...buildMeeting(), recording: null };
    expect(parse(exportMeetingHtml(meeting)).querySelectorAll("a.webcast")).toHaveLength(0);
  });

  it("prints the confirmed wording rather than the draft, marked confirmed", () => {
    const meeting = buildMeeting();
    const html = exportMeetingHtml(meeting);
    const second = parse(html).querySelectorAll("article.agenda-item")[0]!.querySelectorAll("p.resolution")[1]!;
    expect(second.text).toBe(`(2) ${CONFIRMED}`);
    expect(second.getAttribute("data-status")).toBe("confirmed");
    expect(html).not.toContain(meeting.items[0]!.resolutions[1]!.text);
  });

  it("prints a recorded vote with the voters' names under its resolution", () => {
    const meeting = buildMeeting();
    const entry = parse(exportMeetingHtml(meeting)).querySelector(".resolution-entry")!;
    expect(entry.querySelector("p.vote")?.text).toBe(`Recorded vote: ${describeVote(meeting.items[0]!.resolutions[0]!.vote!, meeting)}`);
    expect(entry.querySelector("p.vote")?.text).toContain("Against 1 (Councillor Sam Sub)");
  });

  it("links supporting documents with a web address and prints any other address as text", () => {
    const docs = parse(exportMeetingHtml(buildMeeting())).querySelectorAll("section.documents li");
    expect(docs.map((li) => li.querySelector("a")?.getAttribute("href") ?? null)).toEqual(["https://democracy.example.org/case.pdf", null]);
    expect(texts(docs)).toEqual(["Business case (PDF, 2 MB)", "Appendix javascript:alert(1)"]);
  });

  it("escapes markup in what was typed, in text and in attributes", () => {
    const comment = `Is <script>alert(1)</script> safe & "sound" 'here'?`;
    const url = `https://example.org/a?x="><img src=x onerror=alert(1)>`;
    const item = createAgendaItem({
      title: "<b>Title</b>",
      discussion: [createDiscussionEntry({ comment })],
      documents: [createSupportingDocument({ title: "Doc", url })],
    });
    const html = exportItemHtml(item);
    const root = parse(html);
    expect(root.querySelectorAll("script")).toHaveLength(0);
    expect(root.querySelectorAll("img")).toHaveLength(0);
    expect(root.querySelectorAll("article b")).toHaveLength(0);
    expect(root.querySelector("ul.discussion > li")?.text).toBe(comment);
    expect(root.querySelector("article > h2")?.text).toBe("<b>Title</b>");
    expect(root.querySelector("section.documents a")?.getAttribute("href")).toBe(url);
    expect(html).not.toContain("<script>");
  });

  it("prints a note among the comments as a paragraph, not a list item", () => {
    const item = createAgendaItem({
      discussion: [
        createDiscussionEntry({ comment: "First point." }),
        createDiscussionEntry({ kind: "note", comment: "The meeting adjourned for ten minutes." }),
        createDiscussionEntry({ comment: "Second point." }),
      ],
    });
    const minutes = parse(exportItemHtml(item)).querySelector("section.minutes")!;
    expect(texts(minutes.querySelectorAll("ul.discussion > li"))).toEqual(["First point.", "Second point."]);
    expect(minutes.querySelector("p.note")?.text).toBe("The meeting adjourned for ten minutes.");
  });
});

describe("motions in the exports", () => {
  it("prints each motion as the minutes record it, with mover, seconder, outcome and vote", () => {
    const a = createPerson({ name: "Cllr Wendy Wild" });
    const b = createPerson({ name: "Cllr Tom McGee" });
    const item = createAgendaItem({
      title: "Budget",
      motions: [
        {
          id: "m1",
          kind: "motion",
          text: "That the report be noted",
          moverId: a.id,
          seconderId: b.id,
          outcome: "carried",
          vote: { for: 6, against: 2, abstain: 0, named: null },
        },
        { id: "m2", kind: "amendment", text: "That the word “noted” be replaced by “welcomed”.", moverId: b.id, outcome: "lost" },
      ],
    });
    const meeting = createMeetingSnapshot({ people: [a, b], items: [item] });
    const paragraphs = parse(exportMeetingHtml(meeting))
      .querySelectorAll("p")
      .map((p) => p.text);
    expect(paragraphs).toContain(
      "A motion was moved by Cllr Wendy Wild and seconded by Cllr Tom McGee that the report be noted. The motion was carried (For 6, Against 2, Abstain 0).",
    );
    expect(paragraphs).toContain(
      "An amendment was moved by Cllr Tom McGee that the word “noted” be replaced by “welcomed”. The amendment was lost.",
    );
  });
});
