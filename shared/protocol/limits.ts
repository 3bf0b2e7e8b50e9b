/** Limits both sides know, so the client can refuse before the server has to. */
export const LIMITS = {
  /** Longest text accepted in one control-plane field. */
  fieldChars: 10_000,
  /** Largest agenda text accepted for import. */
  importChars: 2_000_000,
  /** Viewers get keystrokes merged into one message per this many milliseconds. */
  viewerBatchMs: 100,
  /** A meeting's save status (`meeting:saved`) is sent at most once per this many milliseconds, unless it starts or stops failing. */
  saveStatusMs: 250,
} as const;
