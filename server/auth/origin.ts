import type { IncomingMessage } from "node:http";

type Headers = Pick<IncomingMessage, "headers">;

/** True when a browser origin is this server's own (same host and port) or one in `allowed`. */
export function isAllowedOrigin(origin: string, req: Headers, allowed: readonly string[]): boolean {
  if (allowed.includes(origin)) return true;
  try {
    // Host carries the port, so a page on another port of the same machine is a different origin.
    return new URL(origin).host === req.headers.host;
  } catch {
    // "null" (a sandboxed frame, a file) and anything else that is not a URL.
    return false;
  }
}

/** Browsers send Origin with every WebSocket upgrade; it must be allowed. Non-browser clients send none. */
export function originAllowed(req: Headers, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  return !origin || isAllowedOrigin(origin, req, allowed);
}

/**
 * Why a state-changing request looks like another site's doing, or null when it does not.
 * The Origin header decides; a browser that sent none still sends a Referer or
 * Sec-Fetch-Site, which decide in its place. A request with none of them is not from a
 * browser page (curl, a script with a token) and passes: it carries no ambient cookie it
 * could have been tricked into sending.
 */
export function crossSiteReason(req: Headers, allowed: readonly string[]): string | null {
  const { origin, referer } = req.headers;
  if (origin) return isAllowedOrigin(origin, req, allowed) ? null : `Origin ${origin}`;
  if (referer) {
    let from: string;
    try {
      from = new URL(referer).origin;
    } catch {
      return `Referer ${referer}`;
    }
    return isAllowedOrigin(from, req, allowed) ? null : `Referer origin ${from}`;
  }
  const site = req.headers["sec-fetch-site"];
  return site === "cross-site" || site === "same-site" ? `a ${site} request with no Origin` : null;
}
