/** Stable ids for the model's errors, so callers (and the wire protocol) can branch on them. */
export type ModelErrorCode =
  "item-not-found" | "entry-not-found" | "person-not-found" | "text-not-found" | "resolution-confirmed" | "conflict" | "invalid-input";

/** An error from the meeting model: a stable code and a message naming the bad input. */
export class ModelError extends Error {
  override readonly name = "ModelError";
  constructor(
    readonly code: ModelErrorCode,
    message: string,
    /** What the caller needs to act on the error (for `conflict`: what changed). */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** A zod error in one line that names each bad field: "path: message" per issue (the message alone for the value itself), joined by "; ". */
export function describeIssues(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.map(String).join(".")}: ${i.message}` : i.message)).join("; ");
}
