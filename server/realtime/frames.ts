import type { Duplex } from "node:stream";
import { Sender, WebSocket } from "ws";

/** Frame options for one unmasked, unfragmented binary message: what a server sends. */
const BINARY = { fin: true, opcode: 0x02, mask: false, readOnly: false, rsv1: false } as const;

/** A whole binary WebSocket frame (header and payload in one buffer) for `message`. */
export function binaryFrame(message: Uint8Array): Buffer {
  const parts = Sender.frame(Buffer.from(message.buffer, message.byteOffset, message.byteLength), BINARY);
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

/**
 * Writes one message to many clients the way a broadcast should: framed once, then one
 * write of the same buffer to each client's socket. `ws.send` frames the message again for
 * every recipient and writes header and payload as two buffers (a writev); a keystroke goes
 * to every clerk and viewer of its meeting, and the sends are most of what the server does
 * (`npm run bench:fanout` measures the two ways against each other).
 *
 * The room hands every recipient of a change the same message object, so the frame of the
 * last message is kept and reused while the same message keeps coming.
 */
export class FrameWriter {
  private lastMessage: Uint8Array | null = null;
  private lastFrame: Buffer | null = null;

  /** The frame of `message`, made once however many clients it goes to. */
  frameOf(message: Uint8Array): Buffer {
    if (message !== this.lastMessage) {
      this.lastFrame = binaryFrame(message);
      this.lastMessage = message;
    }
    return this.lastFrame!;
  }

  /**
   * Writes `message` to `socket`, the socket `ws` was upgraded on, while `ws` is open. ws
   * itself then writes only control frames (pongs, the close frame) to that socket, and
   * every write lands in call order, so frames never interleave. Without compression (the
   * endpoint's WebSocketServer has it off) ws's sender never holds frames back, which is
   * what keeps writes made beside it in order.
   */
  write(ws: WebSocket, socket: Duplex, message: Uint8Array): void {
    if (ws.readyState !== WebSocket.OPEN || !socket.writable) return;
    socket.write(this.frameOf(message));
  }
}
