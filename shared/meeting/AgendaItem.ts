import { z } from "zod";
import { entity } from "./entity";
import type { AgendaItem } from "./registry";

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

/** The officer contact as the model keeps it: a map of three typed fields inside its item. */
export const officerContactEntity = entity({
  schema: officerContactSchema,
  texts: ["name", "phone", "email"],
  create: (input: Partial<OfficerContact>) => officerContactSchema.parse(input),
});

/**
 * An agenda item's own fields: what was written before the meeting (number, title,
 * contact) and what stands beside its lists. Its lists (purpose, narrative, discussion, …)
 * are named in the registry, which adds them to this schema to make `agendaItemSchema`.
 */
export const agendaItemFieldsSchema = z.object({
  id: itemIdSchema,
  number: z.string().default(""),
  title: z.string().default(""),
  officerContact: officerContactSchema.default({ name: "", phone: "", email: "" }),
  discussionIntro: z.string().default(STANDARD_DISCUSSION_INTRO),
  takenAt: z.iso.datetime().nullable().default(null),
});

/** The item's fields a clerk types into; the officer contact's are typed inside its own map. */
export const ITEM_TEXTS = ["number", "title", "discussionIntro"] as const;

/** True when no minutes have been taken on the item yet. */
export function hasMinutes(item: AgendaItem): boolean {
  return item.narrative.length > 0 || item.discussion.length > 0 || item.resolutions.length > 0 || item.motions.length > 0;
}
