/**
 * Passes a changing status on at most once per `intervalMs`, always ending on the latest.
 * A save status changes with every write (every keystroke on a quiet server), and each report
 * is a socket.io broadcast to the meeting's clients, who show it to the second. A change
 * between failing and not failing goes at once: that is news a clerk must see without delay.
 * The status itself is read only when it is sent, so a change costs nothing to report.
 */
export class StatusReporter<S extends { error: string | null }> {
  private lastAt = -Infinity;
  private lastFailing = false;
  private pending = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;

  constructor(
    private readonly intervalMs: number,
    private readonly read: () => S,
    private readonly emit: (status: S) => void,
  ) {}

  /** Says the status changed; `failing` is whether saving fails now. */
  report(failing: boolean): void {
    if (this.disposed) return;
    this.pending = true;
    const wait = this.lastAt + this.intervalMs - performance.now();
    if (failing !== this.lastFailing || wait <= 0) this.send();
    else this.timer ??= setTimeout(this.handleTimer, wait);
  }

  /** Sends what is still pending and stops. */
  dispose(): void {
    if (this.pending) this.send();
    this.disposed = true;
  }

  private readonly handleTimer = () => this.send();

  private send(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = false;
    this.lastAt = performance.now();
    const status = this.read();
    this.lastFailing = status.error !== null;
    this.emit(status);
  }
}
