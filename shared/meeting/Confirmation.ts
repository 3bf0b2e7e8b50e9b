import { z } from "zod";

/**
 * The chair's confirmation of a resolution: who, when, and the exact wording confirmed.
 * It lives apart from the editable wording so that only the server writes it.
 */
export const confirmationSchema = z.object({
  by: z.string().min(1),
  byName: z.string().default(""),
  at: z.iso.datetime(),
  text: z.string(),
  bullets: z.array(z.string()).default([]),
});
export type Confirmation = z.infer<typeof confirmationSchema>;
