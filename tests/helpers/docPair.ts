import * as Y from "yjs";
import { expect } from "vitest";
import { initMeeting, toSnapshot, type MeetingSnapshot } from "../../shared/meeting";

/**
 * A deterministic in-memory network of meeting documents, for multi-client tests that
 * need no server and no timers. Each document's updates are queued per recipient
 * instead of being delivered, and the test decides when and in what order they arrive
 * (in order, shuffled by a seeded PRNG, or only some of them), as tldraw's sync tests do.
 */

import type { Rng } from "./random";
export { createRng, mulberry32, type Rng } from "./random";

/** One update on its way from one document to another. */
export interface Message {
  from: number;
  to: number;
  update: Uint8Array;
}

/** Documents whose updates wait in queues until the test delivers them. */
export interface Network {
  /** The replicas; docs[i] has Yjs client id i + 1, so conflict resolution is the same on every run. */
  readonly docs: Y.Doc[];
  /** Number of updates waiting, optionally only those from `from` and/or to `to`. */
  pending(from?: number, to?: number): number;
  /** Delivers up to `count` of the updates waiting from `from` to `to`, oldest first; returns how many. */
  deliver(from: number, to: number, count?: number): number;
  /** Delivers the newest update waiting from `from` to `to` ahead of the older ones; returns false if none. */
  deliverNewest(from: number, to: number): boolean;
  /** Delivers every waiting update, each link in the order sent. */
  flush(): void;
  /** Delivers every waiting update in an order chosen by `rng` (any update may overtake any other). */
  flushShuffled(rng: Rng): void;
  /** Delivers a random share of the waiting updates in random order, leaving the rest queued; returns how many. */
  flushSome(rng: Rng, share?: number): number;
  /** True when nothing is held back and every replica has the same state and the same meeting snapshot. */
  converged(): boolean;
  /** Asserts convergence with a readable diff of the first replica that differs. */
  expectConverged(): MeetingSnapshot;
  /** Each replica's meeting snapshot. */
  snapshots(): MeetingSnapshot[];
  /** Stops queueing and destroys the documents. */
  destroy(): void;
}

/** Options for a new network. */
export interface NetworkOptions {
  /** Id given to the meeting on docs[0] and delivered to the others before the test starts. */
  meetingId?: string;
}

/** `count` connected meeting documents, all holding the same freshly initialised meeting. */
export function createNetwork(count: number, options: NetworkOptions = {}): Network {
  const docs = Array.from({ length: count }, (_, i) => {
    const doc = new Y.Doc();
    doc.clientID = i + 1;
    return doc;
  });
  let queue: Message[] = [];
  const matches = (m: Message, from?: number, to?: number) => (from === undefined || m.from === from) && (to === undefined || m.to === to);
  const take = (indices: number[]) => {
    const taken = new Set(indices);
    const chosen = indices.map((i) => queue[i]!);
    queue = queue.filter((_, i) => !taken.has(i));
    return chosen;
  };
  const all = () => queue.map((_, i) => i);
  const apply = (message: Message) => Y.applyUpdate(docs[message.to]!, message.update, network);

  const network: Network = {
    docs,
    pending: (from, to) => queue.filter((m) => matches(m, from, to)).length,
    deliver: (from, to, count = Infinity) => {
      const indices = all()
        .filter((i) => matches(queue[i]!, from, to))
        .slice(0, count);
      take(indices).forEach(apply);
      return indices.length;
    },
    deliverNewest: (from, to) => {
      const newest = all()
        .filter((i) => matches(queue[i]!, from, to))
        .pop();
      if (newest !== undefined) take([newest]).forEach(apply);
      return newest !== undefined;
    },
    flush: () => take(all()).forEach(apply),
    flushShuffled: (rng) => rng.shuffle(take(all())).forEach(apply),
    flushSome: (rng, share = 0.5) => {
      const indices = all().filter(() => rng.chance(share));
      rng.shuffle(take(indices)).forEach(apply);
      return indices.length;
    },
    snapshots: () => docs.map((doc) => toSnapshot(doc)),
    converged: () => {
      if (queue.length > 0 || docs.some((doc) => doc.store.pendingStructs !== null || doc.store.pendingDs !== null)) return false;
      const states = docs.map((doc) => ({
        vector: Y.encodeStateVector(doc).join(),
        state: Y.snapshot(doc),
        meeting: JSON.stringify(toSnapshot(doc)),
      }));
      const first = states[0]!;
      return states.every((s) => s.vector === first.vector && Y.equalSnapshots(s.state, first.state) && s.meeting === first.meeting);
    },
    expectConverged: () => {
      const [first, ...rest] = network.snapshots();
      for (const snapshot of rest) expect(snapshot).toEqual(first);
      expect(network.converged(), "every replica shows the same meeting, but their Yjs states or queues differ").toBe(true);
      return first!;
    },
    destroy: () => {
      docs.forEach((doc, i) => doc.off("update", listeners[i]!));
      docs.forEach((doc) => doc.destroy());
      queue = [];
    },
  };

  const listeners = docs.map((doc, from) => {
    const listener = (update: Uint8Array, origin: unknown) => {
      // An update the network applied came from another replica, which already queued it for everyone.
      if (origin === network) return;
      for (let to = 0; to < count; to++) if (to !== from) queue.push({ from, to, update });
    };
    doc.on("update", listener);
    return listener;
  });

  initMeeting(docs[0]!, options.meetingId ?? "meeting-1");
  network.flush();
  return network;
}

/** Two connected meeting documents. */
export function createDocPair(options: NetworkOptions = {}): Network {
  return createNetwork(2, options);
}
