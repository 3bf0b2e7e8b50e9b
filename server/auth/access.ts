import type { IncomingMessage } from "node:http";
import { SESSION_COOKIE } from "../../shared/protocol/paths";
import type { MeetingRole } from "../../shared/protocol/roles";
import type { MeetingRecord, Store, UserRecord } from "../persistence/Store";
import { AppError } from "../errors";
import { TOKEN_PROBLEMS, type TokenSigner } from "./tokens";

/** Who is asking: a signed-in user, the holder of a meeting token, or an anonymous member of the public. */
export type Principal =
  { kind: "user"; user: UserRecord } | { kind: "token"; meetingId: string; role: MeetingRole } | { kind: "anonymous" };

/** Reads one cookie from a request header; a value that is not valid percent-encoding counts as absent. */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join("="));
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Works out the principal from a bearer token (header or `?token=`) or the session cookie.
 * A token that is present but bad is an error that says what is wrong with it, not a
 * silent fall-back to anonymous.
 */
export async function authenticate(req: Pick<IncomingMessage, "headers" | "url">, store: Store, signer: TokenSigner): Promise<Principal> {
  const header = req.headers.authorization;
  const query = new URL(req.url ?? "/", "http://x").searchParams.get("token");
  const bearer = header?.startsWith("Bearer ") ? header.slice(7).trim() : null;
  if (header && !bearer) throw new AppError("unauthenticated", "The Authorization header must be 'Bearer <token>'.");
  const token = bearer ?? query;
  if (token !== null) {
    const result = await signer.verify(token);
    if (!result.ok) throw new AppError("unauthenticated", `Token refused: ${TOKEN_PROBLEMS[result.problem]}.`);
    if (result.claims.k === "meeting") return { kind: "token", meetingId: result.claims.m, role: result.claims.r };
    return userPrincipal(store, result.claims.u);
  }
  const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
  if (cookie) {
    const result = await signer.verify(cookie);
    if (result.ok && result.claims.k === "session") {
      // A signed-out session's cookie may live on in a copy (another tab's export, a stolen header): it is refused, not anonymous.
      if (await store.isSessionRevoked(result.claims.s))
        throw new AppError("unauthenticated", "This session was signed out; sign in again.");
      return userPrincipal(store, result.claims.u);
    }
  }
  return { kind: "anonymous" };
}

async function userPrincipal(store: Store, userId: string): Promise<Principal> {
  const user = await store.getUser(userId);
  if (!user) throw new AppError("unauthenticated", "The account this session belongs to no longer exists; sign in again.");
  return { kind: "user", user };
}

/** An account's role in meetings it has no assignment for: clerks minute any meeting, chairs only their own. */
const DEFAULT_ROLE: Record<UserRecord["role"], MeetingRole> = { admin: "clerk", clerk: "clerk", chair: "viewer" };

/** The principal's role in a meeting, or null when it may not even read it. */
export function roleIn(principal: Principal, meeting: MeetingRecord): MeetingRole | null {
  if (principal.kind === "token") return principal.meetingId === meeting.id ? principal.role : null;
  if (principal.kind === "user") return meeting.roles[principal.user.id] ?? DEFAULT_ROLE[principal.user.role];
  return meeting.public ? "viewer" : null;
}

/** The role, or an error saying why there is none. */
export function requireRole(principal: Principal, meeting: MeetingRecord): MeetingRole {
  const role = roleIn(principal, meeting);
  if (role) return role;
  if (principal.kind === "token")
    throw new AppError("forbidden", `This token is for meeting "${principal.meetingId}", not "${meeting.id}".`);
  if (principal.kind === "anonymous")
    throw new AppError("unauthenticated", `Meeting "${meeting.id}" is not public: sign in or give a token.`);
  throw new AppError("forbidden", `You have no role in meeting "${meeting.id}".`);
}

/** Display name for presence and records. */
export function principalName(principal: Principal): string {
  if (principal.kind === "user") return principal.user.displayName || principal.user.name;
  if (principal.kind === "token") return `${principal.role} (token)`;
  return "Public";
}

/** A stable id for records (who confirmed). */
export function principalId(principal: Principal): string {
  if (principal.kind === "user") return principal.user.id;
  if (principal.kind === "token") return `token:${principal.role}`;
  return "anonymous";
}
