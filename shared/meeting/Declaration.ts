import { z } from "zod";
import { newId } from "./ids";
import { entity } from "./entity";

/** The kinds of interest a member may declare, as UK codes of conduct name them. */
export const INTEREST_KINDS = ["pecuniary", "personal", "prejudicial", "other"] as const;

/** Id of a declaration. */
export const declarationIdSchema = z.string().min(1).brand<"DeclarationId">();
export type DeclarationId = z.infer<typeof declarationIdSchema>;

/** A declaration of interest on one item: who (a person in the meeting, or a name as typed) and the interest. */
export const declarationSchema = z.object({
  id: declarationIdSchema,
  personId: z.string().nullable().default(null),
  name: z.string().default(""),
  interest: z.string().default(""),
  kind: z.enum(INTEREST_KINDS).default("personal"),
});
export type Declaration = z.infer<typeof declarationSchema>;
export type DeclarationInput = Partial<z.input<typeof declarationSchema>>;

/** A declaration with a fresh id. */
export function createDeclaration(input: DeclarationInput = {}): Declaration {
  return declarationSchema.parse({ id: newId(), ...input });
}

/** Pecuniary and prejudicial interests bar the member from voting on the item (SPEC rule 9). */
export function barsVoting(declaration: Declaration): boolean {
  return declaration.kind === "pecuniary" || declaration.kind === "prejudicial";
}

/** A declaration as the model keeps it: typed into the name and the interest. */
export const declarationEntity = entity({
  schema: declarationSchema,
  texts: ["name", "interest"],
  create: createDeclaration,
});
