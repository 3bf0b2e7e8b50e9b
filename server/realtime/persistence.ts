import * as Y from "yjs";
import type { Store } from "../persistence/Store";
import type { Logger } from "../logger";

/**
 * Update bytes after which the whole state is written instead. A crash leaves at most this
 * much in the log for the next load to apply keystroke by keystroke: 64 KB is some 3,000
 * keystrokes, a few ms to load, and compacting costs the state's size every couple of
 * minutes of busy typing.
 */
export const COMPACT_AFTER_BYTES = 64 * 1024;

/** Longest wait between two attempts to write to a failing store. */
const MAX_RETRY_MS = 5000;
/** First wait before writing to a failing store again, when edits are otherwise written at once. */
const MIN_RETRY_MS = 40;

/** What a room reports about saving: last success, edits waiting, and the last failure. */
export interface SaveStatus {
  savedAt: string | null;
  unsaved: number;
  error: string | null;
}

/**
 * Writes a meeting's edits to the store in batches: an edit waits at most `intervalMs`
 * before its batch is written, and with 0 (the server's default) it is written at the end of
 * the event-loop turn it came in, with whatever else came in that turn. While the store fails
 * (a full or read-only disk) the edits stay queued in memory and are retried with backoff, so
 * nothing is lost when it recovers.
 * Once the updates since the last compaction pass `compactBytes`, the whole state is
 * written as one update instead, which keeps files from growing with every keystroke.
 */
export class DocPersistence {
  private queue: Uint8Array[] = [];
  /** Edits the queue holds; a batch that failed waits merged into one update, and still counts as all its edits. */
  private edits = 0;
  /** Edits taken by the write in flight: unsaved until it succeeds. */
  private inFlight = 0;
  private timer: { immediate: NodeJS.Immediate } | { timeout: NodeJS.Timeout } | null = null;
  private chain: Promise<void> = Promise.resolve();
  private bytesSinceCompaction = 0;
  private failures = 0;
  private disposed = false;
  /** When the last write succeeded (ms since the epoch), and the last failure; what is unsaved is `edits` and `inFlight`. */
  private savedAtMs: number | null = null;
  private error: string | null = null;

  constructor(
    private readonly id: string,
    private readonly doc: Y.Doc,
    private readonly store: Store,
    private readonly log: Logger,
    private readonly intervalMs: number,
    /** Told of every change of the status (`current`): `failing` is whether saving fails now. */
    private readonly onStatus: (failing: boolean) => void,
    private readonly compactBytes = COMPACT_AFTER_BYTES,
  ) {}

  /** Counts updates already stored after the state (the log a crash left) toward the next compaction. */
  countStored(bytes: number): void {
    this.bytesSinceCompaction += bytes;
  }

  /** Queues one update for the next write. */
  add(update: Uint8Array): void {
    this.queue.push(update);
    this.edits++;
    // While the store fails, the backoff timer (or the write in flight) retries: a timer
    // set here would bring the retry forward to every keystroke's interval.
    if (this.failures === 0) this.schedule(this.intervalMs);
  }

  // A delay of 0 writes at the end of the event-loop turn the edit arrived in: the process
  // is awake and warm then, where a timer of its own would wake it once more per batch.
  private schedule(delay: number): void {
    if (this.timer || this.disposed) return;
    this.timer = delay === 0 ? { immediate: setImmediate(this.handleTimer) } : { timeout: setTimeout(this.handleTimer, delay) };
  }

  // A write in flight settles what comes next: on success the edits that came meanwhile are
  // scheduled, on failure the backoff is. Starting another now would retry a failing store
  // at once, before its failure was known.
  private readonly handleTimer = () => {
    this.timer = null;
    if (this.inFlight === 0) void this.flush();
  };

  private cancelTimer(): void {
    if (this.timer && "immediate" in this.timer) clearImmediate(this.timer.immediate);
    else if (this.timer) clearTimeout(this.timer.timeout);
    this.timer = null;
  }

  /** Writes whatever is queued now; resolves when it is on disk or has failed (and will be retried). */
  flush(): Promise<void> {
    this.cancelTimer();
    this.chain = this.chain.then(() => this.write());
    return this.chain;
  }

  /** Writes the whole state as one update, replacing what is stored. */
  compact(): Promise<void> {
    this.chain = this.chain.then(async () => {
      const pending = this.take();
      try {
        await this.store.replaceDocument(this.id, Y.encodeStateAsUpdate(this.doc));
        this.bytesSinceCompaction = 0;
        this.succeeded();
      } catch (error) {
        this.putBack(pending.updates, pending.edits);
        this.failed(error);
      }
    });
    return this.chain;
  }

  private take(): { updates: Uint8Array[]; edits: number } {
    const taken = { updates: this.queue, edits: this.edits };
    this.queue = [];
    this.edits = 0;
    this.inFlight = taken.edits;
    return taken;
  }

  private putBack(updates: Uint8Array[], edits: number): void {
    this.queue = [...updates, ...this.queue];
    this.edits += edits;
    this.inFlight = 0;
  }

  private async write(): Promise<void> {
    if (this.queue.length === 0) return;
    const batch = this.take();
    // Each update is its own line in the log: merging them here would cost more than the
    // append, and loading applies stored updates one by one anyway.
    const bytes = batch.updates.reduce((n, u) => n + u.byteLength, 0);
    try {
      if (this.bytesSinceCompaction + bytes > this.compactBytes) {
        await this.store.replaceDocument(this.id, Y.encodeStateAsUpdate(this.doc));
        this.bytesSinceCompaction = 0;
      } else {
        await this.store.appendUpdates(this.id, batch.updates);
        this.bytesSinceCompaction += bytes;
      }
      this.succeeded();
    } catch (error) {
      // A failed batch waits merged into one update, so each retry merges only what came
      // since (merging costs more than linear time, and an outage can queue thousands of edits).
      this.putBack([batch.updates.length === 1 ? batch.updates[0]! : Y.mergeUpdates(batch.updates)], batch.edits);
      this.failed(error);
    }
  }

  private succeeded(): void {
    if (this.failures > 0) this.log.info("saving meeting again", { meetingId: this.id, failedAttempts: this.failures });
    this.failures = 0;
    this.savedAtMs = Date.now();
    this.error = null;
    this.inFlight = 0;
    this.onStatus(false);
    if (this.queue.length > 0) this.schedule(this.intervalMs);
  }

  private failed(error: unknown): void {
    this.failures++;
    const message = (error as Error).message;
    if (this.failures === 1)
      this.log.error("cannot save meeting; keeping edits in memory and retrying", { meetingId: this.id, error: message });
    this.error = message;
    this.onStatus(true);
    // Replaces a timer set before the failure was known, so retries really back off.
    this.cancelTimer();
    this.schedule(Math.min(MAX_RETRY_MS, Math.max(this.intervalMs, MIN_RETRY_MS) * 2 ** this.failures));
  }

  /** The latest save status. */
  get current(): SaveStatus {
    return {
      savedAt: this.savedAtMs === null ? null : new Date(this.savedAtMs).toISOString(),
      unsaved: this.edits + this.inFlight,
      error: this.error,
    };
  }

  /** Stops the timer for good; pending edits should be flushed first. */
  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
  }
}
