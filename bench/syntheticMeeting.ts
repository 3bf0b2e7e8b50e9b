import * as Y from "yjs";
import {
  ORIGIN,
  addComment,
  addItem,
  addNarrative,
  addPerson,
  addResolution,
  confirmResolution,
  editText,
  entryTextPath,
  initMeeting,
  itemTextPath,
  setMeetingInfo,
  textAt,
  type TextPath,
  type ResolutionId,
} from "../shared/meeting";
import { comment, createRng, prose, resolution, title, type Rng } from "./syntheticText";

/**
 * A large meeting built the way clerks build one: several replicas (one Y.Doc per clerk,
 * each its own Yjs client) typing character by character, with slips put right by
 * backspacing, and exchanging updates in batches as a live connection would. The result
 * carries a realistic Yjs history (many clients, tombstones, interleaved edits), not just
 * its final text.
 */

/** What to build. */
export interface SyntheticMeetingOptions {
  /** Agenda items (default 40). */
  items?: number;
  /** Hours of typing (default 8); with `charsPerSecond` this sets how much is typed. */
  hours?: number;
  /** Clerks typing at once, each a Yjs client of its own (default 3). */
  clerks?: number;
  /** PRNG seed: the same seed builds the same meeting (default 1). */
  seed?: number;
  /** Typing rate of the clerks together (default 3 characters a second). */
  charsPerSecond?: number;
  /** The meeting's id, which a server checks against the meeting it opens (default "bench-meeting"). */
  id?: string;
}

/** The meeting: the first clerk's replica (all have converged), its encoded state, and what was typed. */
export interface SyntheticMeeting {
  doc: Y.Doc;
  state: Uint8Array;
  /** Characters inserted one by one, slips included. */
  typedChars: number;
  /** Characters deleted one by one (backspaces). */
  backspaces: number;
  /** Yjs client ids that wrote to the document. */
  clients: number[];
}

interface Clerk {
  doc: Y.Doc;
  outbox: Uint8Array[];
  /** Typing jobs in order; each creates its entry on first use, then types into it. */
  jobs: Job[];
}

interface Job {
  start: (doc: Y.Doc) => TextPath;
  text: string;
  path?: TextPath;
  typed: number;
}

const MEETING_START = Date.parse("2017-02-14T09:00:00Z");
const TYPO_RATE = 0.025;
const RETYPE_WORD_RATE = 0.02;
/** Extra characters typed per character kept: wrong keys, and words typed again (a space every ~7 characters, ~6 letters retyped). */
const SLIP_OVERHEAD = TYPO_RATE + (RETYPE_WORD_RATE * 6) / 7;

/** Builds a synthetic meeting; see SyntheticMeetingOptions for the defaults. */
export function buildSyntheticMeeting(options: SyntheticMeetingOptions = {}): SyntheticMeeting {
  const { items = 40, hours = 8, clerks: clerkCount = 3, seed = 1, charsPerSecond = 3, id = "bench-meeting" } = options;
  const rng = createRng(seed);
  const clerks: Clerk[] = Array.from({ length: clerkCount }, (_, i) => {
    const doc = new Y.Doc();
    doc.clientID = 1000 + i;
    const clerk: Clerk = { doc, outbox: [], jobs: [] };
    doc.on("update", (update: Uint8Array, origin: unknown) => origin !== "sync" && clerk.outbox.push(update));
    return clerk;
  });
  const sync = () => {
    for (const from of clerks) {
      if (from.outbox.length === 0) continue;
      const merged = Y.mergeUpdates(from.outbox);
      from.outbox = [];
      for (const to of clerks) if (to !== from) Y.applyUpdate(to.doc, merged, "sync");
    }
  };
  const stats = { typed: 0, backspaces: 0 };
  const now = () => new Date(MEETING_START + (stats.typed / charsPerSecond) * 1000).toISOString();

  const lead = clerks[0]!.doc;
  initMeeting(lead, id, ORIGIN.server);
  editText(lead, ["committee"], "Health and Wellbeing Scrutiny Committee");
  editText(lead, ["title"], "Minutes of the meeting");
  editText(lead, ["venue"], "Committee Room 2, Town Hall");
  setMeetingInfo(lead, {
    date: "2017-02-14",
    startTime: "09:00",
    status: "live",
    recording: { url: "https://webcast.example.gov.uk/meetings/123", startedAt: new Date(MEETING_START).toISOString() },
  });
  for (let i = 0; i < 12; i++) addPerson(lead, { id: rng.id(), name: `Councillor ${i + 1}`, role: i === 0 ? "chair" : "member" });
  sync();

  // The typing budget (characters) each item gets; the narrative takes what the title,
  // discussion and resolutions leave, at least a sentence a paragraph.
  const perItem = (hours * 3600 * charsPerSecond) / items;
  for (let n = 0; n < items; n++) {
    const owner = clerks[n % clerkCount]!;
    const itemId = addItem(owner.doc, { id: rng.id(), number: String(n + 1) });
    sync();
    const itemTitle = title(rng);
    const discussion = Array.from({ length: rng.between(10, 13) }, () => comment(rng));
    const wordings = [resolution(rng), resolution(rng)];
    const planned =
      itemTitle.length + discussion.reduce((sum, c) => sum + c.comment.length + c.response.length, 0) + wordings.join("").length;
    const paragraph = (perItem / (1 + SLIP_OVERHEAD) - planned) / 3;
    owner.jobs.push(newEntry(() => itemTextPath(itemId, "title"), itemTitle));
    for (let p = 0; p < 3; p++)
      owner.jobs.push(
        newEntry((doc) => entryTextPath(itemId, "narrative", addNarrative(doc, itemId, { id: rng.id() }), "text"), prose(rng, paragraph)),
      );
    discussion.forEach(({ comment: question, response }, c) => {
      const writer = clerks[(n + 1 + c) % clerkCount]!;
      const entryId = rng.id();
      writer.jobs.push(
        newEntry(
          (doc) => entryTextPath(itemId, "discussion", addComment(doc, itemId, { id: entryId, startedAt: now() }), "comment"),
          question,
        ),
      );
      if (response) writer.jobs.push(newEntry(() => entryTextPath(itemId, "discussion", entryId, "response"), response));
    });
    const resolutionIds = wordings.map(() => rng.id() as ResolutionId);
    resolutionIds.forEach((id, r) =>
      owner.jobs.push(newEntry((doc) => entryTextPath(itemId, "resolutions", addResolution(doc, itemId, { id }), "text"), wordings[r]!)),
    );
    typeAll(clerks, rng, stats, sync);
    // The chair confirms most resolutions once the wording has settled (the server writes this).
    for (const id of resolutionIds)
      if (rng.chance(0.6)) confirmResolution(lead, itemId, id, { by: "chair", byName: "Councillor 1", at: now() });
    sync();
  }

  const vector = Y.encodeStateVector(lead).join();
  if (clerks.some((c) => Y.encodeStateVector(c.doc).join() !== vector)) throw new Error("the clerks' replicas did not converge");
  for (const clerk of clerks.slice(1)) clerk.doc.destroy();
  return {
    doc: lead,
    state: Y.encodeStateAsUpdate(lead),
    typedChars: stats.typed,
    backspaces: stats.backspaces,
    clients: clerks.map((c) => c.doc.clientID),
  };
}

/** A typing job: `start` makes (or finds) the text on the clerk's replica, then `text` is typed into it. */
function newEntry(start: (doc: Y.Doc) => TextPath, text: string): Job {
  return { start, text, typed: 0 };
}

/**
 * Runs every clerk's jobs to the end, a burst of keystrokes at a time from a clerk picked
 * at random, so the clerks' edits interleave; updates are exchanged after some bursts.
 */
function typeAll(clerks: Clerk[], rng: Rng, stats: { typed: number; backspaces: number }, sync: () => void): void {
  for (;;) {
    const busy = clerks.filter((c) => c.jobs.length > 0);
    if (busy.length === 0) break;
    const clerk = rng.pick(busy);
    const job = clerk.jobs[0]!;
    job.path ??= job.start(clerk.doc);
    const text = textAt(clerk.doc, job.path);
    if (!text) throw new Error(`no text at ${job.path.join("/")}`);
    const burst = rng.between(5, 40);
    for (let k = 0; k < burst && job.typed < job.text.length; k++) typeNext(clerk.doc, text, job, rng, stats);
    if (job.typed >= job.text.length) clerk.jobs.shift();
    if (rng.chance(0.4)) sync();
  }
  sync();
}

/** Types the job's next character, sometimes slipping first (a wrong key, or a word typed again). */
function typeNext(doc: Y.Doc, text: Y.Text, job: Job, rng: Rng, stats: { typed: number; backspaces: number }): void {
  const key = (at: number, ch: string) => {
    doc.transact(() => text.insert(at, ch), ORIGIN.local);
    stats.typed++;
  };
  const backspace = (at: number) => {
    doc.transact(() => text.delete(at, 1), ORIGIN.local);
    stats.backspaces++;
  };
  // Typing goes at the end of what this clerk has typed into this text so far.
  const at = () => text.length;
  const ch = job.text[job.typed]!;
  if (ch !== " " && rng.chance(TYPO_RATE)) {
    key(at(), String.fromCharCode(97 + rng.int(26)));
    backspace(at() - 1);
  }
  if (ch === " " && job.typed > 8 && rng.chance(RETYPE_WORD_RATE)) {
    const word = job.text.slice(0, job.typed).split(" ").pop()!;
    for (let i = 0; i < word.length; i++) backspace(at() - 1);
    for (const c of word) key(at(), c);
  }
  key(at(), ch);
  job.typed++;
}
