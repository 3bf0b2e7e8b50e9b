import type { Server, Socket } from "socket.io";
import { confirmResolution, reopenResolution, recordVote, setCurrentItem, ORIGIN } from "../../shared/meeting";
import {
  actionSchemas,
  type Ack,
  type ActionName,
  type ActionResults,
  type ClientToServerEvents,
  type PresenceEntry,
  type ServerToClientEvents,
} from "../../shared/protocol/events";
import { LIMITS } from "../../shared/protocol/limits";
import { LOBBY_ROOM, meetingRoom } from "../../shared/protocol/paths";
import { canChair, type MeetingRole } from "../../shared/protocol/roles";
import { assertMinutesWritable, changeStatus } from "../lifecycle/changeStatus";
import { approveByResolution } from "../lifecycle/approvalItems";
import { AppError, describeIssues, errorBody } from "../errors";
import { authenticate, principalId, principalName, requireRole, type Principal } from "../auth/access";
import type { TokenSigner } from "../auth/tokens";
import type { MeetingRecord, Store } from "../persistence/Store";
import type { Logger } from "../logger";
import type { Rooms } from "./Rooms";
import { createLobby } from "./lobby";

type IO = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { principal: Principal }>;
type ControlSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { principal: Principal }>;

/** What the control plane needs. */
export interface ControlPlaneDeps {
  io: IO;
  store: Store;
  signer: TokenSigner;
  rooms: Rooms;
  log: Logger;
}

/**
 * The socket.io control plane: the live lobby, presence, the chair's actions and status
 * changes. Every action is validated with its zod schema, authorised against the meeting,
 * and acknowledged with a result or an error naming what was wrong.
 */
export function createControlPlane({ io, store, signer, rooms, log }: ControlPlaneDeps) {
  const presence = new Map<string, Map<string, PresenceEntry>>();
  const lobby = createLobby({
    io,
    store,
    log,
    present: (meetingId) => presence.get(meetingId)?.size ?? 0,
    intervalMs: LIMITS.lobbyBroadcastMs,
  });

  io.use((socket, next) => {
    const token = typeof socket.handshake.auth?.token === "string" ? socket.handshake.auth.token : null;
    const req = { headers: token ? { ...socket.handshake.headers, authorization: `Bearer ${token}` } : socket.handshake.headers, url: "/" };
    authenticate(req, store, signer)
      .then((principal) => {
        socket.data.principal = principal;
        next();
      })
      .catch((error) => next(Object.assign(new Error(errorBody(error).message), { data: errorBody(error) })));
  });

  async function meetingFor(principal: Principal, meetingId: string): Promise<{ meeting: MeetingRecord; role: MeetingRole }> {
    const meeting = await store.getMeeting(meetingId);
    if (!meeting) throw new AppError("not-found", `No meeting with id "${meetingId}".`);
    return { meeting, role: requireRole(principal, meeting) };
  }

  // Every chair action changes the minutes, so none is taken once they are circulated.
  async function asChair(principal: Principal, meetingId: string): Promise<void> {
    const { meeting, role } = await meetingFor(principal, meetingId);
    if (!canChair(role)) throw new AppError("forbidden", `Only the chair may do this; your role in meeting "${meetingId}" is ${role}.`);
    assertMinutesWritable(meeting);
  }

  function presenceList(meetingId: string): PresenceEntry[] {
    return [...(presence.get(meetingId)?.values() ?? [])];
  }

  /** Sets or clears one socket's presence and tells the meeting's room; a change that changes nothing tells nobody. */
  function setPresence(meetingId: string, socketId: string, entry: PresenceEntry | null): void {
    const map = presence.get(meetingId) ?? new Map<string, PresenceEntry>();
    const before = map.get(socketId);
    if (entry ? before && JSON.stringify(before) === JSON.stringify(entry) : !before) return;
    if (entry) map.set(socketId, entry);
    else map.delete(socketId);
    if (map.size === 0) presence.delete(meetingId);
    else presence.set(meetingId, map);
    io.to(meetingRoom(meetingId)).emit("presence:changed", { meetingId, presence: presenceList(meetingId) });
  }

  type Handlers = {
    [A in ActionName]: (socket: ControlSocket, input: ReturnType<(typeof actionSchemas)[A]["parse"]>) => Promise<ActionResults[A]>;
  };
  const handlers: Handlers = {
    "lobby:list": async (socket) => lobby.list(socket.data.principal),
    "meeting:join": async (socket, { meetingId }) => {
      const { role } = await meetingFor(socket.data.principal, meetingId);
      await socket.join(meetingRoom(meetingId));
      // Members of the public are not listed or counted: their coming and going then changes
      // nothing anyone sees, so however many come and go, it sends nothing to anyone. Joining
      // again keeps the entry (and the item it is on) as it is.
      if (socket.data.principal.kind !== "anonymous" && !presence.get(meetingId)?.has(socket.id)) {
        setPresence(meetingId, socket.id, { socketId: socket.id, name: principalName(socket.data.principal), role, itemId: null });
        lobby.changed();
      }
      return { presence: presenceList(meetingId), role };
    },
    "meeting:leave": async (socket, { meetingId }) => {
      await socket.leave(meetingRoom(meetingId));
      // Leaving a meeting one was not in changes nothing, and tells nobody.
      if (presence.get(meetingId)?.has(socket.id)) {
        setPresence(meetingId, socket.id, null);
        lobby.changed();
      }
      return null;
    },
    "presence:item": async (socket, { meetingId, itemId }) => {
      const current = presence.get(meetingId)?.get(socket.id);
      if (!current) throw new AppError("bad-request", `Join meeting "${meetingId}" before reporting which item you are on.`);
      setPresence(meetingId, socket.id, { ...current, itemId });
      return null;
    },
    "chair:confirm": async (socket, { meetingId, itemId, resolutionId, wording }) => {
      await asChair(socket.data.principal, meetingId);
      const principal = socket.data.principal;
      const confirmation = await rooms.with(meetingId, async (room) => {
        // Only the wording the chair read is confirmed: a keystroke after it is a conflict.
        const confirmation = confirmResolution(room.doc, itemId, resolutionId, {
          by: principalId(principal),
          byName: principalName(principal),
          seen: wording,
        });
        await room.flush();
        return confirmation;
      });
      // Confirming the "minutes of the previous meeting" resolution approves those minutes.
      const approved = await approveByResolution(
        { store, rooms },
        (await store.getMeeting(meetingId))!,
        itemId,
        resolutionId,
        confirmation,
      );
      if (approved) lobby.changed();
      return confirmation;
    },
    "chair:reopen": async (socket, { meetingId, resolutionId, confirmedAt }) => {
      await asChair(socket.data.principal, meetingId);
      await rooms.with(meetingId, (room) => reopenResolution(room.doc, resolutionId, ORIGIN.server, confirmedAt));
      return null;
    },
    "chair:currentItem": async (socket, { meetingId, itemId }) => {
      await asChair(socket.data.principal, meetingId);
      await rooms.with(meetingId, (room) => setCurrentItem(room.doc, itemId));
      return null;
    },
    "chair:vote": async (socket, { meetingId, itemId, resolutionId, vote, wording }) => {
      await asChair(socket.data.principal, meetingId);
      await rooms.with(meetingId, (room) => recordVote(room.doc, itemId, resolutionId, vote, ORIGIN.server, wording));
      return null;
    },
    "meeting:status": async (socket, { meetingId, status, reason }) => {
      const { meeting } = await meetingFor(socket.data.principal, meetingId);
      await changeStatus({ store, rooms }, meeting, socket.data.principal, status, reason);
      lobby.changed();
      return null;
    },
  };

  io.on("connection", (socket: ControlSocket) => {
    void socket.join(LOBBY_ROOM);
    for (const name of Object.keys(handlers) as ActionName[]) {
      socket.on(name, (...args: unknown[]) => {
        // The acknowledgement is the last argument whatever else was sent (none, or too many):
        // answer it rather than leave the caller waiting; the payload is the first.
        const ack = typeof args[args.length - 1] === "function" ? args.pop() : undefined;
        const payload = args.length === 1 ? args[0] : args.length === 0 ? undefined : args;
        const reply = (result: Ack<unknown>) => (typeof ack === "function" ? ack(result) : undefined);
        const parsed = actionSchemas[name].safeParse(payload);
        if (!parsed.success)
          return reply({
            ok: false,
            error: errorBody(new AppError("bad-request", `Invalid ${name} payload: ${describeIssues(parsed.error, "(payload)")}`)),
          });
        (handlers[name] as (s: ControlSocket, input: unknown) => Promise<unknown>)(socket, parsed.data).then(
          (data) => reply({ ok: true, data }),
          (error) => {
            if (!(error instanceof AppError))
              log.error("control action failed", { connectionId: socket.id, action: name, error: (error as Error).message });
            reply({ ok: false, error: errorBody(error) });
          },
        );
      });
    }
    socket.on("disconnect", () => {
      const left = [...presence].filter(([, map]) => map.has(socket.id));
      for (const [meetingId] of left) setPresence(meetingId, socket.id, null);
      // The lobby shows how many are present, so it changes too.
      if (left.length > 0) lobby.changed();
    });
  });

  return {
    /** Something the lobby shows changed (a meeting created, changed or deleted over REST): members get it within LIMITS.lobbyBroadcastMs. */
    broadcastLobby: () => lobby.changed(),
  };
}
