import { io as connectControl, type Socket } from "socket.io-client";
import { SOCKET_IO_PATH } from "../../shared/protocol/paths";
import type { ClientToServerEvents, ServerToClientEvents } from "../../shared/protocol/events";

/** A socket.io control-plane client, as the chair's screen holds one. */
export type ControlSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Connects to the control plane with a token; resolves once connected. */
export function connectWithToken(url: string, token: string): Promise<ControlSocket> {
  const socket: ControlSocket = connectControl(url, { path: SOCKET_IO_PATH, auth: { token }, transports: ["websocket"] });
  return new Promise((resolve, reject) => {
    socket.on("connect", () => resolve(socket));
    socket.on("connect_error", reject);
  });
}
