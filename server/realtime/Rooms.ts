import type { Store } from "../persistence/Store";
import type { Logger } from "../logger";
import { Room } from "./Room";
import type { SaveStatus } from "./persistence";

/** Settings the rooms take from the server's config. */
export interface RoomsOptions {
  flushIntervalMs: number;
  idleUnloadMs: number;
  versionIntervalMs: number;
  onSaveStatus?(meetingId: string, status: SaveStatus): void;
}

/**
 * The meetings held in memory. A meeting loads on first use and leaves memory once nobody
 * has been connected for `idleUnloadMs`; a room that is still closing is waited for before
 * the meeting loads again, so two copies never write the same file.
 */
export class Rooms {
  private readonly rooms = new Map<string, Room>();
  private readonly closing = new Map<string, Promise<void>>();
  private readonly idleTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly options: RoomsOptions,
  ) {}

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
        if (room.isIdle && this.rooms.get(room.id) === room) void this.unload(room.id);
      }, this.options.idleUnloadMs),
    );
  }

  /** Writes and frees one meeting's room; closes any connections with `code`. */
  async unload(id: string, code?: number, reason?: string): Promise<void> {
    const room = this.rooms.get(id);
    if (!room) return;
    this.cancelIdle(id);
    this.rooms.delete(id);
    const done = room
      .close(code, reason)
      .then(() => this.store.releaseDocument(id))
      .catch((error: Error) => this.log.error("error while closing meeting", { meetingId: id, error: error.message }))
      .finally(() => this.closing.delete(id));
    this.closing.set(id, done);
    await done;
  }

  /** Writes and frees every room (shutdown). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.rooms.keys()].map((id) => this.unload(id)));
    await Promise.all([...this.closing.values()]);
  }
}
