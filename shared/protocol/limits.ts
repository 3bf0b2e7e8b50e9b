/** Limits both sides know, so the client can refuse before the server has to. */
export const LIMITS = {
  /** Longest text accepted in one control-plane field. */
  fieldChars: 10_000,
  /** Largest agenda text accepted for import. */
  importChars: 2_000_000,
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

