import { z } from "zod";
import { newId } from "./ids";
import { entity } from "./entity";

/** The kinds of block in purpose, narrative and resolution text: consecutive bullets form one list. */
export const BLOCK_KINDS = ["paragraph", "heading", "bullet"] as const;

/** Id of a block within its list. */
export const blockIdSchema = z.string().min(1).brand<"BlockId">();
export type BlockId = z.infer<typeof blockIdSchema>;

/** One paragraph, sub-heading or bullet of prose. */
export const blockSchema = z.object({
  id: blockIdSchema,
  kind: z.enum(BLOCK_KINDS).default("paragraph"),
  text: z.string().default(""),
});
export type Block = z.infer<typeof blockSchema>;
export type BlockInput = Partial<z.input<typeof blockSchema>>;

/** A block with a fresh id; a paragraph unless told otherwise. */
export function createBlock(input: BlockInput = {}): Block {
  return blockSchema.parse({ id: newId(), ...input });
}

/** A block as the model keeps it: typed into its text. */
export const blockEntity = entity({ schema: blockSchema, texts: ["text"], create: createBlock });
