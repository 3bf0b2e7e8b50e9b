import type { IncomingMessage } from "node:http";
import helmet from "helmet";
import type { RequestHandler } from "express";

/** A Host header that can go into a policy as it is: a name or address, and a port. */
const PLAIN_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The page's own WebSocket origins. CSP Level 3 lets 'self' cover ws: and wss: on the same
 * host, but browsers that predate it do not, and the minutes travel over a WebSocket.
 */
function ownSockets(req: IncomingMessage): string {
  const host = req.headers.host ?? "";
  // Anything else could smuggle sources into the policy: 'self' alone must do then.
  return PLAIN_HOST.test(host) ? `ws://${host} wss://${host}` : "";
}

/**
 * Security headers on every response (helmet): pages, the API and exports alike. The
 * built client loads only its own scripts and styles (no inline script; React sets styles
 * through the DOM, which style-src does not govern), talks to this host alone, and may not
 * be framed. `secure` (COOKIE_SECURE, i.e. served over HTTPS) adds HSTS and
 * upgrade-insecure-requests, which would break a server reached over plain HTTP on a LAN.
 */
export function securityHeaders({ secure }: { secure: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "connect-src": ["'self'", ownSockets],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "upgrade-insecure-requests": secure ? [] : null,
      },
    },
    xFrameOptions: { action: "deny" },
    referrerPolicy: { policy: "same-origin" },
    ...(secure ? {} : { strictTransportSecurity: false }),
  });
}
