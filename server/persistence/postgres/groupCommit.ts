import { randomUUID } from "node:crypto";
import type pg from "pg";

interface Pending {
  meetingId: string;
  updates: readonly Uint8Array[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Appends edits to `meeting_updates` in group commits: appends that arrive while a commit is
 * in flight, from any meeting, go together in the next one (one INSERT, one round trip, one
 * WAL flush), so a busy server makes a commit per round trip rather than one per meeting per
 * turn of the event loop. An append resolves once its commit has, well within the 100 ms an
 * edit may wait.
 *
 * A commit can fail with its outcome unknown (the connection dropped after COMMIT was sent).
 * Its callers are told it failed, and write the same edits again (merged) later; so each
 * meeting remembers the commits in doubt, and its next successful write first deletes their
 * rows in the same transaction. An edit is then stored once whichever way the doubt fell.
 */
export class GroupCommit {
  private pending: Pending[] = [];
  private running = false;
  /** Commits in doubt, by meeting. */
  private readonly doubts = new Map<string, Set<string>>();

  constructor(
    private readonly pool: pg.Pool,
    /** Told the rows of each meeting a commit wrote. */
    private readonly onCommitted: (meetingId: string, seqs: number[]) => void,
    private readonly wrapError: (error: unknown) => Error,
  ) {}

  /** Appends a meeting's updates; resolves once they are committed. */
  append(meetingId: string, updates: readonly Uint8Array[]): Promise<void> {
    if (updates.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.pending.push({ meetingId, updates, resolve, reject });
      if (!this.running) void this.run();
    });
  }

  /** The commits in doubt for a meeting: a compaction deletes their rows with the ones it folds. */
  doubtsFor(meetingId: string): string[] {
    return [...(this.doubts.get(meetingId) ?? [])];
  }

  /** Forgets the doubts a write has just settled. */
  settle(meetingId: string, batches: readonly string[]): void {
    const set = this.doubts.get(meetingId);
    if (!set) return;
    for (const b of batches) set.delete(b);
    if (set.size === 0) this.doubts.delete(meetingId);
  }

  /** Forgets a meeting (deleted). */
  forget(meetingId: string): void {
    this.doubts.delete(meetingId);
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.pending.length > 0) {
        const group = this.pending;
        this.pending = [];
        await this.commit(group);
      }
    } finally {
      this.running = false;
    }
  }

  private async commit(group: Pending[]): Promise<void> {
    const batch = randomUUID();
    const meetings: string[] = [];
    const updates: Buffer[] = [];
    for (const p of group)
      for (const u of p.updates) {
        meetings.push(p.meetingId);
        updates.push(Buffer.from(u.buffer, u.byteOffset, u.byteLength));
      }
    const settled = [...new Set(group.map((p) => p.meetingId))].flatMap((m) => this.doubtsFor(m).map((b) => [m, b] as const));
    try {
      const rows =
        settled.length === 0
          ? await this.insert(this.pool, batch, meetings, updates)
          : await this.insertSettling(batch, meetings, updates, settled);
      const written = new Map<string, number[]>();
      for (const r of rows) {
        const seqs = written.get(r.meeting_id) ?? [];
        seqs.push(Number(r.seq));
        written.set(r.meeting_id, seqs);
      }
      for (const [m, seqs] of written) this.onCommitted(m, seqs);
      for (const [m, b] of settled) this.settle(m, [b]);
      for (const p of group) p.resolve();
    } catch (error) {
      for (const m of new Set(meetings)) {
        const set = this.doubts.get(m) ?? new Set<string>();
        set.add(batch);
        this.doubts.set(m, set);
      }
      const wrapped = this.wrapError(error);
      for (const p of group) p.reject(wrapped);
    }
  }

  private async insert(db: pg.Pool | pg.PoolClient, batch: string, meetings: string[], updates: Buffer[]) {
    const result = await db.query<{ meeting_id: string; seq: string }>(
      "INSERT INTO meeting_updates (meeting_id, batch, update) SELECT m, $3::uuid, u FROM unnest($1::text[], $2::bytea[]) AS t(m, u) RETURNING meeting_id, seq",
      [meetings, updates, batch],
    );
    return result.rows;
  }

  /** The insert, in one transaction with the deletion of the rows of earlier commits in doubt for these meetings. */
  private async insertSettling(batch: string, meetings: string[], updates: Buffer[], settled: (readonly [string, string])[]) {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query(
        "DELETE FROM meeting_updates AS u USING unnest($1::text[], $2::uuid[]) AS d(m, b) WHERE u.meeting_id = d.m AND u.batch = d.b",
        [settled.map(([m]) => m), settled.map(([, b]) => b)],
      );
      const rows = await this.insert(client, batch, meetings, updates);
      await client.query("COMMIT");
      client.release();
      return rows;
    } catch (error) {
      // A connection in an unknown state is not given back to the pool.
      client.release(error as Error);
      throw error;
    }
  }
}
