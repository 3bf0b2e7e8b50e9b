import { z } from "zod";
import { newId } from "./ids";
import { entity } from "./entity";

/** Id of an action. */
export const actionIdSchema = z.string().min(1).brand<"ActionId">();
export type ActionId = z.infer<typeof actionIdSchema>;

/** An action arising from an item: what, who owns it, when it is due. */
export const actionSchema = z.object({
  id: actionIdSchema,
  what: z.string().default(""),
  owner: z.string().default(""),
  due: z.iso.date().nullable().default(null),
  done: z.boolean().default(false),
});
export type Action = z.infer<typeof actionSchema>;
export type ActionInput = Partial<z.input<typeof actionSchema>>;

/** An open action with a fresh id. */
export function createAction(input: ActionInput = {}): Action {
  return actionSchema.parse({ id: newId(), ...input });
}

/** An action as the model keeps it: typed into its wording and owner. */
export const actionEntity = entity({ schema: actionSchema, texts: ["what", "owner"], create: createAction });
