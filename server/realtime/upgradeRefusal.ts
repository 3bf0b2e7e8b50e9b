import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { errorBody, httpStatus } from "../errors";

/**
 * Answers a refused WebSocket upgrade with a plain HTTP response that says why: the status
 * is the error's (from the one table of errors, 500 for what is not an AppError), the body
 * `{ "error": "<message>" }`.
 */
export function refuseUpgrade(socket: Duplex, error: unknown): void {
  const status = httpStatus(error);
  const body = JSON.stringify({ error: errorBody(error).message });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
