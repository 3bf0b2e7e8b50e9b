/** Limits both sides know, so the client can refuse before the server has to. */
export const LIMITS = {
  /** Longest text accepted in one control-plane field. */
  fieldChars: 10_000,
  /**
   * Largest agenda text accepted for import. With the three limits below it keeps the work
   * of one import, and the document it leaves, within what the server does without a pause
   * (bench/importLimit.bench.ts); a published item is about 5,000-8,000 characters.
   */
  importChars: 1_000_000,
  /** Most lines (blank ones included) one import may hold: a published item runs to about 20-100. */
  importLines: 5_000,
  /** Most agenda items one import may add: a committee's agenda has a few dozen. */
  importItems: 200,
  /** Most lines (blank ones included) one imported agenda item may span. */
  importItemLines: 500,
  /** Viewers get keystrokes merged into one message per this many milliseconds. */
  viewerBatchMs: 100,
  /** `lobby:changed` is sent at most once per this many milliseconds, with the lobby as it then is. */
  lobbyBroadcastMs: 250,
  /** socket.io events one control-plane connection may send a second on average; past it (and the burst) it is closed. */
  controlEventsPerSecond: 50,
  /** Control-plane events a connection may send at once, above its rate. */
  controlEventBurst: 200,
  /** A meeting's save status (`meeting:saved`) is sent at most once per this many milliseconds, unless it starts or stops failing. */
  saveStatusMs: 250,
} as const;
