import type { z } from "zod";
import { AppError, describeIssues } from "../errors";

/** Parses request input with a schema; the error names the field and what is wrong with it. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new AppError("bad-request", `Invalid ${what}: ${describeIssues(parsed.error, "(body)")}`);
}
