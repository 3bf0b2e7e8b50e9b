import { z } from "zod";
import { newId } from "./ids";
import { entity } from "./entity";
import { blockEntity, blockSchema } from "./Block";
import { voteSchema } from "./Vote";
import { confirmationSchema } from "./Confirmation";

/** Id of a resolution. */
export const resolutionIdSchema = z.string().min(1).brand<"ResolutionId">();
export type ResolutionId = z.infer<typeof resolutionIdSchema>;

/** A resolution: draft wording, optional sub-bullets and vote, and the chair's confirmation once given. */
export const resolutionSchema = z.object({
  id: resolutionIdSchema,
  text: z.string().default(""),
  bullets: z.array(blockSchema).default([]),
  vote: voteSchema.nullable().default(null),
  confirmation: confirmationSchema.nullable().default(null),
});
export type Resolution = z.infer<typeof resolutionSchema>;
export type ResolutionInput = Partial<z.input<typeof resolutionSchema>>;

/** A draft resolution with a fresh id. */
export function createResolution(input: ResolutionInput = {}): Resolution {
  return resolutionSchema.parse({ id: newId(), ...input });
}

/** Draft until the chair confirms; confirmed wording is locked (SPEC rule 6). */
export function resolutionStatus(resolution: Resolution): "draft" | "confirmed" {
  return resolution.confirmation ? "confirmed" : "draft";
}

/** The wording to publish: the confirmed wording once there is one, the draft before. */
export function publishedWording(resolution: Resolution): { text: string; bullets: string[] } {
  if (resolution.confirmation) return { text: resolution.confirmation.text, bullets: resolution.confirmation.bullets };
  return { text: resolution.text, bullets: resolution.bullets.map((b) => b.text) };
}

/** A resolution as the model keeps it: typed into its wording, with its sub-bullets a list of blocks; the confirmation lives apart, written by the server (SPEC 7). */
export const resolutionEntity = entity({
  schema: resolutionSchema,
  texts: ["text"],
  lists: { bullets: blockEntity },
  skip: ["confirmation"],
  create: createResolution,
});
