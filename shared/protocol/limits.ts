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
  /** Updates one connection may have waiting on changes the server has not got yet (a reconnect's typing before its sync step 2). */
  heldUpdates: 500,
  /** Bytes of such waiting updates one connection may have. */
  heldBytes: 2_000_000,
  /** Event-loop time one connection's updates may take, on average, in ms a second (typing costs well under 1). */
  workMsPerSecond: 100,
  /** ... and at a stretch, in ms (a reconnect's large sync step 2 is one stretch). */
  workBurstMs: 2_000,
  /** `lobby:changed` is sent at most once per this many milliseconds, with the lobby as it then is. */
  lobbyBroadcastMs: 250,
  /** socket.io events one control-plane connection may send a second on average; past it (and the burst) it is closed. */
  controlEventsPerSecond: 50,
  /** Control-plane events a connection may send at once, above its rate. */
  controlEventBurst: 200,
  /** A meeting's save status (`meeting:saved`) is sent at most once per this many milliseconds, unless it starts or stops failing. */
  saveStatusMs: 250,
} as const;

/**
 * Work one Yjs update may ask of the server (SPEC 14). Far above what an honest client
 * sends: typing merges into one struct per run, so even a day's offline minuting is a few
 * thousand structs, and a reconnect's delete set is the meeting's, tens of thousands of
 * ranges after a long day.
 */
export const GUARD_LIMITS = {
  /** Structs in one update. */
  structsPerUpdate: 20_000,
  /** Deleted ranges in one update. */
  deleteRangesPerUpdate: 200_000,
} as const;
