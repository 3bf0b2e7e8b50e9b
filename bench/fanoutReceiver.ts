// The far end of `npm run bench:fanout`: N plain ws clients that count what they receive.
// Kept apart from the sending process so that the socket writes measured there are real
// loopback sends to another process, as they are in the load bench.
import WebSocket from "ws";

const url = process.argv[2]!;
const count = Number(process.argv[3]);
let open = 0;
let received = 0;
for (let i = 0; i < count; i++) {
  const ws = new WebSocket(url);
  ws.on("open", () => {
    if (++open === count) process.stdout.write("ready\n");
  });
  ws.on("message", () => received++);
}
process.stdin.on("data", () => process.stdout.write(`received ${received}\n`));
