/** Stable ids for errors the server reports; the wire and the API carry them unchanged. */
export type AppErrorCode =
  | "bad-request"
  | "unauthenticated"
  | "forbidden"
  | "not-found"
  | "conflict"
  | "locked"
  | "too-large"
  | "unsupported-media-type"
  | "rate-limited"
  | "store-unreadable"
  | "store-unwritable"
  | "internal";

const STATUS: Record<AppErrorCode, number> = {
  "bad-request": 400,
  unauthenticated: 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  locked: 423,
  "too-large": 413,
  "unsupported-media-type": 415,
  "rate-limited": 429,
  "store-unreadable": 500,
  "store-unwritable": 503,
  internal: 500,
};

/** An error with a stable code and a message naming the bad input. */
export class AppError extends Error {
  override readonly name = "AppError";
  /** For `rate-limited`: when to try again, sent as Retry-After. */
  readonly retryAfterSeconds: number | undefined;
  constructor(
    readonly code: AppErrorCode,
    message: string,
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options);
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
  /** The HTTP status that goes with the code. */
  get status(): number {
    return STATUS[this.code];
  }
}

/** Plain JSON for an error, as sent over REST, socket.io acks and CLI output. */
export function errorBody(error: unknown): { code: AppErrorCode | string; message: string; details?: unknown } {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  if (error && typeof error === "object" && "code" in error && "message" in error && typeof error.message === "string") {
    const code = (error as { code: unknown }).code;
    const details = (error as { details?: unknown }).details;
    if (typeof code === "string" && /^[a-z-]+$/.test(code))
      return details === undefined ? { code, message: error.message } : { code, message: error.message, details };
  }
  return { code: "internal", message: "Internal error." };
}
