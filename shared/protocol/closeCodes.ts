/**
 * WebSocket close codes the Yjs endpoint uses (4000-4999 is the application range).
 * Each close also carries a reason in words.
 */
export const CLOSE = {
  /** A frame that is not a well-formed y-websocket message. */
  malformed: 4400,
  /** An update refused whole (crafted, building on changes the server never got, or too large); nothing of it was applied. */
  rejected: 4409,
  /** Too many messages too fast. */
  rateLimited: 4429,
  /** The meeting was deleted while connected. */
  gone: 4410,
  /** The server is shutting down; reconnect later. */
  shutdown: 1001,
  /** ws's own code for a frame over the size limit. */
  tooLarge: 1009,
} as const;

/** y-websocket message types (the first varint of each frame). */
export const MESSAGE = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;

/** WebSocket reasons are limited to 123 bytes; longer text is cut. */
export function closeReason(text: string): string {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= 123) return text;
  return new TextDecoder().decode(bytes.slice(0, 120)).replace(/\uFFFD$/, "") + "…";
}

/**
 * How a refusal (a y-websocket permission-denied message) begins. The server applies the
 * rest of an update it refuses part of; with `resync`, the sender's copy removed or
 * replaced something the server keeps, and it must load the server's state afresh.
 */
export const DENIAL = {
  refused: "change refused: ",
  resync: "change refused, re-sync: ",
} as const;
