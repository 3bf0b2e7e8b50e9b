import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { io, type Socket } from "socket.io-client";
import type { ActionInput, ActionName, ActionResults, ClientToServerEvents, ServerToClientEvents } from "../../shared/protocol/events";
import { SOCKET_IO_PATH } from "../../shared/protocol/paths";

type ControlSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface ControlState {
  socket: ControlSocket | null;
  connected: boolean;
  /** Sends an action and resolves with its result; rejects with the server's message. */
  act<A extends ActionName>(name: A, payload: ActionInput<A>): Promise<ActionResults[A]>;
}

const ControlContext = createContext<ControlState | null>(null);

/** An action the server refused: its stable code, its words, and what the code carries (for `conflict`: what changed). */
export class ActionError extends Error {
  override readonly name = "ActionError";
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** The socket.io control plane for a signed-in user: lobby, presence, chair actions. */
export function ControlProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  // Made without connecting (a render must not reach the network); the effect connects it,
  // and disconnects it when signed out or unmounted.
  const socket = useMemo<ControlSocket | null>(
    () => (enabled ? io({ path: SOCKET_IO_PATH, transports: ["websocket"], withCredentials: true, autoConnect: false }) : null),
    [enabled],
  );
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    if (!socket) return;
    const handleConnect = () => setConnected(true);
    const handleDisconnect = () => setConnected(false);
    socket.on("connect", handleConnect);
    socket.on("disconnect", handleDisconnect);
    socket.connect();
    return () => {
      socket.off("connect", handleConnect);
      socket.off("disconnect", handleDisconnect);
      socket.disconnect();
      setConnected(false);
    };
  }, [socket]);

  const value = useMemo<ControlState>(
    () => ({
      socket,
      connected,
      async act(name, payload) {
        if (!socket || !socket.connected) throw new Error("Not connected to the server: the action was not sent.");
        const result = await (
          socket.timeout(10_000).emitWithAck as (
            n: string,
            p: unknown,
          ) => Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string; details?: unknown } }>
        )(name, payload);
        if (!result.ok)
          throw new ActionError(
            result.error?.code ?? "internal",
            result.error?.message ?? "The server refused the action.",
            result.error?.details,
          );
        return result.data as ActionResults[typeof name];
      },
    }),
    [socket, connected],
  );
  return <ControlContext.Provider value={value}>{children}</ControlContext.Provider>;
}

/** The control plane. */
export function useControl(): ControlState {
  const value = useContext(ControlContext);
  if (!value) throw new Error("useControl outside ControlProvider");
  return value;
}
