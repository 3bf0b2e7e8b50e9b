import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { fileURLToPath } from "node:url";
import { WebSocketServer, type WebSocket } from "ws";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import { FrameWriter } from "../server/realtime/frames";
import { keystrokes } from "../tests/helpers/keystrokes";

/**
 * `npm run bench:fanout`: what it costs to send one keystroke to every other client of a
 * 20 × 4 × 50 meeting (53 connections), two ways, in one process against the same 53
 * clients in another: `ws.send` for each (the reference server's way, and ours before), and
 * the frame made once and written to each socket (FrameWriter, ours now). The two take
 * turns for several rounds; CPU is this process's user + system time per keystroke.
 * A benchmark: it always exits 0.
 */

const CONNECTIONS = 53;
const KEYSTROKES = 3000;
const ROUNDS = 5;

async function main(): Promise<void> {
  const http = createServer();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const conns: { ws: WebSocket; socket: Duplex }[] = [];
  http.on("upgrade", (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => conns.push({ ws, socket })));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const receiver = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("./fanoutReceiver.ts", import.meta.url)), url, String(CONNECTIONS)],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve) => receiver.stdout.on("data", (d: Buffer) => d.toString().includes("ready") && resolve()));

  // Real keystroke messages as the room sends them: each a sync update of one character.
  const messages = keystrokes({ field: "narrative", count: KEYSTROKES }).map((u) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    syncProtocol.writeUpdate(e, u);
    return encoding.toUint8Array(e);
  });
  const writer = new FrameWriter();
  const ways = {
    "ws.send to each client": (m: Uint8Array) => {
      for (const { ws } of conns) ws.send(m);
    },
    "framed once, written to each socket": (m: Uint8Array) => {
      for (const { ws, socket } of conns) writer.write(ws, socket, m);
    },
  };
  const results = new Map<string, { cpu: number[]; wall: number[] }>(Object.keys(ways).map((k) => [k, { cpu: [], wall: [] }]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, send] of round % 2 ? Object.entries(ways).reverse() : Object.entries(ways)) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      // One keystroke a turn of the event loop, so the sockets drain between them as they do in a server.
      for (const m of messages) {
        send(m);
        await new Promise((resolve) => setImmediate(resolve));
      }
      const cpu = process.cpuUsage(cpu0);
      results.get(name)!.cpu.push((cpu.user + cpu.system) / messages.length);
      results.get(name)!.wall.push(((performance.now() - t0) * 1000) / messages.length);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const base = median(results.get("ws.send to each client")!.cpu);
  console.log(
    `One keystroke sent to ${CONNECTIONS} clients over loopback, ${KEYSTROKES} keystrokes × ${ROUNDS} rounds taking turns, medians, Node ${process.version}\n`,
  );
  for (const [name, r] of results) {
    console.log(
      `${name.padEnd(38)} ${median(r.cpu).toFixed(1).padStart(7)} µs CPU ${median(r.wall).toFixed(1).padStart(7)} µs wall ${(median(r.cpu) / base).toFixed(2).padStart(6)}× ws.send CPU`,
    );
  }
  receiver.kill();
  for (const { ws } of conns) ws.terminate();
  wss.close();
  http.close();
}

await main();
