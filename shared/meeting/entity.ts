import type { z } from "zod";

/**
 * Everything the model needs to know about one kind of entity, in one value: its schema,
 * which of its fields are Y.Text, which hold ordered lists or a map of other entities, which
 * are kept elsewhere in the document, and its factory. The registry derives the document's
 * layout, the update guard's slots, the factories and the snapshot from these (SPEC 13).
 */
export interface Entity<S extends z.ZodObject = z.ZodObject, I = never> {
  readonly schema: S;
  /** Fields a clerk types into: each a Y.Text, created with the entity (SPEC 2). */
  readonly texts: readonly string[];
  /** Fields holding an ordered collection of other entities, keyed by id (SPEC 3). */
  readonly lists: Readonly<Record<string, AnyEntity>>;
  /** Fields holding one nested entity as a map of its own. */
  readonly maps: Readonly<Record<string, AnyEntity>>;
  /** Fields kept elsewhere in the document, never inside the entity's map. */
  readonly skip: readonly string[];
  /** A new entity with a fresh id and defaults filled in. */
  create(input: I): z.infer<S>;
}

/** Any entity, whatever its schema and input: what the layout, the guard and the snapshot work on. */
export type AnyEntity = Entity<z.ZodObject, never>;

type Field<S extends z.ZodObject> = Extract<keyof z.infer<S>, string>;

/** Describes an entity; every part but the schema and the factory defaults to none. */
export function entity<S extends z.ZodObject, I>(parts: {
  schema: S;
  texts?: readonly Field<S>[];
  lists?: Record<string, AnyEntity>;
  maps?: Record<string, AnyEntity>;
  skip?: readonly Field<S>[];
  create: (input: I) => z.infer<S>;
}): Entity<S, I> {
  return { texts: [], lists: {}, maps: {}, skip: [], ...parts };
}
