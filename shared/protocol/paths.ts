/** Where the Yjs endpoint lives: `${YJS_PATH}/${meetingId}`, as the stock y-websocket provider builds it. */
export const YJS_PATH = "/yjs";
/** Where socket.io listens. */
export const SOCKET_IO_PATH = "/socket.io";
/** The socket.io room of a meeting's presence and chair events. */
export function meetingRoom(meetingId: string): string {
  return `meeting:${meetingId}`;
}
/** The socket.io room every signed-in client joins for lobby updates. */
export const LOBBY_ROOM = "lobby";
/** The session cookie's name. */
export const SESSION_COOKIE = "lm_session";
