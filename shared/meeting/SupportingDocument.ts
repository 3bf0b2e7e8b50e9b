import { z } from "zod";
import { newId } from "./ids";
import { entity } from "./entity";

/** Id of a supporting document. */
export const documentIdSchema = z.string().min(1).brand<"DocumentId">();
export type DocumentId = z.infer<typeof documentIdSchema>;

/** A document listed under "Supporting documents:": its title and, when known, a link. */
export const supportingDocumentSchema = z.object({
  id: documentIdSchema,
  title: z.string().default(""),
  url: z.string().default(""),
});
export type SupportingDocument = z.infer<typeof supportingDocumentSchema>;
export type SupportingDocumentInput = Partial<z.input<typeof supportingDocumentSchema>>;

/** A supporting document with a fresh id. */
export function createSupportingDocument(input: SupportingDocumentInput = {}): SupportingDocument {
  return supportingDocumentSchema.parse({ id: newId(), ...input });
}

/** A supporting document as the model keeps it: typed into its title. */
export const supportingDocumentEntity = entity({
  schema: supportingDocumentSchema,
  texts: ["title"],
  create: createSupportingDocument,
});
