import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { openPlainViewer, pool, until, type ClientStats } from "./clients";
import type { RawSocket } from "./rawSocket";

/** What a viewer thread is asked to open: `count` plain viewers at each path. */
interface ViewerWork {
  port: number;
  groups: { path: string; count: number }[];
}

type Reply = { type: "ready" } | { type: "count"; frames: number; stats: ClientStats } | { type: "error"; message: string };

/**
 * Plain viewers in worker threads, so thousands of sockets reading broadcasts do not
 * delay the probes' event loop (whose delay would count as latency). Each thread opens
 * its share, reports when every handshake is done, and counts frames on request.
 */
export class ViewerThreads {
  private constructor(private readonly workers: Worker[]) {}

  /** Spreads the groups over `threads` workers; resolves when every viewer is connected and synced. */
  static async open(port: number, groups: ViewerWork["groups"], threads: number): Promise<ViewerThreads> {
    const shares = Array.from({ length: threads }, (_, t) => groups.filter((_, i) => i % threads === t)).filter((g) => g.length > 0);
    // A worker cannot start from a .ts file directly: register tsx in it first, then load this module.
    const boot = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
    const workers = shares.map((share) => new Worker(boot, { eval: true, workerData: { port, groups: share } satisfies ViewerWork }));
    const out = new ViewerThreads(workers);
    try {
      await Promise.all(workers.map((w) => out.next(w, "ready")));
    } catch (error) {
      await out.close();
      throw error;
    }
    return out;
  }

  private next(worker: Worker, type: Reply["type"]): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const onMessage = (reply: Reply) => {
        worker.off("message", onMessage);
        worker.off("error", reject);
        if (reply.type === "error") reject(new Error(`viewer thread: ${reply.message}`));
        else if (reply.type !== type) reject(new Error(`viewer thread answered ${reply.type}, not ${type}`));
        else resolve(reply);
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
    });
  }

  /** Frames received so far by every plain viewer, and their unexpected closes. */
  async count(): Promise<{ frames: number; stats: ClientStats }> {
    const replies = await Promise.all(
      this.workers.map((w) => {
        const reply = this.next(w, "count");
        w.postMessage("count");
        return reply as Promise<Extract<Reply, { type: "count" }>>;
      }),
    );
    return replies.reduce(
      (a, r) => ({
        frames: a.frames + r.frames,
        stats: { unexpectedCloses: a.stats.unexpectedCloses + r.stats.unexpectedCloses, denials: 0 },
      }),
      { frames: 0, stats: { unexpectedCloses: 0, denials: 0 } },
    );
  }

  /** Disconnects every viewer and ends the threads. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

async function serve(work: ViewerWork): Promise<void> {
  const stats: ClientStats = { unexpectedCloses: 0, denials: 0 };
  const sockets: RawSocket[] = [];
  const paths = work.groups.flatMap((g) => Array.from({ length: g.count }, () => g.path));
  await pool(paths, 32, async (path) => sockets.push(await openPlainViewer(work.port, path, stats)));
  // The server's sync step 1 and its answer to ours: the handshake is done.
  await until(() => sockets.every((s) => s.frames >= 2), "plain viewers to finish the handshake", 60_000);
  parentPort!.on("message", (message: string) => {
    if (message !== "count") return;
    parentPort!.postMessage({ type: "count", frames: sockets.reduce((n, s) => n + s.frames, 0), stats: { ...stats } } satisfies Reply);
  });
  parentPort!.postMessage({ type: "ready" } satisfies Reply);
}

if (!isMainThread && parentPort) {
  serve(workerData as ViewerWork).catch((error: Error) =>
    parentPort!.postMessage({ type: "error", message: error.stack ?? error.message } satisfies Reply),
  );
}
