import { describePerson, hasMinutes, publishedWording, type AgendaItem, type MeetingSnapshot, type Motion, type Vote } from "../meeting";
import { EN_DASH } from "./patterns";
import { label as styleLabel, withDefaults, type HouseStyle } from "./houseStyle";

/**
 * One reading of a meeting for print: bullets grouped, resolutions numbered, answers
 * joined to their comments, webcast links worked out. Each exporter (text, HTML,
 * Markdown, DOCX) renders this and nothing else, so they cannot disagree.
 */

/** A run of prose: a paragraph, a sub-heading, or a bullet list. */
export type Flow = { kind: "paragraph" | "heading"; text: string } | { kind: "bullets"; items: string[] };

/** One discussion bullet (or plain note), with its webcast link when the recording allows. */
export interface PrintedComment {
  text: string;
  comment: string;
  response: string;
  speaker: string;
  note: boolean;
  link: string | null;
}

/** A resolution as printed: "(1)" label only when there are several. */
export interface PrintedResolution {
  label: string | null;
  text: string;
  bullets: string[];
  vote: Vote | null;
  /** The vote in words, members named where the vote was named ("For 2 (Cllr A, Cllr B), Against 0, Abstain 0"). */
  voteText: string | null;
  confirmed: { byName: string; at: string } | null;
}

/** An agenda item laid out for print. */
export interface ItemLayout {
  heading: string;
  /** The number and title apart, for exports that print them in a house style. */
  number: string;
  title: string;
  /** The heading, or "Agenda item" when the item has neither number nor title: what a document names it by. */
  label: string;
  purpose: Flow[];
  contact: string | null;
  minutes: boolean;
  narrative: Flow[];
  discussion: { intro: string; comments: PrintedComment[] } | null;
  resolutions: PrintedResolution[];
  /** How the decisions open in the house style: the keyword ("" for none), what follows it, and whether it stands alone above the wording. */
  decision: { keyword: string; punctuation: string; alone: boolean };
  declarations: string[];
  actions: string[];
  documents: { title: string; url: string }[];
}

/** The meeting header and its items laid out for print. */
export interface MeetingLayout {
  heading: string[];
  /** The heading split for documents that set the name apart from the date and venue. */
  title: string[];
  details: string[];
  attendance: { label: string; names: string[] }[];
  declarations: string[];
  items: ItemLayout[];
  /** What a signed set of minutes opens with: "Minutes of the meeting of the … held on …". */
  minutesOf: string;
  /** The lines the chair signs and dates at the end of a signed set. */
  signature: string[];
}

/** Groups consecutive bullet blocks into one list. */
export function flows(blocks: readonly { kind: string; text: string }[]): Flow[] {
  const out: Flow[] = [];
  for (const block of blocks) {
    const last = out[out.length - 1];
    if (block.kind === "bullet") {
      if (last?.kind === "bullets") last.items.push(block.text);
      else out.push({ kind: "bullets", items: [block.text] });
    } else out.push({ kind: block.kind === "heading" ? "heading" : "paragraph", text: block.text });
  }
  return out;
}

/** Seconds into the recording, as a media-fragment link; null before the recording started. */
export function webcastLink(recording: MeetingSnapshot["recording"], startedAt: string | null): string | null {
  if (!recording || !startedAt) return null;
  const seconds = Math.floor((Date.parse(startedAt) - Date.parse(recording.startedAt)) / 1000);
  if (!(seconds >= 0)) return null;
  return `${recording.url.split("#")[0]}#t=${seconds}`;
}

function personName(meeting: MeetingSnapshot | null, personId: string | null, fallback: string): string {
  return meeting?.people.find((p) => p.id === personId)?.name || fallback;
}

/** Only web and mail links are made clickable: a `javascript:` or `data:` address typed in stays printed text. */
export function safeHref(url: string): string | null {
  return /^(?:https?:|mailto:)/i.test(url.trim()) ? url.trim() : null;
}

/** Lays out one item; `meeting` supplies names and the recording when the item is part of one; `style` labels its decisions (the seeds' style by default). */
export function layoutItem(item: AgendaItem, meeting: MeetingSnapshot | null = null, style: Partial<HouseStyle> = {}): ItemLayout {
  const house = withDefaults(style);
  const many = item.resolutions.length > 1;
  const contact = item.officerContact;
  const heading = [item.number && `${item.number}.`, item.title].filter(Boolean).join(" ");
  return {
    heading,
    number: item.number,
    title: item.title,
    label: heading || "Agenda item",
    purpose: flows(item.purpose),
    contact:
      contact.name || contact.phone || contact.email ? [contact.name, contact.phone, contact.email].filter(Boolean).join(", ") : null,
    minutes: hasMinutes(item),
    // Motions read as the minutes record them, after what was said and before the decision.
    narrative: [...flows(item.narrative), ...item.motions.map((m) => ({ kind: "paragraph" as const, text: describeMotion(m, meeting) }))],
    discussion:
      item.discussion.length === 0
        ? null
        : {
            intro: item.discussionIntro,
            comments: item.discussion.map((e) => ({
              text: [e.comment, e.response].filter(Boolean).join(" "),
              comment: e.comment,
              response: e.response,
              speaker: e.speaker,
              note: e.kind === "note",
              link: webcastLink(meeting?.recording ?? null, e.startedAt),
            })),
          },
    resolutions: item.resolutions.map((r, i) => ({
      label: many ? styleLabel(house.numbering, i + 1) : null,
      ...publishedWording(r),
      vote: r.vote,
      voteText: r.vote ? describeVote(r.vote, meeting) : null,
      confirmed: r.confirmation ? { byName: r.confirmation.byName || r.confirmation.by, at: r.confirmation.at } : null,
    })),
    decision: { keyword: house.keyword, punctuation: house.punctuation, alone: house.keywordAlone },
    declarations: item.declarations.map(
      (d) => `${personName(meeting, d.personId, d.name)} declared a ${d.kind} interest${d.interest ? `: ${d.interest}` : "."}`,
    ),
    actions: item.actions.map((a) => [a.what, a.owner && `Owner: ${a.owner}`, a.due && `Due: ${a.due}`].filter(Boolean).join(" — ")),
    documents: item.documents.map((d) => ({ title: d.title, url: d.url })),
  };
}

/** "A motion was moved by Cllr A and seconded by Cllr B that …. The motion was carried (For 6, Against 2, Abstain 0)." */
export function describeMotion(motion: Motion, meeting: MeetingSnapshot | null = null): string {
  const mover = personName(meeting, motion.moverId, "");
  const seconder = personName(meeting, motion.seconderId, "");
  const by = [mover && `moved by ${mover}`, seconder && `seconded by ${seconder}`].filter(Boolean).join(" and ") || "moved";
  const wording = motion.text
    .trim()
    .replace(/^That\b/, "that")
    .replace(/([^.])$/, "$1.");
  const opening = `${motion.kind === "amendment" ? "An amendment" : "A motion"} was ${by}${wording ? ` ${wording}` : "."}`;
  if (motion.outcome === "pending") return opening;
  return `${opening} The ${motion.kind} was ${motion.outcome}${motion.vote ? ` (${describeVote(motion.vote, meeting)})` : ""}.`;
}

/** "For 6, Against 2, Abstain 1", with names when the vote was named. */
export function describeVote(vote: Vote, meeting: MeetingSnapshot | null = null): string {
  const part = (label: string, count: number, ids: string[] | undefined) =>
    `${label} ${count}${ids && ids.length ? ` (${ids.map((id) => personName(meeting, id, id)).join(", ")})` : ""}`;
  return [
    part("For", vote.for, vote.named?.for),
    part("Against", vote.against, vote.named?.against),
    part("Abstain", vote.abstain, vote.named?.abstain),
  ].join(", ");
}

function formatDate(date: string, time: string): string {
  if (!date) return "";
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  return time ? `${day}, ${time}` : day;
}

/** A document's name lines (committee, title; "Minutes" when both are blank or there is no meeting) and its date and venue lines. */
export function layoutHeader(meeting: MeetingSnapshot | null): { title: string[]; details: string[] } {
  if (!meeting) return { title: ["Minutes"], details: [] };
  const title = [meeting.committee, meeting.title].filter(Boolean);
  const details = [formatDate(meeting.date, meeting.startTime), meeting.venue && `Venue: ${meeting.venue}`].filter(Boolean);
  return { title: title.length > 0 ? title : ["Minutes"], details };
}

/** The name an exported document goes by (HTML <title>, Word title): names and date, with the item's label first when it holds one item. */
export function documentTitle(meeting: MeetingSnapshot | null, item?: ItemLayout): string {
  const name = [...layoutHeader(meeting).title, meeting ? formatDate(meeting.date, "") : ""];
  return [item?.label, ...name].filter(Boolean).join(` ${EN_DASH} `);
}

/** Lays out a whole meeting: header lines, attendance, declarations, then each item, its decisions in `style`. */
export function layoutMeeting(meeting: MeetingSnapshot, style: Partial<HouseStyle> = {}): MeetingLayout {
  const byAttendance = (test: (p: MeetingSnapshot["people"][number]) => boolean) => meeting.people.filter(test).map(describePerson);
  const substitutes = meeting.people
    .filter((p) => p.attendance === "substitute")
    .map((p) => `${p.name} (for ${personName(meeting, p.substituteFor, "an absent member")})`);
  const attendance = [
    { label: "Present", names: byAttendance((p) => p.kind === "member" && p.attendance === "present") },
    { label: "Substitutes", names: substitutes },
    { label: "Apologies", names: byAttendance((p) => p.attendance === "apologies") },
    { label: "Also in attendance", names: byAttendance((p) => p.kind !== "member" && p.attendance === "present") },
  ].filter((row) => row.names.length > 0);
  const items = meeting.items.map((item) => layoutItem(item, meeting, style));
  const declarations = meeting.items.flatMap((item, i) => items[i]!.declarations.map((d) => `${items[i]!.heading || "Item"}: ${d}`));
  const header = layoutHeader(meeting);
  const heading = [meeting.committee, meeting.title, ...header.details].filter(Boolean);
  const held = meeting.date ? ` held on ${formatDate(meeting.date, meeting.startTime)}` : "";
  const minutesOf = `Minutes of the meeting of ${meeting.committee ? `the ${meeting.committee.replace(/^the /i, "")}` : "the committee"}${held}`;
  const signature = ["Chair: ……………………………………………", "Date: ……………………………"];
  return { heading, ...header, attendance, declarations, items, minutesOf, signature };
}
