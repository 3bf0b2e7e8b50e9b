import { agendaItemSchema, type AgendaItem } from "../meeting";

/**
 * A small made-up item with every part a house style shapes (a comment with its answer, two
 * resolutions, a document): the style editor prints it so a manager sees each choice take effect.
 */
export const STYLE_SAMPLE: AgendaItem = agendaItemSchema.parse({
  id: "style-sample",
  number: "7",
  title: "Allotments Rent Review",
  narrative: [{ id: "n1", text: "The Committee considered a report on allotment rents for the coming year." }],
  discussion: [
    {
      id: "d1",
      comment: "Members asked whether concessions would continue for pensioners.",
      response: "The officer confirmed that they would.",
    },
  ],
  resolutions: [
    { id: "r1", text: "That rents rise by 3% from 1 April." },
    { id: "r2", text: "That the concession for pensioners continues." },
  ],
  documents: [{ id: "s1", title: "Allotments report", url: "" }],
});
