import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { FrameWriter, binaryFrame } from "../../../server/realtime/frames";
import { eventually } from "../../helpers/eventually";

/** A ws server on a free loopback port that hands each connection and its raw socket to the test. */
async function pair(): Promise<{
  server: Server;
  wss: WebSocketServer;
  ws: WebSocket;
  socket: Duplex;
  client: WebSocket;
  received: Buffer[];
}> {
  const server = createServer();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const accepted = new Promise<{ ws: WebSocket; socket: Duplex }>((resolve) => {
    server.on("upgrade", (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => resolve({ ws, socket })));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const received: Buffer[] = [];
  client.on("message", (data: Buffer) => received.push(data));
  const { ws, socket } = await accepted;
  await new Promise((resolve) => client.once("open", resolve));
  return { server, wss, ws, socket, client, received };
}

describe("frames written straight to the socket", () => {
  let cleanup: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await cleanup?.();
    cleanup = null;
  });

  it("reach a stock ws client whole and in order at every header size, between ws's own control frames", async () => {
    const p = await pair();
    cleanup = async () => {
      p.client.terminate();
      p.wss.close();
      await new Promise((resolve) => p.server.close(resolve));
    };
    const writer = new FrameWriter();
    // 7-bit, 16-bit and 64-bit payload lengths, and each boundary.
    const sizes = [0, 1, 125, 126, 200, 65_535, 65_536, 70_000];
    const messages = sizes.map((n, k) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + k) % 256));
    let pings = 0;
    p.client.on("ping", () => pings++);
    for (const m of messages) {
      writer.write(p.ws, p.socket, m);
      p.ws.ping();
    }
    await eventually(() => expect(p.received).toHaveLength(messages.length));
    expect(p.received.map((b) => b.byteLength)).toEqual(sizes);
    p.received.forEach((b, i) => expect(new Uint8Array(b)).toEqual(messages[i]));
    expect(pings).toBe(messages.length);
    expect(p.client.readyState).toBe(WebSocket.OPEN);
  });

  it("frames a message once however many clients it goes to, and each new message afresh", () => {
    const writer = new FrameWriter();
    const a = new Uint8Array([0, 2, 1, 7]);
    const b = new Uint8Array([0, 2, 1, 7]);
    const frameA = writer.frameOf(a);
    expect(writer.frameOf(a)).toBe(frameA);
    expect(writer.frameOf(b)).not.toBe(frameA);
    expect(writer.frameOf(b)).toEqual(frameA);
    // FIN + binary opcode, unmasked, 4-byte payload.
    expect([...frameA]).toEqual([0x82, 4, 0, 2, 1, 7]);
    expect([...binaryFrame(new Uint8Array(300)).subarray(0, 4)]).toEqual([0x82, 126, 1, 44]);
  });

  it("writes nothing once ws has begun to close, so the close frame is the last thing sent", async () => {
    const p = await pair();
    cleanup = async () => {
      p.wss.close();
      await new Promise((resolve) => p.server.close(resolve));
    };
    const writer = new FrameWriter();
    // Everything written to the socket, ws's own frames included (a client stops reading at the close frame, so it cannot tell).
    const written: number[][] = [];
    const write = p.socket.write.bind(p.socket) as (chunk: Buffer, cb?: () => void) => boolean;
    p.socket.write = ((chunk: Buffer, cb?: () => void) => {
      written.push([...chunk]);
      return write(chunk, cb);
    }) as typeof p.socket.write;
    const closed = new Promise<number>((resolve) => p.client.once("close", (code) => resolve(code)));
    writer.write(p.ws, p.socket, new Uint8Array([1, 2, 3]));
    p.ws.close(4000, "bye");
    writer.write(p.ws, p.socket, new Uint8Array([4, 5, 6]));
    expect(await closed).toBe(4000);
    expect(p.received.map((b) => [...b])).toEqual([[1, 2, 3]]);
    expect(written).toContainEqual([0x82, 3, 1, 2, 3]);
    expect(written).not.toContainEqual([0x82, 3, 4, 5, 6]);
    // And after the socket is gone, a write is quietly dropped rather than thrown.
    expect(() => writer.write(p.ws, p.socket, new Uint8Array([7]))).not.toThrow();
  });
});
