import { SESSION_COOKIE } from "../../../shared/protocol/paths";
import { startTestServer, type TestServer } from "../../helpers/server";

/** The password every test account gets. */
export const PASSWORD = "correct horse battery";

/** Who makes a request: a session cookie header, a bearer token, or nobody. */
export interface As {
  cookie?: string;
  token?: string;
}

/** A REST reply: the status, the headers, and the body (parsed JSON, or text). */
export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** What to send: JSON (`json`), or a raw body with its content type. */
export interface Send extends As {
  json?: unknown;
  raw?: string;
  contentType?: string;
}

/** The request headers that carry `as`. */
export function authHeaders(as: As = {}): Record<string, string> {
  return { ...(as.cookie ? { cookie: as.cookie } : {}), ...(as.token ? { authorization: `Bearer ${as.token}` } : {}) };
}

/** Calls the test server's REST API; JSON replies are parsed, others read as text. */
export async function api<T = unknown>(ts: TestServer, method: string, path: string, send: Send = {}): Promise<Reply<T>> {
  const headers = authHeaders(send);
  let body: string | undefined;
  if (send.json !== undefined) {
    body = JSON.stringify(send.json);
    headers["content-type"] = "application/json";
  } else if (send.raw !== undefined) {
    body = send.raw;
    headers["content-type"] = send.contentType ?? "application/json";
  }
  const res = await fetch(`${ts.url}${path}`, { method, headers, body });
  const text = await res.text();
  const json = (res.headers.get("content-type") ?? "").includes("application/json") && text.length > 0;
  return { status: res.status, headers: res.headers, body: (json ? JSON.parse(text) : text) as T };
}

/** Signs in and returns the `Cookie` header value that carries the session. */
export async function signIn(ts: TestServer, name: string, password = PASSWORD): Promise<string> {
  const res = await fetch(`${ts.url}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${name} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error(`sign-in as ${name} set no ${SESSION_COOKIE} cookie`);
  return cookie.split(";")[0]!;
}

/** A test server with an admin, a clerk and a chair account, each signed in. */
export interface Staffed {
  ts: TestServer;
  admin: { id: string; cookie: string };
  clerk: { id: string; cookie: string };
  chair: { id: string; cookie: string };
}

/** Starts a server and signs in one account of each kind. */
export async function startStaffedServer(): Promise<Staffed> {
  const ts = await startTestServer();
  const [adminId, clerkId, chairId] = await Promise.all([
    ts.addUser("admin", "admin"),
    ts.addUser("clerk", "clerk"),
    ts.addUser("chair", "chair"),
  ]);
  const [adminCookie, clerkCookie, chairCookie] = await Promise.all([signIn(ts, "admin"), signIn(ts, "clerk"), signIn(ts, "chair")]);
  return {
    ts,
    admin: { id: adminId, cookie: adminCookie },
    clerk: { id: clerkId, cookie: clerkCookie },
    chair: { id: chairId, cookie: chairCookie },
  };
}

/** The body of a REST error. */
export interface ErrorBody {
  error: { code: string; message: string };
}
