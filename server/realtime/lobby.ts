import type { Server } from "socket.io";
import type { ClientToServerEvents, LobbyMeeting, ServerToClientEvents } from "../../shared/protocol/events";
import { LOBBY_ROOM } from "../../shared/protocol/paths";
import { roleIn, type Principal } from "../auth/access";
import type { MeetingRecord, Store } from "../persistence/Store";
import type { Logger } from "../logger";

type IO = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { principal: Principal }>;

/** What the lobby needs. */
export interface LobbyDeps {
  io: IO;
  store: Store;
  log: Logger;
  /** How many are present in a meeting now (the lobby shows it). */
  present(meetingId: string): number;
  /** Sends start at least this far apart (LIMITS.lobbyBroadcastMs). */
  intervalMs: number;
}

/** Sockets of one principal see the same list: the key groups them. */
function viewKey(principal: Principal): string {
  if (principal.kind === "user") return `user:${principal.user.id}:${principal.user.role}`;
  if (principal.kind === "token") return `token:${principal.meetingId}:${principal.role}`;
  return "anonymous";
}

/**
 * The live lobby: each principal's own list of meetings, and `lobby:changed` to the sockets
 * in it. Changes are coalesced: a send starts at most once per `intervalMs` and carries the
 * state as it then is, the meeting list is read once per send whoever is listening, and a
 * socket is sent nothing when its own list has not changed since the last send. So a crowd
 * joining and leaving costs a few sends a second however large it is, and those who cannot
 * see what changed are sent nothing at all.
 */
export function createLobby({ io, store, log, present, intervalMs }: LobbyDeps) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let sending = false;
  let dirty = false;
  let lastStart = -Infinity;
  /** The list each view key was last sent (as JSON), to tell whether it changed. */
  let lastSent = new Map<string, string>();

  function view(meetings: MeetingRecord[], principal: Principal): LobbyMeeting[] {
    return meetings
      .map((m) => ({ m, role: roleIn(principal, m) }))
      .filter(({ role }) => role !== null)
      .sort((a, b) => (b.m.date || b.m.createdAt).localeCompare(a.m.date || a.m.createdAt))
      .map(({ m, role }) => ({
        id: m.id,
        title: m.title,
        committee: m.committee,
        date: m.date,
        status: m.status,
        public: m.public,
        role,
        present: present(m.id),
      }));
  }

  function schedule(): void {
    if (timer || sending || !dirty) return;
    timer = setTimeout(
      () => {
        timer = null;
        sending = true;
        void send().finally(() => {
          sending = false;
          schedule();
        });
      },
      Math.max(0, lastStart + intervalMs - performance.now()),
    );
    // A pending send must not keep a stopping process alive; with nobody connected it does nothing anyway.
    timer.unref?.();
  }

  async function send(): Promise<void> {
    dirty = false;
    lastStart = performance.now();
    // Callers fire and forget, so a store that cannot be read is logged here: left to reject, it would end the process.
    try {
      const sockets = await io.in(LOBBY_ROOM).fetchSockets();
      const groups = new Map<string, { principal: Principal; ids: string[] }>();
      for (const socket of sockets) {
        const key = viewKey(socket.data.principal);
        const group = groups.get(key) ?? { principal: socket.data.principal, ids: [] };
        group.ids.push(socket.id);
        groups.set(key, group);
      }
      const meetings = groups.size ? await store.listMeetings() : [];
      const sent = new Map<string, string>();
      for (const [key, { principal, ids }] of groups) {
        const list = view(meetings, principal);
        const json = JSON.stringify(list);
        sent.set(key, json);
        // One emit per group: socket.io encodes the packet once for all its sockets.
        if (lastSent.get(key) !== json) io.to(ids).emit("lobby:changed", list);
      }
      lastSent = sent;
    } catch (error) {
      log.error("cannot update the lobby", { error: (error as Error).message });
    }
  }

  return {
    /** The meetings `principal` may see, as the lobby lists them. */
    async list(principal: Principal): Promise<LobbyMeeting[]> {
      return view(await store.listMeetings(), principal);
    },
    /** Something the lobby shows may have changed: a send follows within `intervalMs`. */
    changed(): void {
      dirty = true;
      schedule();
    },
  };
}
