import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import * as syncProtocol from "y-protocols/sync";
import * as awarenessProtocol from "y-protocols/awareness";
import {
  ORIGIN,
  initMeeting,
  meetingText,
  minutesWritable,
  readOnlyReason,
  replaceText,
  setMeetingInfo,
  type MeetingStatus,
} from "../../shared/meeting";
import { CLOSE, MESSAGE, closeReason } from "../../shared/protocol/closeCodes";
import { LIMITS } from "../../shared/protocol/limits";
import { canWrite, type MeetingRole } from "../../shared/protocol/roles";
import type { Store } from "../persistence/Store";
import { applyStored } from "../persistence/applyStored";
import type { Logger } from "../logger";
import { PathCache, changesNothing } from "./updateGuard";
import { encodeAwareness, readAwareness } from "./awarenessEntries";
import { UpdateIntake, deny } from "./UpdateIntake";
import { message } from "./wireMessages";
import { DocPersistence, type SaveStatus } from "./persistence";
import { StatusReporter } from "./statusReporter";
import type { TokenBucket } from "./rateLimit";

/** One client's end of a Yjs connection, as the room sees it. */
export interface Peer {
  readonly role: MeetingRole;
  readonly name: string;
  /** This connection's logger: its lines carry the connection's id. */
  readonly log: Logger;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** What a room needs from the server around it. */
export interface RoomDeps {
  store: Store;
  log: Logger;
  flushIntervalMs: number;
  versionIntervalMs: number;
  /** Viewer messages a second the whole server sends unbatched (shared by every room). */
  viewerBudget: TokenBucket;
  onSaveStatus(meetingId: string, status: SaveStatus): void;
  onIdle(room: Room): void;
}

/** An update that changes nothing: what an empty replica sends as its sync step 2. */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}

/**
 * One meeting held in memory: its document, who is connected, and the writes to disk.
 * Writers get each change at once. Viewers do too while the server-wide viewer fan-out
 * budget lasts; past it (hundreds of viewers on dozens of busy meetings) a room merges its
 * viewers' changes into one message per LIMITS.viewerBatchMs, since viewers read and need
 * not see every keystroke as its own message, and the clerks' latency is what must hold.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly ready: Promise<void>;
  private readonly peers = new Map<Peer, { awarenessId: number | null; intake: UpdateIntake | null }>();
  private viewers = 0;
  private readonly paths = new PathCache();
  private readonly persistence: DocPersistence;
  private readonly saveReports: StatusReporter<SaveStatus>;
  private viewerQueue: Uint8Array[] = [];
  private viewerTimer: ReturnType<typeof setTimeout> | null = null;
  private holds = 0;
  private editedSinceVersion = false;
  private lastVersionAt = Date.now();
  private closed = false;
  /** The meeting's status as its record holds it: from circulation on, nobody's updates are taken. */
  private status: MeetingStatus = "draft";

  constructor(
    readonly id: string,
    private readonly deps: RoomDeps,
  ) {
    this.awareness.setLocalState(null);
    this.persistence = new DocPersistence(id, this.doc, deps.store, deps.log, deps.flushIntervalMs, (failing) =>
      this.saveReports.report(failing),
    );
    this.saveReports = new StatusReporter(
      LIMITS.saveStatusMs,
      () => this.persistence.current,
      (s) => deps.onSaveStatus(id, s),
    );
    this.ready = this.load();
    this.doc.on("update", this.handleDocUpdate);
    this.awareness.on("update", this.handleAwarenessUpdate);
  }

  // The whole stored document is applied before any sync reply: serving a half-loaded
  // document would let a client's step 2 overwrite what was not loaded yet.
  private async load(): Promise<void> {
    this.status = (await this.deps.store.getMeeting(this.id))?.status ?? "draft";
    const updates = await this.deps.store.loadDocument(this.id);
    applyStored(this.doc, updates, ORIGIN.load);
    this.dropPending();
    // Everything after the state is log, which the next compaction folds in.
    this.persistence.countStored(updates.slice(1).reduce((n, u) => n + u.byteLength, 0));
    if (updates.length === 0) await this.seedFromRecord();
    initMeeting(this.doc, this.id);
  }

  // Files written before the guard held back updates with gaps can hold structs that wait
  // on changes that never came. Yjs would keep them, retry them on every update and write
  // them back at each compaction; they hold nothing anyone sees, so they are let go (SPEC 14).
  private dropPending(): void {
    const { pendingStructs, pendingDs } = this.doc.store;
    if (!pendingStructs && !pendingDs) return;
    this.deps.log.warn("stored changes that wait on changes never received were dropped", {
      meetingId: this.id,
      bytes: (pendingStructs?.update.byteLength ?? 0) + (pendingDs?.byteLength ?? 0),
    });
    this.doc.store.pendingStructs = null;
    this.doc.store.pendingDs = null;
  }

  // A meeting made outside the app (the CLI writes only the index) starts its document
  // with the record's title, committee and date, so exports are never untitled.
  private async seedFromRecord(): Promise<void> {
    const record = await this.deps.store.getMeeting(this.id);
    if (!record) return;
    this.doc.transact(() => {
      for (const field of ["title", "committee"] as const) if (record[field]) replaceText(meetingText(this.doc, field), record[field]);
      setMeetingInfo(
        this.doc,
        /^\d{4}-\d{2}-\d{2}$/.test(record.date) ? { date: record.date, status: record.status } : { status: record.status },
        ORIGIN.server,
      );
    }, ORIGIN.server);
  }

  private readonly handleDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === ORIGIN.load) return;
    // Sent first: everyone waits on the sends, and the bookkeeping below can follow them.
    const out = message(MESSAGE.sync, (e) => syncProtocol.writeUpdate(e, update));
    // Viewers get it straight through while nothing is queued for them (order) and the budget allows; else batched.
    const viewersNow = this.viewers > 0 && this.viewerQueue.length === 0 && this.deps.viewerBudget.take(this.viewers);
    if (this.viewers > 0 && !viewersNow) this.queueForViewers(update);
    for (const peer of this.peers.keys()) if (peer !== origin && (viewersNow || canWrite(peer.role))) peer.send(out);
    this.persistence.add(update);
    this.editedSinceVersion = true;
    if (Date.now() - this.lastVersionAt >= this.deps.versionIntervalMs) {
      // A version is a convenience: a disk that refuses it must not take the server down.
      this.saveVersion("auto", "Automatic").catch((error: Error) =>
        this.deps.log.error("cannot save automatic version", { meetingId: this.id, error: error.message }),
      );
    }
  };

  private queueForViewers(update: Uint8Array): void {
    this.viewerQueue.push(update);
    this.scheduleViewerFlush();
  }

  private scheduleViewerFlush(): void {
    if (this.viewerTimer) return;
    this.viewerTimer = setTimeout(() => this.flushViewers(), LIMITS.viewerBatchMs);
  }

  private flushViewers(): void {
    this.viewerTimer = null;
    const merged = Y.mergeUpdates(this.viewerQueue);
    this.viewerQueue = [];
    const out = message(MESSAGE.sync, (e) => syncProtocol.writeUpdate(e, merged));
    const viewers = [...this.peers.keys()].filter((peer) => !canWrite(peer.role));
    for (const peer of viewers) peer.send(out);
    // Merged messages use up the budget too, so a server already batching stays batching
    // rather than adding the whole budget's worth of single keystrokes on top.
    this.deps.viewerBudget.spend(viewers.length);
  }

  private presence(ids: number[]): Uint8Array {
    return message(MESSAGE.awareness, (e) => encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)));
  }

  // Presence (who is here, and each clerk's caret, moved with every keystroke) goes to those
  // who write. Viewers are not sent it: the public screen shows the minutes, not the clerks,
  // and carets would add a message per keystroke per viewer.
  private readonly handleAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    const out = this.presence([...added, ...updated, ...removed]);
    for (const peer of this.peers.keys()) if (canWrite(peer.role)) peer.send(out);
  };

  /** Adds a connection: sends the server's state vector, and to writers everyone's presence. */
  join(peer: Peer): void {
    this.peers.set(peer, {
      awarenessId: null,
      intake: canWrite(peer.role) ? new UpdateIntake(this.doc, this.paths, peer, peer.log, this.id) : null,
    });
    if (!canWrite(peer.role)) this.viewers++;
    peer.send(message(MESSAGE.sync, (e) => syncProtocol.writeSyncStep1(e, this.doc)));
    this.sendPresence(peer);
  }

  private sendPresence(peer: Peer): void {
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0 && canWrite(peer.role)) peer.send(this.presence(states));
  }

  /** Removes a connection and its presence; an empty room may leave memory. */
  leave(peer: Peer): void {
    const state = this.peers.get(peer);
    if (!state) return;
    this.peers.delete(peer);
    if (!canWrite(peer.role)) this.viewers--;
    if (state.awarenessId !== null) awarenessProtocol.removeAwarenessStates(this.awareness, [state.awarenessId], null);
    if (this.isIdle) this.deps.onIdle(this);
  }

  /** Handles one binary frame from a peer; a malformed one closes only that peer. */
  receive(peer: Peer, data: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE.sync) this.receiveSync(peer, decoder);
      else if (type === MESSAGE.awareness) this.receiveAwareness(peer, decoding.readVarUint8Array(decoder));
      else if (type === MESSAGE.queryAwareness) this.sendPresence(peer);
      else throw new Error(`unknown message type ${type}`);
    } catch (error) {
      peer.log.warn("malformed message; closing that connection", { meetingId: this.id, error: (error as Error).message });
      peer.close(CLOSE.malformed, closeReason(`malformed message: ${(error as Error).message}`));
    }
  }

  private receiveSync(peer: Peer, decoder: decoding.Decoder): void {
    const kind = decoding.readVarUint(decoder);
    if (kind === syncProtocol.messageYjsSyncStep1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      peer.send(message(MESSAGE.sync, (e) => syncProtocol.writeSyncStep2(e, this.doc, stateVector)));
    } else if (kind === syncProtocol.messageYjsSyncStep2 || kind === syncProtocol.messageYjsUpdate) {
      this.receiveUpdate(peer, decoding.readVarUint8Array(decoder));
    } else throw new Error(`unknown sync message type ${kind}`);
  }

  private receiveUpdate(peer: Peer, update: Uint8Array): void {
    const writable = minutesWritable(this.status);
    if (!canWrite(peer.role) || !writable) {
      // A viewer's reconnect sends its whole delete set, all of it known here: no change, no notice.
      if (isEmptyUpdate(update) || changesNothing(this.doc, update)) return;
      // Circulated and approved minutes are read-only for every role (SPEC 15): the change is
      // refused whole, before the guard, so it reaches no other client and no disk.
      deny(
        peer,
        canWrite(peer.role)
          ? `${readOnlyReason(this.status)}; your change was not applied`
          : "viewers cannot change the minutes; your change was not applied",
      );
      return;
    }
    this.peers.get(peer)!.intake?.receive(update);
  }

  private receiveAwareness(peer: Peer, update: Uint8Array): void {
    const state = this.peers.get(peer)!;
    const entries = readAwareness(update);
    // Viewers read; their presence is not shown, so it is not relayed.
    if (!canWrite(peer.role)) return;
    // Each connection speaks for one awareness id, fixed by its first message of one entry:
    // otherwise one clerk could erase or impersonate another's presence. A stock provider
    // sends back every presence change it hears, others' included; those echoes are dropped
    // without a word, as they change nothing.
    if (state.awarenessId === null && entries.length === 1) state.awarenessId = entries[0]!.id;
    const own = entries.filter((e) => e.id === state.awarenessId);
    if (own.length === 0) return;
    awarenessProtocol.applyAwarenessUpdate(this.awareness, own.length === entries.length ? update : encodeAwareness(own), peer);
  }

  /** Takes the meeting's new status; from circulation on, writers' updates are refused like a viewer's. */
  setStatus(status: MeetingStatus): void {
    this.status = status;
  }

  /** Number of connections. */
  get size(): number {
    return this.peers.size;
  }

  /** Keeps the room loaded while server-side work runs on it. */
  async hold<T>(fn: (room: Room) => T | Promise<T>): Promise<T> {
    this.holds++;
    try {
      await this.ready;
      return await fn(this);
    } finally {
      this.holds--;
      if (this.isIdle) this.deps.onIdle(this);
    }
  }

  /** True when nobody is connected and no server work holds the room. */
  get isIdle(): boolean {
    return this.peers.size === 0 && this.holds === 0 && !this.closed;
  }

  /** The latest save status. */
  get saveStatus(): SaveStatus {
    return this.persistence.current;
  }

  /** Writes queued edits now. */
  flush(): Promise<void> {
    return this.persistence.flush();
  }

  /** Saves a named version of the document as it is now. */
  async saveVersion(by: string, label: string) {
    this.lastVersionAt = Date.now();
    this.editedSinceVersion = false;
    return this.deps.store.saveVersion(this.id, { by, label, state: Y.encodeStateAsUpdate(this.doc) });
  }

  /** Flushes, compacts, versions if edited, and frees the document; closes any connection left. */
  async close(code: number = CLOSE.shutdown, reason = "server shutting down"): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.ready.catch(() => undefined);
    if (this.viewerTimer) clearTimeout(this.viewerTimer);
    for (const peer of [...this.peers.keys()]) peer.close(code, reason);
    await this.persistence.flush();
    if (this.persistence.current.unsaved === 0) {
      await this.persistence.compact();
      if (this.editedSinceVersion) await this.saveVersion("auto", "Automatic").catch(() => undefined);
    }
    this.persistence.dispose();
    this.saveReports.dispose();
    this.awareness.destroy();
    this.doc.destroy();
  }
}
