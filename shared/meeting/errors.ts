import { AppError } from "../protocol/errors";

export { describeIssues } from "../protocol/errors";

/** The codes the meeting model throws: each has its row in the one table of errors (`shared/protocol/errors.ts`). */
export type ModelErrorCode =
  "item-not-found" | "entry-not-found" | "person-not-found" | "text-not-found" | "resolution-confirmed" | "conflict" | "invalid-input";

/** An error from the meeting model: an AppError whose code is one of the model's and whose message names the bad input. */
export class ModelError extends AppError {
  override readonly name: string = "ModelError";
  declare readonly code: ModelErrorCode;
  constructor(code: ModelErrorCode, message: string, details?: unknown) {
    super(code, message, details === undefined ? undefined : { details });
  }
}
