import { CLOSE } from "../../shared/protocol/closeCodes";
import type { Store } from "../persistence/Store";
import type { Logger } from "../logger";
import { Room } from "./Room";
import { TokenBucket } from "./rateLimit";
import type { SaveStatus } from "./persistence";

/** Settings the rooms take from the server's config. */
export interface RoomsOptions {
  flushIntervalMs: number;
  idleUnloadMs: number;
  versionIntervalMs: number;
  /** How long a closing room keeps retrying a failing store before its unsaved edits are given up (default 30 s). */
  closeRetryMs?: number;
  /** Viewer messages a second sent unbatched across all rooms before rooms batch (default 30,000). */
  viewerFanoutPerSecond?: number;
  onSaveStatus?(meetingId: string, status: SaveStatus): void;
}

/**
 * The meetings held in memory. A meeting loads on first use and leaves memory once nobody
 * has been connected for `idleUnloadMs`; a room that is still closing is waited for before
 * the meeting loads again, so two copies never write the same file. A room whose edits the
 * store has not taken yet (a full or read-only disk) stays in memory until they are written.
 */
export class Rooms {
  private readonly rooms = new Map<string, Room>();
  private readonly closing = new Map<string, Promise<void>>();
  private readonly idleTimers = new Map<string, ReturnType<typeof setTimeout>>();

  private readonly viewerBudget: TokenBucket;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly options: RoomsOptions,
  ) {
    const fanout = options.viewerFanoutPerSecond ?? 30_000;
    // A tenth of a second's worth may go at once: enough for a burst, not for a flood.
    this.viewerBudget = new TokenBucket(fanout, fanout / 10);
  }

  /** The loaded room of a meeting, loading it if need be. */
  async get(id: string): Promise<Room> {
    this.cancelIdle(id);
    const pending = this.closing.get(id);
    if (pending) await pending;
    let room = this.rooms.get(id);
    if (!room) {
      room = new Room(id, {
        store: this.store,
        log: this.log,
        flushIntervalMs: this.options.flushIntervalMs,
        versionIntervalMs: this.options.versionIntervalMs,
        viewerBudget: this.viewerBudget,
        onSaveStatus: (meetingId, status) => this.options.onSaveStatus?.(meetingId, status),
        onIdle: (r) => this.scheduleIdle(r),
      });
      this.rooms.set(id, room);
      room.ready.catch((error: Error) => {
        this.log.error("cannot load meeting", { meetingId: id, error: error.message });
        if (this.rooms.get(id) === room) this.rooms.delete(id);
      });
    }
    await room.ready;
    return room;
  }

  /** Runs server-side work on a meeting's room, keeping it loaded meanwhile. */
  async with<T>(id: string, fn: (room: Room) => T | Promise<T>): Promise<T> {
    const room = await this.get(id);
    return room.hold(fn);
  }

  /** The room if it is in memory now, without loading it. */
  peek(id: string): Room | undefined {
    return this.rooms.get(id);
  }

  /** How many meetings are in memory. */
  get loaded(): number {
    return this.rooms.size;
  }

  /** Meetings whose edits cannot be written now: how many are waiting, and why. */
  saveProblems(): { meetingId: string; unsaved: number; error: string }[] {
    return [...this.rooms.values()].flatMap((room) =>
      room.saveStatus.error ? [{ meetingId: room.id, unsaved: room.saveStatus.unsaved, error: room.saveStatus.error }] : [],
    );
  }

  private cancelIdle(id: string): void {
    const timer = this.idleTimers.get(id);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(id);
  }

  private scheduleIdle(room: Room): void {
    this.cancelIdle(room.id);
    this.idleTimers.set(
      room.id,
      setTimeout(() => {
        this.idleTimers.delete(room.id);
        if (!room.isIdle || this.rooms.get(room.id) !== room) return;
        // Unloading would drop edits only memory holds; the room's own retries write them, and it is looked at again later.
        if (room.saveStatus.unsaved > 0) this.scheduleIdle(room);
        else void this.unload(room.id);
      }, this.options.idleUnloadMs),
    );
  }

  /**
   * Writes and frees one meeting's room; closes any connections with `code`. Unless the
   * meeting is being deleted (`CLOSE.gone`), its edits are written first, retrying a failing store.
   */
  async unload(id: string, code?: number, reason?: string): Promise<void> {
    const room = this.rooms.get(id);
    if (!room) return;
    this.cancelIdle(id);
    this.rooms.delete(id);
    const done = (code === CLOSE.gone ? Promise.resolve() : this.saved(room))
      .then(() => room.close(code, reason))
      .then(() => this.store.releaseDocument(id))
      .catch((error: Error) => this.log.error("error while closing meeting", { meetingId: id, error: error.message }))
      .finally(() => this.closing.delete(id));
    this.closing.set(id, done);
    await done;
  }

  /**
   * Resolves once the room's edits are in the store, retrying with backoff while it fails.
   * After `closeRetryMs` the edits are given up, with an error naming how many: closing
   * must end, but never silently.
   */
  private async saved(room: Room): Promise<void> {
    const deadline = Date.now() + (this.options.closeRetryMs ?? 30_000);
    for (let attempt = 0; ; attempt++) {
      await room.flush();
      const { unsaved, error } = room.saveStatus;
      if (unsaved === 0) return;
      if (Date.now() >= deadline) {
        this.log.error("closing meeting with edits the store never took: they are lost", { meetingId: room.id, unsaved, error });
        return;
      }
      if (attempt === 0) this.log.warn("meeting has unsaved edits; retrying before it closes", { meetingId: room.id, unsaved, error });
      await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 50 * 2 ** attempt)));
    }
  }

  /** Writes and frees every room (shutdown). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.rooms.keys()].map((id) => this.unload(id)));
    await Promise.all([...this.closing.values()]);
  }
}
