import { io as connectControl, type Socket } from "socket.io-client";
import { SOCKET_IO_PATH } from "../../shared/protocol/paths";
import type { ClientToServerEvents, ServerToClientEvents } from "../../shared/protocol/events";

/** A typed control-plane client. */
export type Control = Socket<ServerToClientEvents, ClientToServerEvents>;
type Events = { [E in keyof ServerToClientEvents]: Parameters<ServerToClientEvents[E]>[0] };

/** A control-plane socket to `url` over WebSocket, not yet connected and never reconnecting; `as` says who it is. */
export function openControl(url: string, as: { token?: string; cookie?: string } = {}): Control {
  return connectControl(url, {
    path: SOCKET_IO_PATH,
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    ...(as.token ? { auth: { token: as.token } } : {}),
    ...(as.cookie ? { extraHeaders: { cookie: as.cookie } } : {}),
  });
}

/** Resolves with the socket once connected; rejects with the connect_error. */
export function connected(socket: Control): Promise<Control> {
  if (socket.connected) return Promise.resolve(socket);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

/** Every payload of one server-to-client event the socket receives from now on, oldest first. */
export function recorded<E extends keyof Events>(socket: Control, event: E): Events[E][] {
  const seen: Events[E][] = [];
  (socket as unknown as Socket).on(event as string, (payload: Events[E]) => seen.push(payload));
  return seen;
}

/** A chair's or clerk's screen's socket, as other tests name it. */
export type ControlSocket = Control;

/** Connects to the control plane with a token; resolves once connected. */
export function connectWithToken(url: string, token: string): Promise<ControlSocket> {
  return connected(openControl(url, { token }));
}
