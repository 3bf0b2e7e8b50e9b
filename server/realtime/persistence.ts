import * as Y from "yjs";
import type { Store } from "../persistence/Store";
import type { Logger } from "../logger";

/** What a room reports about saving: last success, edits waiting, and the last failure. */
export interface SaveStatus {
  savedAt: string | null;
  unsaved: number;
  error: string | null;
}

/**
 * Writes a meeting's edits to the store in batches: an edit waits at most `intervalMs`
 * before its batch is written. While the store fails (a full or read-only disk) the edits
 * stay queued in memory and are retried with backoff, so nothing is lost when it recovers.
 * Once the updates since the last compaction pass `compactBytes`, the whole state is
 * written as one update instead, which keeps files from growing with every keystroke.
 */
export class DocPersistence {
  private queue: Uint8Array[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private bytesSinceCompaction = 0;
  private failures = 0;
  private status: SaveStatus = { savedAt: null, unsaved: 0, error: null };

  constructor(
    private readonly id: string,
    private readonly doc: Y.Doc,
    private readonly store: Store,
    private readonly log: Logger,
    private readonly intervalMs: number,
    private readonly onStatus: (status: SaveStatus) => void,
    private readonly compactBytes = 256 * 1024,
  ) {}

  /** Queues one update for the next write. */
  add(update: Uint8Array): void {
    this.queue.push(update);
    this.status = { ...this.status, unsaved: this.queue.length };
    this.schedule(this.intervalMs);
  }

  private schedule(delay: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delay);
  }

  /** Writes whatever is queued now; resolves when it is on disk or has failed (and will be retried). */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.chain = this.chain.then(() => this.write());
    return this.chain;
  }

  /** Writes the whole state as one update, replacing what is stored. */
  compact(): Promise<void> {
    this.chain = this.chain.then(async () => {
      const pending = this.queue;
      this.queue = [];
      try {
        await this.store.replaceDocument(this.id, Y.encodeStateAsUpdate(this.doc));
        this.bytesSinceCompaction = 0;
        this.succeeded();
      } catch (error) {
        this.queue = [...pending, ...this.queue];
        this.failed(error);
      }
    });
    return this.chain;
  }

  private async write(): Promise<void> {
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    const size = batch.reduce((n, u) => n + u.byteLength, 0);
    try {
      if (this.bytesSinceCompaction + size > this.compactBytes) {
        await this.store.replaceDocument(this.id, Y.encodeStateAsUpdate(this.doc));
        this.bytesSinceCompaction = 0;
      } else {
        await this.store.appendUpdates(this.id, [Y.mergeUpdates(batch)]);
        this.bytesSinceCompaction += size;
      }
      this.succeeded();
    } catch (error) {
      this.queue = [...batch, ...this.queue];
      this.failed(error);
    }
  }

  private succeeded(): void {
    this.failures = 0;
    this.status = { savedAt: new Date().toISOString(), unsaved: this.queue.length, error: null };
    this.onStatus(this.status);
    if (this.queue.length > 0) this.schedule(this.intervalMs);
  }

  private failed(error: unknown): void {
    this.failures++;
    const message = (error as Error).message;
    if (this.failures === 1) this.log.error("cannot save meeting; keeping edits in memory and retrying", { meetingId: this.id, error: message });
    this.status = { ...this.status, unsaved: this.queue.length, error: message };
    this.onStatus(this.status);
    this.schedule(Math.min(5000, this.intervalMs * 2 ** this.failures));
  }

  /** The latest save status. */
  get current(): SaveStatus {
    return this.status;
  }

  /** Stops the timer; pending edits should be flushed first. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
