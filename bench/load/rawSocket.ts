import { connect, type Socket } from "node:net";
import { randomBytes } from "node:crypto";

/** What a connection reports: each binary frame (only while `wantPayloads`), and an end it did not ask for. */
export interface RawSocketEvents {
  onFrame?(payload: Uint8Array): void;
  onClose?(): void;
}

const OP_BINARY = 0x2;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;
const OP_PONG = 0xa;

/**
 * A minimal WebSocket client over a plain TCP socket, for the load generator only.
 * Thousands of bench viewers each receive every broadcast frame, and a full client
 * (ws: a parser state machine, a Buffer and an event per message) would make the
 * generator, not the server, the bottleneck. This one walks frame headers and, once
 * `wantPayloads` is off, skips payloads without copying them. It answers pings (the
 * reference server drops connections that do not) and masks what it sends, as RFC 6455
 * requires of clients. No extensions, no fragmentation: neither server under test uses them.
 */
export class RawSocket {
  /** Binary frames received, payload read or not. */
  frames = 0;
  /** Bytes of binary payload received. */
  bytes = 0;
  /** When false, binary payloads are skipped unread. */
  wantPayloads = true;
  closed = false;
  private closedHere = false;
  private readonly socket: Socket;
  private pending: Buffer | null = null;
  private skip = 0;
  private readonly mask = randomBytes(4);

  private events: RawSocketEvents | null = null;
  private held: Buffer[] = [];

  private constructor(socket: Socket) {
    this.socket = socket;
  }

  /** Opens `ws://127.0.0.1:port{path}`; rejects with the status line if the upgrade is refused. Frames wait for `listen`. */
  static open(port: number, path: string, timeoutMs = 30_000): Promise<RawSocket> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: "127.0.0.1", port, noDelay: true });
      const raw = new RawSocket(socket);
      let head: Buffer = Buffer.alloc(0);
      const timer = setTimeout(() => fail(new Error(`upgrade of ${path} timed out after ${timeoutMs} ms`)), timeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(error);
      };
      const onHead = (chunk: Buffer) => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf("\r\n\r\n");
        if (end < 0) return;
        socket.off("data", onHead);
        socket.off("error", fail);
        clearTimeout(timer);
        const status = head.subarray(0, head.indexOf("\r\n")).toString();
        if (!status.startsWith("HTTP/1.1 101"))
          return fail(
            new Error(
              `upgrade of ${path} refused: ${status} ${head
                .subarray(end + 4)
                .toString()
                .slice(0, 200)}`,
            ),
          );
        socket.on("data", (c: Buffer) => (raw.events ? raw.receive(c) : raw.held.push(c)));
        socket.on("error", () => socket.destroy());
        socket.on("close", () => {
          raw.closed = true;
          if (!raw.closedHere) raw.events?.onClose?.();
        });
        if (head.length > end + 4) raw.held.push(head.subarray(end + 4));
        resolve(raw);
      };
      socket.on("data", onHead);
      socket.once("error", fail);
      socket.once("connect", () => {
        const key = randomBytes(16).toString("base64");
        socket.write(
          `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
        );
      });
    });
  }

  /** Starts handing frames to `events`, beginning with any that arrived before. */
  listen(events: RawSocketEvents): this {
    this.events = events;
    for (const chunk of this.held.splice(0)) this.receive(chunk);
    return this;
  }

  /** Sends one binary frame (several may be given to go out in one write). */
  send(...payloads: Uint8Array[]): boolean {
    if (this.closed) return false;
    this.socket.write(Buffer.concat(payloads.map((p) => this.frame(OP_BINARY, p))));
    return true;
  }

  /** Drops the connection without a closing handshake (the servers treat both alike). */
  destroy(): void {
    this.closedHere = true;
    this.closed = true;
    this.socket.destroy();
  }

  private frame(opcode: number, payload: Uint8Array): Buffer {
    const len = payload.length;
    const ext = len < 126 ? 0 : len < 65536 ? 2 : 8;
    const out = Buffer.allocUnsafe(2 + ext + 4 + len);
    out[0] = 0x80 | opcode;
    out[1] = 0x80 | (ext === 0 ? len : ext === 2 ? 126 : 127);
    if (ext === 2) out.writeUInt16BE(len, 2);
    if (ext === 8) out.writeBigUInt64BE(BigInt(len), 2);
    const m = 2 + ext;
    this.mask.copy(out, m);
    for (let i = 0; i < len; i++) out[m + 4 + i] = payload[i]! ^ this.mask[i & 3]!;
    return out;
  }

  private receive(chunk: Buffer): void {
    if (this.skip > 0) {
      const n = Math.min(this.skip, chunk.length);
      this.skip -= n;
      if (n === chunk.length) return;
      chunk = chunk.subarray(n);
    }
    const buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    let at = 0;
    while (buf.length - at >= 2) {
      const opcode = buf[at]! & 0x0f;
      let len = buf[at + 1]! & 0x7f;
      let headLen = 2;
      if (len === 126) {
        if (buf.length - at < 4) break;
        len = buf.readUInt16BE(at + 2);
        headLen = 4;
      } else if (len === 127) {
        if (buf.length - at < 10) break;
        len = Number(buf.readBigUInt64BE(at + 2));
        headLen = 10;
      }
      const start = at + headLen;
      const available = buf.length - start;
      const data = opcode === OP_BINARY || opcode === 0;
      if (data && !this.wantPayloads) {
        this.frames++;
        this.bytes += len;
        if (available < len) {
          this.skip = len - available;
          at = buf.length;
          break;
        }
        at = start + len;
        continue;
      }
      if (available < len) break;
      const payload = buf.subarray(start, start + len);
      at = start + len;
      if (data) {
        this.frames++;
        this.bytes += len;
        this.events?.onFrame?.(payload);
      } else if (opcode === OP_PING && !this.closed) this.socket.write(this.frame(OP_PONG, payload));
      else if (opcode === OP_CLOSE) this.socket.destroy();
    }
    if (at < buf.length) this.pending = Buffer.from(buf.subarray(at));
  }
}
