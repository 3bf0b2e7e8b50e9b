// The far end of `npm run bench:fanout`: N plain ws clients; ws reads each frame whether or not anyone listens.
// Kept apart from the sending process so that the socket writes measured there are real
// loopback sends to another process, as they are in the load bench.
import WebSocket from "ws";

const url = process.argv[2]!;
const count = Number(process.argv[3]);
let open = 0;
for (let i = 0; i < count; i++) {
  const ws = new WebSocket(url);
  ws.on("open", () => {
    if (++open === count) process.stdout.write("ready\n");
  });
}
