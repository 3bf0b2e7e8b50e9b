import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import * as syncProtocol from "y-protocols/sync";
import { MESSAGE } from "../../shared/protocol/closeCodes";
import { RawSocket } from "./rawSocket";

/** Transaction origin of updates that came from the server, so they are not sent back. */
const REMOTE = "remote";

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  write(e);
  return encoding.toUint8Array(e);
}

/** Sync step 1 of an empty replica, and the empty step 2 it answers the server's step 1 with. */
const EMPTY_STEP1 = frame((e) => syncProtocol.writeSyncStep1(e, new Y.Doc()));
const EMPTY_STEP2 = frame((e) => syncProtocol.writeSyncStep2(e, new Y.Doc()));

/** The path of a meeting's Yjs endpoint; the reference server takes the same path as its room name. */
export function yjsPath(meetingId: string, token: string): string {
  return `/yjs/${meetingId}?token=${encodeURIComponent(token)}`;
}

/** Counters shared by every client of one run. */
export interface ClientStats {
  /** Connections the server closed while the run was going. */
  unexpectedCloses: number;
  /** Permission-denied messages received (should stay 0: every client keeps to its role). */
  denials: number;
}

/**
 * A full y-websocket client: a real Y.Doc kept in sync with y-protocols, so an edit is
 * "visible" here once it is applied to this replica. `afterApply` runs after each frame
 * from the server is applied, with the time it finished.
 */
export class DocClient {
  readonly doc = new Y.Doc();
  socket!: RawSocket;
  private markSynced!: () => void;
  /** Resolves once the server's sync step 2 (the answer to ours) has been applied. */
  readonly synced = new Promise<void>((resolve) => (this.markSynced = resolve));
  afterApply: ((now: number) => void) | null = null;
  private barrier: (() => void) | null = null;

  private constructor(private readonly stats: ClientStats) {
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) this.socket.send(frame((e) => syncProtocol.writeUpdate(e, update)));
    });
  }

  /** Connects, sends sync step 1 and starts answering the server. */
  static async open(port: number, path: string, stats: ClientStats, init?: Uint8Array): Promise<DocClient> {
    const client = new DocClient(stats);
    if (init) Y.applyUpdate(client.doc, init, REMOTE);
    client.socket = await RawSocket.open(port, path);
    client.socket.listen({
      onFrame: (payload) => client.receive(payload),
      onClose: () => stats.unexpectedCloses++,
    });
    client.socket.send(frame((e) => syncProtocol.writeSyncStep1(e, client.doc)));
    return client;
  }

  private receive(payload: Uint8Array): void {
    const decoder = decoding.createDecoder(payload);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE.sync) {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MESSAGE.sync);
      const kind = syncProtocol.readSyncMessage(decoder, reply, this.doc, REMOTE);
      if (encoding.length(reply) > 1) this.socket.send(encoding.toUint8Array(reply));
      if (kind === syncProtocol.messageYjsSyncStep2) {
        this.markSynced();
        this.barrier?.();
        this.barrier = null;
      }
      this.afterApply?.(performance.now());
    } else if (type === MESSAGE.auth) this.stats.denials++;
  }

  /**
   * Resolves once the server has handled everything sent so far: a sync step 1 is answered
   * in order after the frames before it on the same connection.
   */
  flushed(): Promise<void> {
    return new Promise((resolve) => {
      this.barrier = resolve;
      this.socket.send(frame((e) => syncProtocol.writeSyncStep1(e, this.doc)));
    });
  }

  private presenceClock = 0;

  /** Publishes this client's presence (as the app does on every caret move): an awareness update for its own id. */
  sendPresence(state: object): void {
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, this.doc.clientID);
    encoding.writeVarUint(update, ++this.presenceClock);
    encoding.writeVarString(update, JSON.stringify(state));
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MESSAGE.awareness);
    encoding.writeVarUint8Array(e, encoding.toUint8Array(update));
    this.socket.send(encoding.toUint8Array(e));
  }

  /** After the handshake, stop reading what the server sends (a typist that only writes). */
  ignoreIncoming(): void {
    this.socket.wantPayloads = false;
  }

  /** Closes the connection without counting it as unexpected. */
  close(): void {
    this.socket.destroy();
    this.doc.destroy();
  }
}

/**
 * A viewer that only does the sync handshake and then counts frames without reading them:
 * the server's fan-out work is the same as for a browser viewer, the generator's is tiny.
 */
export async function openPlainViewer(port: number, path: string, stats: ClientStats): Promise<RawSocket> {
  const socket = await RawSocket.open(port, path);
  socket.wantPayloads = false;
  socket.listen({ onClose: () => stats.unexpectedCloses++ });
  socket.send(EMPTY_STEP1, EMPTY_STEP2);
  return socket;
}

/** Resolves when `test` holds, checking every `everyMs`; rejects with `what` after `timeoutMs`. */
export function until(test: () => boolean, what: string, timeoutMs = 30_000, everyMs = 10): Promise<void> {
  if (test()) return Promise.resolve();
  const deadline = performance.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (test()) {
        clearInterval(timer);
        resolve();
      } else if (performance.now() > deadline) {
        clearInterval(timer);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }
    }, everyMs);
  });
}

/** Runs `fn` on each item with at most `limit` running at once. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
