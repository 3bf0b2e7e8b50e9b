import { z } from "zod";
import { newId } from "./ids";
import { entity } from "./entity";

/** Id of a discussion entry. */
export const entryIdSchema = z.string().min(1).brand<"EntryId">();
export type EntryId = z.infer<typeof entryIdSchema>;

/**
 * One bullet of "The following comments were made/ issues raised:-": the comment or
 * question, the answer given (if any), who spoke, and when the clerk started it, which
 * lets the HTML export link the bullet to the webcast at that moment. A `note` is a
 * plain paragraph that stood among the bullets.
 */
export const discussionEntrySchema = z.object({
  id: entryIdSchema,
  kind: z.enum(["comment", "note"]).default("comment"),
  comment: z.string().default(""),
  response: z.string().default(""),
  speaker: z.string().default(""),
  startedAt: z.iso.datetime().nullable().default(null),
});
export type DiscussionEntry = z.infer<typeof discussionEntrySchema>;
export type DiscussionEntryInput = Partial<z.input<typeof discussionEntrySchema>>;

/** A comment with a fresh id. */
export function createDiscussionEntry(input: DiscussionEntryInput = {}): DiscussionEntry {
  return discussionEntrySchema.parse({ id: newId(), ...input });
}

/** A discussion entry as the model keeps it: typed into the comment, the answer and the speaker. */
export const discussionEntryEntity = entity({
  schema: discussionEntrySchema,
  texts: ["comment", "response", "speaker"],
  create: createDiscussionEntry,
});
