import type { Request } from "express";
import { authenticate, requireRole, type Principal } from "../auth/access";
import type { TokenSigner } from "../auth/tokens";
import type { MeetingRecord, Store } from "../persistence/Store";
import type { Rooms } from "../realtime/Rooms";
import type { Logger } from "../logger";
import type { Config } from "../config";
import { AppError } from "../errors";
import { canWrite, type MeetingRole } from "../../shared/protocol/roles";

/** What every router needs. */
export interface ApiDeps {
  config: Config;
  store: Store;
  signer: TokenSigner;
  rooms: Rooms;
  log: Logger;
  onMeetingsChanged(): void;
}

/** The request's principal (token, session cookie, or anonymous). */
export function principalOf(req: Request, deps: ApiDeps): Promise<Principal> {
  return authenticate(req, deps.store, deps.signer);
}

/** Fails unless the principal is a signed-in admin. */
export async function requireAdmin(req: Request, deps: ApiDeps): Promise<Principal & { kind: "user" }> {
  const principal = await principalOf(req, deps);
  if (principal.kind !== "user") throw new AppError("unauthenticated", "Sign in as an administrator to do this.");
  if (principal.user.role !== "admin")
    throw new AppError("forbidden", `Only administrators may do this; "${principal.user.name}" is a ${principal.user.role}.`);
  return principal;
}

/** The meeting and the principal's role in it; `write` demands a clerk or chair. */
export async function meetingAccess(
  req: Request,
  deps: ApiDeps,
  need: "read" | "write" = "read",
): Promise<{ meeting: MeetingRecord; role: MeetingRole; principal: Principal }> {
  const principal = await principalOf(req, deps);
  const id = String(req.params.id);
  const meeting = await deps.store.getMeeting(id);
  if (!meeting) throw new AppError("not-found", `No meeting with id "${id}".`);
  const role = requireRole(principal, meeting);
  if (need === "write" && !canWrite(role)) throw new AppError("forbidden", `Viewers cannot change meeting "${id}".`);
  return { meeting, role, principal };
}
