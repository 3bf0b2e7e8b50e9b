import { CLOSE } from "./closeCodes";

/** How one kind of error reaches a client on each transport. */
export interface ErrorRoute {
  /** The HTTP status of a REST answer, and of a refused Yjs WebSocket upgrade. */
  readonly status: number;
  /** The close code when the error ends an open Yjs connection; null when it never does. */
  readonly close: number | null;
}

/**
 * Every error code, and how each is answered: over REST with its status and
 * `{ error: { code, message } }`; at the Yjs upgrade with its status; on an open Yjs
 * connection with its close code; over socket.io as `{ code, message }` (an action's
 * acknowledgement, or `connect_error`'s `data`), the code unchanged. The model's own codes
 * (item-not-found, …) keep their names on every transport, so a client can tell a missing
 * item from a missing meeting.
 */
export const ERRORS = {
  "bad-request": { status: 400, close: CLOSE.malformed },
  "invalid-input": { status: 400, close: null },
  unauthenticated: { status: 401, close: null },
  forbidden: { status: 403, close: null },
  "not-found": { status: 404, close: CLOSE.gone },
  "item-not-found": { status: 404, close: null },
  "entry-not-found": { status: 404, close: null },
  "person-not-found": { status: 404, close: null },
  "text-not-found": { status: 404, close: null },
  conflict: { status: 409, close: null },
  "too-large": { status: 413, close: CLOSE.tooLarge },
  "unsupported-media-type": { status: 415, close: null },
  locked: { status: 423, close: null },
  "resolution-confirmed": { status: 423, close: null },
  "rate-limited": { status: 429, close: CLOSE.rateLimited },
  "too-many-connections": { status: 429, close: null },
  "store-unreadable": { status: 500, close: null },
  internal: { status: 500, close: null },
  "store-unwritable": { status: 503, close: null },
} as const satisfies Record<string, ErrorRoute>;

/** A stable id for an error; the wire and the API carry it unchanged. */
export type ErrorCode = keyof typeof ERRORS;

/** The close codes the table gives, by error code: only those that end a connection. */
type Closing = { [C in ErrorCode]: (typeof ERRORS)[C]["close"] extends number ? C : never }[ErrorCode];

/** An error with a stable code from `ERRORS` and a message naming the bad input. */
export class AppError extends Error {
  override readonly name: string = "AppError";
  /** For `rate-limited`: when to try again, sent as Retry-After. */
  readonly retryAfterSeconds: number | undefined;
  /** What the caller needs to act on the error (for `conflict`: what changed). */
  readonly details: unknown;
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; retryAfterSeconds?: number; details?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.retryAfterSeconds = options?.retryAfterSeconds;
    this.details = options?.details;
  }
  /** The HTTP status that goes with the code. */
  get status(): number {
    return ERRORS[this.code].status;
  }
}

/** The HTTP status for anything thrown: its code's, or 500 for what is not an AppError. */
export function httpStatus(error: unknown): number {
  return error instanceof AppError ? error.status : ERRORS.internal.status;
}

/** The close code an open Yjs connection is closed with for `code`. */
export function closeCode(code: Closing): number {
  return ERRORS[code].close;
}

/** Plain JSON for an error, as sent over REST, socket.io and CLI output: what is not an AppError says only "Internal error.". */
export function errorBody(error: unknown): { code: ErrorCode; message: string; details?: unknown } {
  if (!(error instanceof AppError)) return { code: "internal", message: "Internal error." };
  return error.details === undefined
    ? { code: error.code, message: error.message }
    : { code: error.code, message: error.message, details: error.details };
}

/**
 * A zod error in one line that names each bad field: "path: message" per issue, joined by
 * "; ". An issue about the value as a whole is named `whole` ("(body)") when given, or
 * is its message alone.
 */
export function describeIssues(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }, whole?: string): string {
  return error.issues
    .map((i) => {
      const where = i.path.length ? i.path.map(String).join(".") : whole;
      return where ? `${where}: ${i.message}` : i.message;
    })
    .join("; ");
}
