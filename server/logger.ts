import pino from "pino";

/** A logger with a category per area; passed in, never a module-level singleton. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** The logger of a sub-area: its lines carry `category` "<this category>.<sub>". */
  child(category: string): Logger;
  /** A logger whose every line also carries `fields`: a request's or a connection's id, so its lines can be followed. */
  with(fields: Record<string, unknown>): Logger;
}

/** The levels LOG_LEVEL may name; `silent` writes nothing (tests). */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

/**
 * Structured JSON logs, one line per event, with pino: `{"level":"info","time":"…",
 * "category":"app.rooms","meetingId":"…","message":"…"}`. Lines at `level` and above go to
 * `write` (without the newline), or to stderr, written as they happen so none is lost when
 * the process exits. Each category, and each request or connection, is a pino child logger.
 */
export function createLogger(level: LogLevel = "info", write?: (line: string) => void, category = "app"): Logger {
  const destination = write
    ? { write: (chunk: string) => write(chunk.endsWith("\n") ? chunk.slice(0, -1) : chunk) }
    : pino.destination({ dest: 2, sync: true });
  const root = pino(
    {
      level,
      messageKey: "message",
      // pid and hostname would go on every line; the process manager knows them.
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  return wrap(root, { category });
}

/** Our call order (message first) over a pino child that holds the category and any bound fields once, so no key repeats. */
function wrap(root: pino.Logger, bindings: Record<string, unknown> & { category: string }): Logger {
  const logger = root.child(bindings);
  const at =
    (level: "debug" | "info" | "warn" | "error") =>
    (message: string, fields?: Record<string, unknown>): void =>
      fields ? logger[level](fields, message) : logger[level](message);
  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    child: (sub) => wrap(root, { ...bindings, category: `${bindings.category}.${sub}` }),
    with: (fields) => wrap(root, { ...bindings, ...fields }),
  };
}
