import type { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "../../shared/protocol/events";
import { LIMITS } from "../../shared/protocol/limits";
import type { Principal } from "../auth/access";
import type { Logger } from "../logger";
import { addressKey, type AddressCap } from "./connectionCap";
import { TokenBucket } from "./rateLimit";
import { AppError, errorBody } from "../errors";

type IO = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { principal: Principal }>;

/** The part of an engine.io connection the guard uses. */
interface EngineConnection {
  remoteAddress: string;
  once(event: "close", listener: () => void): void;
  close(): void;
}

/** How long a connection over the address cap may stay open to be told why, if it never asks to join. */
const REFUSAL_GRACE_MS = 2000;

/**
 * Limits on the socket.io control plane, registered before its other middleware:
 * - connections per remote address (`cap`), counted as engine.io connections, since those
 *   cost memory before any namespace is joined. One over the cap is refused when it asks to
 *   join with a `connect_error` whose message names the limit (`data.code`
 *   `too-many-connections`), then closed; one that never asks is closed soon after.
 * - events per connection (LIMITS.controlEventsPerSecond, bursts of LIMITS.controlEventBurst).
 *   The event past it is answered `rate-limited` (if it asked for an answer), the socket is
 *   sent `connection:closing` with the same words, and the connection is closed.
 */
export function guardControlPlane(io: IO, { cap, log }: { cap: AddressCap; log: Logger }): void {
  const over = new WeakSet<object>();
  io.engine.on("connection", (conn: EngineConnection) => {
    const release = cap.admit(addressKey(conn.remoteAddress));
    if (release) {
      conn.once("close", release);
      return;
    }
    over.add(conn);
    setTimeout(() => conn.close(), REFUSAL_GRACE_MS).unref();
  });

  io.use((socket, next) => {
    if (!over.has(socket.conn)) return next();
    const key = addressKey(socket.conn.remoteAddress);
    const message = cap.refusal(key);
    log.warn("connection refused", { connectionId: socket.id, address: key, limit: cap.limit });
    next(Object.assign(new Error(message), { data: errorBody(new AppError("too-many-connections", message)) }));
    // socket.io writes the refusal on the next tick; engine.io sends what is queued before it closes.
    setImmediate(() => socket.conn.close());
  });

  const { controlEventsPerSecond: perSecond, controlEventBurst: burst } = LIMITS;
  io.on("connection", (socket) => {
    // socket.id is the connection's id in every line about it (and in presence entries).
    log.debug("control connection opened", {
      connectionId: socket.id,
      address: addressKey(socket.conn.remoteAddress),
      principal: socket.data.principal?.kind,
    });
    socket.once("disconnect", (reason) => log.debug("control connection ended", { connectionId: socket.id, reason }));
    const bucket = new TokenBucket(perSecond, burst);
    socket.use((event, next) => {
      if (bucket.take()) return next();
      const reason = errorBody(
        new AppError(
          "rate-limited",
          `rate limit: more than ${perSecond} control events a second (bursts of ${burst}); this connection is closed`,
        ),
      );
      const ack = event[event.length - 1];
      if (typeof ack === "function") ack({ ok: false, error: reason });
      socket.emit("connection:closing", reason);
      log.warn("control connection closed", {
        connectionId: socket.id,
        address: addressKey(socket.conn.remoteAddress),
        reason: reason.message,
      });
      socket.disconnect(true);
    });
  });
}
