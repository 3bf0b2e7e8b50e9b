import { z } from "zod";
import { newId } from "./ids";

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

/** True for a well-formed supporting document. */
export function isSupportingDocument(value: unknown): value is SupportingDocument {
  return supportingDocumentSchema.safeParse(value).success;
}
