import * as Y from "yjs";
import { addComment, addItem, entryTextPath, textAt } from "../../shared/meeting";
import { DocClient, until, yjsPath, type ClientStats } from "./clients";

/** One meeting to load: its id and a clerk and a viewer token for it. */
export interface MeetingTarget {
  id: string;
  clerkToken: string;
  viewerToken: string;
}

/** The load on each meeting. */
export interface MeetingShape {
  clerks: number;
  viewers: number;
  /** Characters a second each clerk types, on average. */
  rate: number;
  /** Also publish each clerk's caret (awareness) after every keystroke, as the app's text fields do. */
  presence: boolean;
}

/** Where the probes of every meeting put their measurements (milliseconds). */
export interface LatencySink {
  clerk: number[];
  viewer: number[];
}

const PHRASE = "The committee noted the report and asked officers to return with costed options in the spring. ";

/** A small seeded PRNG, so both servers get exactly the same typing schedule. */
import { mulberry32 as rng } from "../../tests/helpers/random";
export { rng };

/**
 * Tracks when each keystroke of a meeting becomes visible on one replica. A typist's
 * keystrokes are its client's clocks 0, 1, 2, ... (one character each), so after each
 * frame the probe compares its state vector with what it had seen: every clock that just
 * became present was applied now. Send times are taken just before the typist's update
 * leaves, in the same process, so the difference is the edit-to-visible latency.
 */
class LatencyProbe {
  private readonly seen = new Map<number, number>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly sent: Map<number, number[]>,
    private readonly own: number | null,
    private readonly out: number[],
  ) {}

  check(now: number): void {
    for (const [client, times] of this.sent) {
      if (client === this.own) continue;
      const state = Y.getState(this.doc.store, client);
      const from = this.seen.get(client) ?? 0;
      if (state <= from) continue;
      for (let clock = from; clock < state; clock++) {
        const at = times[clock];
        if (at !== undefined) this.out.push(now - at);
      }
      this.seen.set(client, state);
    }
  }

  /** Keystrokes sent by the others that this replica has not got. */
  unseen(): number {
    let n = 0;
    for (const [client, times] of this.sent) {
      if (client === this.own) continue;
      const state = Y.getState(this.doc.store, client);
      for (let clock = state; clock < times.length; clock++) if (times[clock] !== undefined) n++;
    }
    return n;
  }
}

/**
 * One meeting under load: a clerk probe (a full replica that also types), the other
 * clerks (replicas that type and, once synced, ignore what they receive) and a viewer
 * probe (a full replica). Each clerk types into its own discussion comment of one agenda
 * item, one character per update. The plain viewers live in viewer threads (viewers.ts).
 */
export class MeetingLoad {
  /** Send times by typist client id, indexed by the keystroke's clock. */
  private readonly sent = new Map<number, number[]>();
  private readonly typists: { client: DocClient; text: Y.Text }[] = [];
  private clerkProbe!: LatencyProbe;
  private viewerProbe!: LatencyProbe;
  private readonly clients: DocClient[] = [];

  private constructor(
    private readonly index: number,
    /** Where the meeting's viewers connect. */
    readonly viewerPath: string,
  ) {}

  /** Connects everyone to the meeting and creates the clerks' comments; resolves when all are synced. */
  static async setup(
    port: number,
    target: MeetingTarget,
    shape: MeetingShape,
    index: number,
    sink: LatencySink,
    stats: ClientStats,
  ): Promise<MeetingLoad> {
    const clerkPath = yjsPath(target.id, target.clerkToken);
    const viewerPath = yjsPath(target.id, target.viewerToken);
    const load = new MeetingLoad(index, viewerPath);
    const [viewer, clerk] = await Promise.all([DocClient.open(port, viewerPath, stats), DocClient.open(port, clerkPath, stats)]);
    load.clients.push(viewer, clerk);
    await Promise.all([viewer.synced, clerk.synced]);

    const itemId = addItem(clerk.doc, { title: `Item ${index + 1}` });
    const entries = Array.from({ length: shape.clerks }, () => addComment(clerk.doc, itemId));
    const paths = entries.map((entry) => entryTextPath(itemId, "discussion", entry, "comment"));
    // The other clerks start from this state, so it must be on the server first.
    await until(
      () => paths.every((p) => textAt(viewer.doc, p) !== null),
      `meeting ${target.id}: the viewer probe to see the clerks' comments`,
    );

    const start = Y.encodeStateAsUpdate(clerk.doc);
    const others = await Promise.all(
      paths.slice(1).map(async () => {
        const typist = await DocClient.open(port, clerkPath, stats, start);
        load.clients.push(typist);
        await typist.synced;
        typist.ignoreIncoming();
        return typist;
      }),
    );
    [clerk, ...others].forEach((client, i) => {
      load.typists.push({ client, text: textAt(client.doc, paths[i]!)! });
      load.sent.set(client.doc.clientID, []);
    });

    load.clerkProbe = new LatencyProbe(clerk.doc, load.sent, clerk.doc.clientID, sink.clerk);
    load.viewerProbe = new LatencyProbe(viewer.doc, load.sent, null, sink.viewer);
    clerk.afterApply = (now) => load.clerkProbe.check(now);
    viewer.afterApply = (now) => load.viewerProbe.check(now);
    return load;
  }

  /** Types until `endAt` (performance.now() time); resolves when every clerk has stopped. */
  type(shape: MeetingShape, seed: number, endAt: number): Promise<void> {
    const mean = 1000 / shape.rate;
    return Promise.all(
      this.typists.map(({ client, text }, k) => {
        const random = rng(seed + this.index * 7919 + k * 104_729);
        const times = this.sent.get(client.doc.clientID)!;
        let n = Math.floor(random() * PHRASE.length);
        return new Promise<void>((resolve) => {
          const press = () => {
            if (performance.now() >= endAt) return resolve();
            const clock = Y.getState(client.doc.store, client.doc.clientID);
            times[clock] = performance.now();
            text.insert(text.length, PHRASE[n++ % PHRASE.length]!);
            if (shape.presence) {
              const caret = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, text.length));
              client.sendPresence({
                user: { name: `Clerk ${k + 1}`, color: "#2a6f97" },
                cursor: { key: `comment-${k}`, anchor: caret, head: caret },
              });
            }
            setTimeout(press, mean * (0.5 + random()));
          };
          setTimeout(press, mean * random());
        });
      }),
    ).then(() => undefined);
  }

  /** Keystrokes typed in this meeting. */
  get keystrokes(): number {
    let n = 0;
    for (const times of this.sent.values()) for (const t of times) if (t !== undefined) n++;
    return n;
  }

  /** Keystrokes the clerk probe and the viewer probe have not got. */
  unseen(): { clerk: number; viewer: number } {
    return { clerk: this.clerkProbe.unseen(), viewer: this.viewerProbe.unseen() };
  }

  /** Disconnects everyone. */
  close(): void {
    for (const c of this.clients) c.close();
  }
}
