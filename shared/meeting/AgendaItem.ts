import { z } from "zod";
import { newId } from "./ids";
import { blockSchema } from "./Block";
import { discussionEntrySchema } from "./DiscussionEntry";
import { declarationSchema } from "./Declaration";
import { resolutionSchema } from "./Resolution";
import { actionSchema } from "./Action";
import { motionSchema } from "./Motion";
import { supportingDocumentSchema } from "./SupportingDocument";

/** Id of an agenda item. */
export const itemIdSchema = z.string().min(1).brand<"ItemId">();
export type ItemId = z.infer<typeof itemIdSchema>;

/** The line that opens the discussion in the published format. */
export const STANDARD_DISCUSSION_INTRO = "The following comments were made/ issues raised:-";

/** The officer named as contact for an item; all three empty means none. */
export const officerContactSchema = z.object({
  name: z.string().default(""),
  phone: z.string().default(""),
  email: z.string().default(""),
});
export type OfficerContact = z.infer<typeof officerContactSchema>;

/** One agenda item: what was written before the meeting (purpose, contact) and the minutes of it. */
export const agendaItemSchema = z.object({
  id: itemIdSchema,
  number: z.string().default(""),
  title: z.string().default(""),
  purpose: z.array(blockSchema).default([]),
  officerContact: officerContactSchema.default({ name: "", phone: "", email: "" }),
  narrative: z.array(blockSchema).default([]),
  discussionIntro: z.string().default(STANDARD_DISCUSSION_INTRO),
  discussion: z.array(discussionEntrySchema).default([]),
  declarations: z.array(declarationSchema).default([]),
  resolutions: z.array(resolutionSchema).default([]),
  actions: z.array(actionSchema).default([]),
  motions: z.array(motionSchema).default([]),
  documents: z.array(supportingDocumentSchema).default([]),
  takenAt: z.iso.datetime().nullable().default(null),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;
export type AgendaItemInput = Partial<z.input<typeof agendaItemSchema>>;

/** The lists an item holds, each an ordered collection of entries with ids. */
export const ITEM_LISTS = ["purpose", "narrative", "discussion", "declarations", "resolutions", "actions", "motions", "documents"] as const;
export type ItemListName = (typeof ITEM_LISTS)[number];

/** An empty item with a fresh id. */
export function createAgendaItem(input: AgendaItemInput = {}): AgendaItem {
  return agendaItemSchema.parse({ id: newId(), ...input });
}

/** True for a well-formed agenda item. */
export function isAgendaItem(value: unknown): value is AgendaItem {
  return agendaItemSchema.safeParse(value).success;
}

/** True when no minutes have been taken on the item yet. */
export function hasMinutes(item: AgendaItem): boolean {
  return item.narrative.length > 0 || item.discussion.length > 0 || item.resolutions.length > 0 || item.motions.length > 0;
}
