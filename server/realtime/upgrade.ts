import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { ID_PATTERN } from "../../shared/meeting";
import { closeReason } from "../../shared/protocol/closeCodes";
import { YJS_PATH } from "../../shared/protocol/paths";
import { AppError, closeCode, errorBody, httpStatus } from "../errors";
import { refuseUpgrade } from "./upgradeRefusal";
import { authenticate, principalName, requireRole } from "../auth/access";
import { originAllowed } from "../auth/origin";
import type { TokenSigner } from "../auth/tokens";
import type { Store } from "../persistence/Store";
import type { Logger } from "../logger";
import type { Rooms } from "./Rooms";
import type { Peer } from "./Room";
import { TokenBucket } from "./rateLimit";
import { FrameWriter } from "./frames";

/** What the Yjs endpoint needs. */
export interface YjsEndpointDeps {
  store: Store;
  signer: TokenSigner;
  rooms: Rooms;
  log: Logger;
  maxMessageBytes: number;
  rateLimit: { perSecond: number; burst: number };
  allowedOrigins: string[];
}

/**
 * The Yjs WebSocket endpoint at /yjs/:meetingId. The upgrade is checked (origin, token
 * or session, meeting exists, role) before it is accepted; a refusal is an HTTP error
 * with the reason. Accepted sockets join the meeting's room.
 */
export function createYjsEndpoint(deps: YjsEndpointDeps) {
  // ws closes over-cap frames itself with a bare 1009 and no words, so the limit is checked
  // here first (with a reason) and ws's own cap only guards memory against far larger frames.
  // No compression: frames are written to the sockets directly (FrameWriter), which needs a
  // sender that never holds a frame back, and edits are a few bytes each anyway.
  const wss = new WebSocketServer({ noServer: true, maxPayload: deps.maxMessageBytes * 4, perMessageDeflate: false });
  const frames = new FrameWriter();
  const log = deps.log;

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, connLog: Logger): Promise<void> {
    // Refused with the error's HTTP status from the one table of errors: a model's or the
    // store's error is answered as over REST, not as a fault of ours.
    const refuse = (error: unknown) => {
      connLog.debug("connection refused", { status: httpStatus(error), reason: errorBody(error).message });
      refuseUpgrade(socket, error);
    };
    const url = new URL(req.url ?? "/", "http://x");
    let meetingId: string;
    try {
      meetingId = decodeURIComponent(url.pathname.slice(YJS_PATH.length + 1));
    } catch {
      return refuse(new AppError("bad-request", `The path ${url.pathname} is not valid percent-encoding.`));
    }
    if (!ID_PATTERN.test(meetingId))
      return refuse(new AppError("bad-request", `"${meetingId}" is not a meeting id: use 1-64 letters, digits, '-' or '_'.`));
    if (!originAllowed(req, deps.allowedOrigins))
      return refuse(new AppError("forbidden", `Origin ${req.headers.origin} may not connect; allow it with ALLOWED_ORIGINS.`));
    let peerInfo: { role: ReturnType<typeof requireRole>; name: string };
    try {
      const principal = await authenticate(req, deps.store, deps.signer);
      const meeting = await deps.store.getMeeting(meetingId);
      if (!meeting) throw new AppError("not-found", `No meeting with id "${meetingId}".`);
      peerInfo = { role: requireRole(principal, meeting), name: principalName(principal) };
    } catch (error) {
      return refuse(error);
    }
    const room = await deps.rooms.get(meetingId).catch((error: Error) => {
      // A meeting that does not load is the server's trouble, never the client's: a model error
      // here (a stored document that names another meeting) is answered as unreadable data.
      // The load's own words name the file at fault.
      const code = !(error instanceof AppError) ? "internal" : error.status >= 500 ? error.code : "store-unreadable";
      refuse(new AppError(code, `Meeting "${meetingId}" cannot be loaded: ${error.message}`, { cause: error }));
      return null;
    });
    if (!room) return;
    wss.handleUpgrade(req, socket, head, (ws) => connect(ws, socket, room, peerInfo, connLog));
  }

  function connect(
    ws: WebSocket,
    socket: Duplex,
    room: Awaited<ReturnType<Rooms["get"]>>,
    info: { role: Peer["role"]; name: string },
    connLog: Logger,
  ): void {
    const bucket = new TokenBucket(deps.rateLimit.perSecond, deps.rateLimit.burst);
    const peer: Peer = {
      role: info.role,
      name: info.name,
      log: connLog,
      send: (message) => frames.write(ws, socket, message),
      close: (code, reason) => ws.close(code, closeReason(reason)),
    };
    ws.binaryType = "nodebuffer";
    ws.on("message", (data, isBinary) => {
      if (!bucket.take())
        return peer.close(closeCode("rate-limited"), `rate limit: more than ${deps.rateLimit.perSecond} messages a second`);
      if (!isBinary) return peer.close(closeCode("bad-request"), "malformed message: expected binary y-websocket frames");
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
      if (bytes.byteLength > deps.maxMessageBytes)
        return peer.close(closeCode("too-large"), `message too large: ${bytes.byteLength} bytes, the limit is ${deps.maxMessageBytes}`);
      room.receive(peer, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    });
    ws.on("error", (error) => connLog.warn("websocket error", { meetingId: room.id, error: error.message }));
    ws.on("close", (code) => {
      connLog.debug("connection closed", { meetingId: room.id, code });
      room.leave(peer);
    });
    connLog.debug("connection opened", { meetingId: room.id, role: info.role, peer: info.name });
    room.join(peer);
  }

  return {
    /** True when this endpoint serves the request's path. */
    handles: (req: IncomingMessage) => (req.url ?? "").startsWith(`${YJS_PATH}/`),
    handleUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      // One id per connection, from its upgrade on, so every line about it can be followed.
      const connLog = log.with({ connectionId: randomUUID() });
      handleUpgrade(req, socket, head, connLog).catch((error: Error) => {
        connLog.error("upgrade failed", { error: error.message });
        socket.destroy();
      });
    },
    close: () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
