import { z } from "zod";
import { newId } from "./ids";
import { entity } from "./entity";
import { voteSchema } from "./Vote";

/** Id of a motion or amendment. */
export const motionIdSchema = z.string().min(1).brand<"MotionId">();
export type MotionId = z.infer<typeof motionIdSchema>;

/** A motion or an amendment to one, with mover, seconder, outcome and vote. */
export const motionSchema = z.object({
  id: motionIdSchema,
  kind: z.enum(["motion", "amendment"]).default("motion"),
  text: z.string().default(""),
  moverId: z.string().nullable().default(null),
  seconderId: z.string().nullable().default(null),
  amendsId: z.string().nullable().default(null),
  outcome: z.enum(["pending", "carried", "lost", "withdrawn"]).default("pending"),
  vote: voteSchema.nullable().default(null),
});
export type Motion = z.infer<typeof motionSchema>;
export type MotionInput = Partial<z.input<typeof motionSchema>>;

/** A pending motion with a fresh id. */
export function createMotion(input: MotionInput = {}): Motion {
  return motionSchema.parse({ id: newId(), ...input });
}

/** A motion as the model keeps it: typed into its wording. */
export const motionEntity = entity({ schema: motionSchema, texts: ["text"], create: createMotion });
