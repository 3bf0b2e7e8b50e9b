import { readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";
import { z } from "zod";
import { MAX_TOKEN_HOURS } from "./auth/signingKeys";

/**
 * Every setting the server and the CLI read, from the environment or a `.env` file, with
 * its default. This is the only module that reads process.env; problems are reported all
 * at once at start.
 */
const envSchema = z.object({
  /** TCP port to listen on; 0 picks a free one (tests). */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface to bind: 0.0.0.0 in production behind a proxy, 127.0.0.1 for a laptop. */
  HOST: z.string().min(1).default("0.0.0.0"),
  /** Where meetings, users and the signing key live (STORE=lowdb). */
  DATA_DIR: z.string().min(1).default("./data"),
  /** Which store keeps the data: lowdb (files in DATA_DIR, the default) or postgres (the database at DATABASE_URL). */
  STORE: z.enum(["lowdb", "postgres"]).default("lowdb"),
  /** The PostgreSQL database for STORE=postgres: postgres://user:password@host:port/database. */
  DATABASE_URL: z.string().default(""),
  /** Connections the server keeps open to the database at most. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  /** Browser origins allowed to open WebSockets and make changes over REST, comma-separated; empty means this server's own only. */
  ALLOWED_ORIGINS: z.string().default(""),
  /** Largest WebSocket message accepted, in bytes; larger ones close that connection. */
  MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(8 * 1024 * 1024),
  /** Messages a second one connection may send on average, and the burst it may save up. */
  RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(200),
  RATE_LIMIT_BURST: z.coerce.number().positive().default(2000),
  /**
   * Open connections one address may hold, to socket.io and to the Yjs endpoint each (an
   * IPv6 address counts by its /64); more are refused with 429 or a connect_error. The
   * default lets an office of about a hundred people share one NAT address. 0: no limit.
   */
  MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(0).default(200),
  /** Viewer messages a second sent one per keystroke across all meetings; past it, viewers get changes merged every 100 ms. */
  VIEWER_FANOUT_PER_SECOND: z.coerce.number().int().min(0).default(30_000),
  /** Longest an edit waits before it is written (milliseconds); 0 writes it at the end of the event-loop turn it came in. */
  FLUSH_INTERVAL_MS: z.coerce.number().int().min(0).max(100).default(0),
  /** How long a meeting with nobody connected stays in memory (milliseconds). */
  IDLE_UNLOAD_MS: z.coerce.number().int().min(0).default(30_000),
  /** How often an edited meeting gets an automatic version (milliseconds). */
  VERSION_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(5 * 60_000),
  /** Failed sign-ins allowed per account name, and per client address, within SIGN_IN_WINDOW_SECONDS; past either, sign-ins answer 429 until the window ends. */
  SIGN_IN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  SIGN_IN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  SIGN_IN_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(15 * 60),
  /** Session cookie lifetime in hours; at most a year and a day, as every token (server/auth/signingKeys.ts). */
  SESSION_HOURS: z.coerce.number().positive().max(MAX_TOKEN_HOURS).default(12),
  /** Mark cookies Secure (set when served over HTTPS). */
  COOKIE_SECURE: z.enum(["true", "false"]).default("false"),
  /** debug, info, warn, error or silent. */
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** Built client to serve; empty to serve none. */
  CLIENT_DIR: z.string().default("dist/client"),
});

/** The server's settings, typed and with defaults applied. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Which store keeps the data. */
  store: "lowdb" | "postgres";
  /** The database at DATABASE_URL (null when unset): the store with STORE=postgres, and what `db import` fills. */
  database: { url: string; poolSize: number } | null;
  allowedOrigins: string[];
  maxMessageBytes: number;
  rateLimit: { perSecond: number; burst: number };
  maxConnectionsPerAddress: number;
  viewerFanoutPerSecond: number;
  flushIntervalMs: number;
  idleUnloadMs: number;
  versionIntervalMs: number;
  sessionHours: number;
  signIn: { perAccount: number; perAddress: number; windowSeconds: number };
  cookieSecure: boolean;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
  clientDir: string;
  /** Where each setting that was given came from: "the environment" or the .env file's path. Settings not listed took their default. */
  sources: Record<string, string>;
}

/** Raised when the settings are bad or cannot be read; lists every one. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** The name of the settings file read from the working folder, by the server and the CLI alike. */
export const SETTINGS_FILE = ".env";

/** Settings as given to the process: values by variable name, where each came from, and the folder relative paths start from. */
export class Settings {
  constructor(
    readonly values: Record<string, string | undefined>,
    readonly sources: Record<string, string> = {},
    readonly cwd = process.cwd(),
  ) {}
}

/**
 * The process's environment over a `.env` file in `cwd`, if there is one. `npm start` and
 * `npm run minutes` both run in the project folder, so a folder set there (DATA_DIR) is
 * the one both use, however each was started; a variable in the environment wins.
 */
export function readSettings(cwd = process.cwd(), env: Record<string, string | undefined> = process.env): Settings {
  const file = path.resolve(cwd, SETTINGS_FILE);
  let text: string | null = null;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT")
      throw new ConfigError(`Cannot read the settings file ${file}: ${(error as Error).message}`);
  }
  const fromFile = text === null ? {} : parseEnv(text);
  const names = Object.keys(envSchema.shape);
  const values: Record<string, string | undefined> = {};
  const sources: Record<string, string> = {};
  for (const name of names) {
    if (env[name] !== undefined) [values[name], sources[name]] = [env[name], "the environment"];
    else if (fromFile[name] !== undefined) [values[name], sources[name]] = [fromFile[name], file];
  }
  return new Settings(values, sources, cwd);
}

/**
 * The settings, from `given` (the environment over `.env` by default; a plain record is
 * taken as it is, for tests), failing with every problem listed and where each came from.
 */
export function loadConfig(given: Settings | Record<string, string | undefined> = readSettings(), overrides: Partial<Config> = {}): Config {
  const { values: env, sources, cwd } = given instanceof Settings ? given : new Settings(given);
  const parsed = envSchema.safeParse(env);
  const issues = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => ({ name: String(i.path[0]), message: i.message }))),
    ...storeIssues(env),
  ];
  if (!parsed.success || issues.length > 0) {
    const lines = issues.map(({ name, message }) => {
      // Never a password in a message: a database URL is shown as far as its host.
      const shown = name === "DATABASE_URL" ? JSON.stringify(redactUrl(env[name] ?? "")) : JSON.stringify(env[name]);
      return `  ${name}=${shown}${sources[name] ? ` (from ${sources[name]})` : ""}: ${message}`;
    });
    throw new ConfigError(`Invalid settings:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    store: e.STORE,
    database: e.DATABASE_URL ? { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE } : null,
    allowedOrigins: e.ALLOWED_ORIGINS.split(",")
      .map((o) => o.trim())
      .filter(Boolean),
    maxMessageBytes: e.MAX_MESSAGE_BYTES,
    rateLimit: { perSecond: e.RATE_LIMIT_PER_SECOND, burst: e.RATE_LIMIT_BURST },
    maxConnectionsPerAddress: e.MAX_CONNECTIONS_PER_ADDRESS,
    viewerFanoutPerSecond: e.VIEWER_FANOUT_PER_SECOND,
    flushIntervalMs: e.FLUSH_INTERVAL_MS,
    idleUnloadMs: e.IDLE_UNLOAD_MS,
    versionIntervalMs: e.VERSION_INTERVAL_MS,
    sessionHours: e.SESSION_HOURS,
    signIn: {
      perAccount: e.SIGN_IN_FAILURES_PER_ACCOUNT,
      perAddress: e.SIGN_IN_FAILURES_PER_ADDRESS,
      windowSeconds: e.SIGN_IN_WINDOW_SECONDS,
    },
    cookieSecure: e.COOKIE_SECURE === "true",
    logLevel: e.LOG_LEVEL,
    clientDir: e.CLIENT_DIR ? path.resolve(cwd, e.CLIENT_DIR) : "",
    sources,
    ...overrides,
  };
}

/** What is wrong with the store settings taken together (each setting alone is checked by the schema). */
function storeIssues(env: Record<string, string | undefined>): { name: string; message: string }[] {
  const url = env.DATABASE_URL ?? "";
  if (env.STORE === "postgres" && !url)
    return [{ name: "DATABASE_URL", message: "STORE=postgres needs DATABASE_URL (postgres://user:password@host:port/database)" }];
  if (!url) return [];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [{ name: "DATABASE_URL", message: "not a URL: use postgres://user:password@host:port/database" }];
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:")
    return [{ name: "DATABASE_URL", message: `the scheme must be postgres: or postgresql:, not ${parsed.protocol}` }];
  if (!parsed.pathname.replace(/^\//, "")) return [{ name: "DATABASE_URL", message: "names no database (the path after the host)" }];
  return [];
}

/** A URL without its password, or a placeholder when it does not parse (it could be anything, a password included). */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url ? "(not shown)" : "";
  }
}
