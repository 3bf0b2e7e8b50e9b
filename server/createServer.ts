import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync } from "node:fs";
import path from "node:path";
import express from "express";
import { Server as SocketServer } from "socket.io";
import { SOCKET_IO_PATH, meetingRoom } from "../shared/protocol/paths";
import type { ClientToServerEvents, ServerToClientEvents } from "../shared/protocol/events";
import type { Principal } from "./auth/access";
import type { Config } from "./config";
import type { Logger } from "./logger";
import type { Store } from "./persistence/Store";
import { storeLocation } from "./persistence/createStore";
import { TokenSigner } from "./auth/tokens";
import { Rooms } from "./realtime/Rooms";
import { createYjsEndpoint } from "./realtime/upgrade";
import { originAllowed } from "./auth/origin";
import { createControlPlane } from "./realtime/controlPlane";
import { AddressCap, capUpgrades } from "./realtime/connectionCap";
import { guardControlPlane } from "./realtime/controlGuards";
import { archiveRouter } from "./http/archive";
import { apiRouter } from "./http/api";
import { securityHeaders } from "./http/securityHeaders";
import { clientFiles } from "./http/clientFiles";
import { requestLog } from "./http/requestLog";

/** A running server and how to stop it. */
export interface LiveMinutesServer {
  http: HttpServer;
  rooms: Rooms;
  signer: TokenSigner;
  /** The port actually bound (useful with port 0). */
  port: number;
  /** Closes connections, writes every open meeting, and stops listening. */
  close(): Promise<void>;
}

/**
 * One HTTP server carrying Express (the REST API and the built client), the Yjs
 * WebSocket endpoint and socket.io, with upgrades routed by path. Nothing happens at
 * import time: two isolated servers can run in one process.
 */
export async function startServer(config: Config, store: Store, log: Logger): Promise<LiveMinutesServer> {
  await store.open();
  const signer = new TokenSigner(store);
  // Made (or read) now, so a data folder whose keys cannot be read stops the start, naming the file.
  await store.signingKeys();
  const app = express();
  app.disable("x-powered-by");
  app.use(requestLog(log.child("http")));
  app.use(securityHeaders({ secure: config.cookieSecure }));
  const http = createHttpServer(app);

  let control: ReturnType<typeof createControlPlane> | null = null;
  const onMeetingsChanged = () => void control?.broadcastLobby();
  const io = new SocketServer<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { principal: Principal }>(http, {
    path: SOCKET_IO_PATH,
    serveClient: false,
    destroyUpgrade: false,
    maxHttpBufferSize: 256 * 1024,
    // Same rule as the Yjs endpoint: a browser on another site may not ride a clerk's cookie.
    allowRequest: (req, callback) => callback(null, originAllowed(req, config.allowedOrigins)),
    cors: config.allowedOrigins.length ? { origin: config.allowedOrigins, credentials: true } : undefined,
  });
  const rooms = new Rooms(store, log.child("rooms"), {
    flushIntervalMs: config.flushIntervalMs,
    idleUnloadMs: config.idleUnloadMs,
    versionIntervalMs: config.versionIntervalMs,
    viewerFanoutPerSecond: config.viewerFanoutPerSecond,
    onSaveStatus: (meetingId, status) => io.to(meetingRoom(meetingId)).emit("meeting:saved", { meetingId, ...status }),
  });
  guardControlPlane(io, { cap: new AddressCap(config.maxConnectionsPerAddress), log: log.child("control") });
  control = createControlPlane({ io, store, signer, rooms, log: log.child("control") });
  const yjs = capUpgrades(
    createYjsEndpoint({
      store,
      signer,
      rooms,
      log: log.child("yjs"),
      maxMessageBytes: config.maxMessageBytes,
      rateLimit: config.rateLimit,
      allowedOrigins: config.allowedOrigins,
    }),
    new AddressCap(config.maxConnectionsPerAddress),
  );

  http.on("upgrade", (req, socket, head) => {
    if (yjs.handles(req)) return yjs.handleUpgrade(req, socket, head);
    // socket.io answers its own path; anything else is refused rather than left hanging.
    if (!(req.url ?? "").startsWith(`${SOCKET_IO_PATH}/`)) socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
  });

  const apiDeps = { config, store, signer, rooms, log: log.child("api"), onMeetingsChanged };
  app.use("/api", apiRouter(apiDeps));
  app.use("/archive", archiveRouter(apiDeps));
  if (config.clientDir && existsSync(path.join(config.clientDir, "index.html"))) app.use(clientFiles(config.clientDir));

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  log.info("listening", { port, store: storeLocation(config) });

  return {
    http,
    rooms,
    signer,
    port,
    async close() {
      yjs.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await rooms.closeAll();
      await store.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
