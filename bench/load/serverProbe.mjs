// Preloaded into each server under test (node --expose-gc --import), so the bench can see
// inside either server without changing it. Every second it reports the event loop's delay
// on stderr; on stdin it takes commands, one a line:
//   memory           collect garbage twice, report process.memoryUsage()
//   profile-start    start the V8 CPU profiler
//   profile-stop F   stop it and write the profile to file F
import process from "node:process";
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { setInterval } from "node:timers";

const report = (tag, value) => process.stderr.write(`${tag} ${JSON.stringify(value)}\n`);

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
setInterval(() => {
  report("LOOPPROBE", { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 });
  loop.reset();
}, 1000).unref();

let session = null;
const post = (method, params = {}) =>
  new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));

const commands = {
  memory: async () => {
    globalThis.gc?.();
    globalThis.gc?.();
    report("MEMPROBE", process.memoryUsage());
  },
  "profile-start": async () => {
    session = new Session();
    session.connect();
    await post("Profiler.enable");
    await post("Profiler.setSamplingInterval", { interval: 500 });
    await post("Profiler.start");
    report("PROBE", "profiling");
  },
  "profile-stop": async (file) => {
    const { profile } = await post("Profiler.stop");
    session.disconnect();
    session = null;
    writeFileSync(file, JSON.stringify(profile));
    report("PROBE", "profiled");
  },
};

const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const [name, ...rest] = line.trim().split(" ");
  commands[name]?.(rest.join(" ")).catch((error) => report("PROBE", `error: ${error.message}`));
});
// If the bench goes away without stopping this server (killed outright), stop it as a
// SIGTERM would; reading stdin must not otherwise keep a server alive.
lines.on("close", () => process.kill(process.pid, "SIGTERM"));
process.stdin.unref?.();
