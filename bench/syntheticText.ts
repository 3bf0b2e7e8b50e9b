/**
 * Seeded, minutes-shaped prose for synthetic meetings: the stock phrases of published
 * council minutes (the phrasebook's openers, typographic quotes, en dashes) around a
 * small vocabulary of health and social-care business, so exports and imports meet text
 * like the seeds' rather than lorem ipsum.
 */

import type { Rng } from "../tests/helpers/random";
export { createRng, type Rng } from "../tests/helpers/random";

const SUBJECTS = [
  "the Stockport Together programme",
  "the 2017/18 budget proposals",
  "the neighbourhood teams’ co-location",
  "the integrated care record",
  "waiting times at the Emergency Department",
  "the Care Quality Commission’s inspection",
  "the Better Care Fund plan",
  "delayed transfers of care",
  "the Multi-speciality Community Provider",
  "the intermediate care review",
  "GP access in the evenings and at weekends",
  "the prescribing budget",
  "the “Healthy Stockport” campaign",
  "staff recruitment and retention",
  "the ICT improvement programme",
  "the ambulatory care pathway",
];
const TOPICS = ["Finance", "Quality", "Workforce", "Transformation", "Urgent Care", "Public Health", "Estates", "Safeguarding"];
const OFFICERS = [
  "the Director of Adult Social Care",
  "the Chief Operating Officer",
  "the Deputy Chief Executive",
  "the Head of Commissioning",
  "the Programme Director",
  "the Director of Public Health",
];
const COMMENT_OPENERS = [
  "Clarification was sought on",
  "Concerns were expressed about",
  "Assurance was sought on",
  "An update was requested in respect of",
  "Members asked about",
  "Further information was requested on",
];
const RESPONSE_OPENERS = [
  "In response it was stated that",
  "In response, it was stated that",
  "In response an assurance was given that",
  "It was confirmed that",
];
const PREDICATES = [
  "progress had been slower than expected but remained on track",
  "a further report would be brought to a future meeting",
  "the savings identified were realistic and had been tested",
  "partners had agreed a shared approach to the risk",
  "the figures would be circulated to members after the meeting",
  "performance had improved over the last quarter",
  "additional investment had been secured from the national fund",
  "the position would be monitored monthly – with escalation if needed",
  "residents had been consulted on the proposals",
  "the governance arrangements were being strengthened",
];
const RESOLUTIONS = [
  "That the report be noted.",
  "That the presentation be noted and the officers be thanked for their attendance.",
  "That a further update be submitted to the Committee in six months’ time.",
  "That the Democratic Services Manager be requested to circulate the briefing note to all members.",
  "That the Executive be recommended to approve the revised business case.",
];

/** Whole sentences of minutes-style prose, as near `target` characters as whole sentences allow (at least one). */
export function prose(rng: Rng, target: number): string {
  const sentences: string[] = [];
  let length = 0;
  for (;;) {
    const sentence = rng.chance(0.5)
      ? `${cap(rng.pick(OFFICERS))} reported that ${rng.pick(PREDICATES)}.`
      : `${cap(rng.pick(SUBJECTS))} was discussed and ${rng.pick(PREDICATES)}.`;
    // Stop nearest the target: a sentence goes in only if it ends closer to it than leaving it out would.
    if (sentences.length > 0 && length + sentence.length / 2 > target) break;
    sentences.push(sentence);
    length += sentence.length + 1;
  }
  return sentences.join(" ");
}

/** An item title. */
export function title(rng: Rng): string {
  return `${rng.pick(TOPICS)} – ${cap(rng.pick(SUBJECTS))}`;
}

/** A discussion comment (a question or concern) and, usually, the answer given. */
export function comment(rng: Rng): { comment: string; response: string } {
  const question = `${rng.pick(COMMENT_OPENERS)} ${rng.pick(SUBJECTS)}${rng.chance(0.15) ? ` and whether ${rng.pick(PREDICATES)}` : ""}.`;
  const response = rng.chance(0.7)
    ? `${rng.pick(RESPONSE_OPENERS)} ${rng.pick(PREDICATES)}${rng.chance(0.05) ? ` and ${rng.pick(PREDICATES)}` : ""}.`
    : "";
  return { comment: question, response };
}

/** The wording of a resolution. */
export function resolution(rng: Rng): string {
  return rng.pick(RESOLUTIONS);
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
