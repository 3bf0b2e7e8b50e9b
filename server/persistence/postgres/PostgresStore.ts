import type pg from "pg";
import { newId } from "../../../shared/meeting";
import { phrasebookSchema, type Phrase } from "../../../shared/meeting/phrasebook";
import { houseStyleSchema } from "../../../shared/format/houseStyleSchema";
import type { HouseStyle } from "../../../shared/format/houseStyle";
import { newSigningKey } from "../../auth/signingKeys";
import { AppError } from "../../errors";
import type { Logger } from "../../logger";
import {
  MAX_VERSIONS,
  meetingRecordSchema,
  userRecordSchema,
  type MeetingRecord,
  type SigningKey,
  type Store,
  type StoredUpdates,
  type UserRecord,
  type VersionInfo,
} from "../Store";
import { createPool, databaseError, describeDatabase, inTransaction, reason, runQuery } from "./database";
import { GroupCommit } from "./groupCommit";
import { migrate } from "./migrate";
import { bytes, meetingParams, toMeeting, toUser, toVersion, type MeetingRow, type UserRow, type VersionRow } from "./rows";
import { changeSigningKeys, mergeSigningKeys, readSigningKeys } from "./signingKeysTable";

/**
 * The server-grade store, on PostgreSQL (node-postgres). Every statement is parameterised;
 * the schema comes from ordered SQL migrations (migrate.ts), applied on open. A document is
 * its compacted state (`meeting_states`) and the edits since (`meeting_updates`), appended
 * in group commits (groupCommit.ts); compaction folds them into the state in one
 * transaction that deletes only the rows it folded (rows this store loaded or appended, so
 * held by the state it writes): a row another writer appended meanwhile stays, whatever its seq.
 */
export class PostgresStore implements Store {
  readonly pool: pg.Pool;
  private readonly commits: GroupCommit;
  /** The migrations the last open applied (none when the schema was up to date). */
  applied: string[] = [];
  /** The update rows of each open document that its state in memory holds: loaded or appended by this store. */
  private readonly seen = new Map<string, Set<number>>();

  constructor(
    readonly url: string,
    { poolSize = 10, log }: { poolSize?: number; log?: Logger } = {},
  ) {
    this.pool = createPool(url, poolSize, (error) =>
      log?.warn("a database connection ended", { database: describeDatabase(url), error: error.message }),
    );
    this.commits = new GroupCommit(
      this.pool,
      (meetingId, seqs) => this.see(meetingId, seqs),
      (error) => databaseError(url, "saving edits", error),
    );
  }

  /** Where the database is, without its password. */
  get where(): string {
    return describeDatabase(this.url);
  }

  async open(): Promise<void> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw new AppError("store-unreadable", `Cannot reach the database at ${this.where}: ${reason(error)}`, { cause: error });
    }
    try {
      this.applied = await migrate(client, this.url);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw databaseError(this.url, "bringing its schema up to date", error);
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    this.seen.clear();
    // Closing twice (a server stopped, then its owner cleaning up) is not an error.
    if (!this.pool.ending) await this.pool.end();
  }

  /** Runs one statement, with a failure that names the database and what was being done. */
  private query<R extends pg.QueryResultRow>(doing: string, sql: string, params: unknown[] = []): Promise<R[]> {
    return runQuery<R>(this.pool, this.url, doing, sql, params);
  }

  /** Runs `fn` in a transaction (database.ts). */
  private transaction<T>(doing: string, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, this.url, doing, fn);
  }

  async listMeetings(): Promise<MeetingRecord[]> {
    return (await this.query<MeetingRow>("listing meetings", "SELECT * FROM meetings ORDER BY created_at, id")).map(toMeeting);
  }

  async getMeeting(id: string): Promise<MeetingRecord | null> {
    const [row] = await this.query<MeetingRow>("reading a meeting", "SELECT * FROM meetings WHERE id = $1", [id]);
    return row ? toMeeting(row) : null;
  }

  async saveMeeting(record: MeetingRecord): Promise<void> {
    await this.query(
      "saving a meeting",
      `INSERT INTO meetings (id, title, committee, date, status, public, roles, created_at, updated_at, status_log, approves, approved_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (id) DO UPDATE SET title = $2, committee = $3, date = $4, status = $5, public = $6, roles = $7,
         created_at = $8, updated_at = $9, status_log = $10, approves = $11, approved_by = $12`,
      meetingParams(meetingRecordSchema.parse(record)),
    );
  }

  async deleteMeeting(id: string): Promise<void> {
    await this.transaction("deleting a meeting", async (c) => {
      await c.query("DELETE FROM meetings WHERE id = $1", [id]);
      await c.query("DELETE FROM meeting_states WHERE meeting_id = $1", [id]);
      await c.query("DELETE FROM meeting_updates WHERE meeting_id = $1", [id]);
      await c.query("DELETE FROM meeting_versions WHERE meeting_id = $1", [id]);
    });
    this.seen.delete(id);
    this.commits.forget(id);
  }

  async listUsers(): Promise<UserRecord[]> {
    return (await this.query<UserRow>("listing users", "SELECT * FROM users ORDER BY created_at, id")).map(toUser);
  }

  async getUser(id: string): Promise<UserRecord | null> {
    const [row] = await this.query<UserRow>("reading a user", "SELECT * FROM users WHERE id = $1", [id]);
    return row ? toUser(row) : null;
  }

  async findUserByName(name: string): Promise<UserRecord | null> {
    const [row] = await this.query<UserRow>("finding a user", "SELECT * FROM users WHERE name_key = $1", [name.trim().toLowerCase()]);
    return row ? toUser(row) : null;
  }

  async saveUser(user: UserRecord): Promise<void> {
    const u = userRecordSchema.parse(user);
    try {
      await this.pool.query(
        `INSERT INTO users (id, name, name_key, display_name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET name = $2, name_key = $3, display_name = $4, role = $5, password_hash = $6, created_at = $7`,
        [u.id, u.name, u.name.toLowerCase(), u.displayName, u.role, u.passwordHash, u.createdAt],
      );
    } catch (error) {
      // 23505: unique_violation, on name_key (the id is the upsert's own key).
      if ((error as { code?: string }).code === "23505") throw new AppError("conflict", `A user named "${u.name}" already exists.`);
      throw databaseError(this.url, "saving a user", error);
    }
  }

  async deleteUser(id: string): Promise<void> {
    await this.query("deleting a user", "DELETE FROM users WHERE id = $1", [id]);
  }

  async loadDocument(id: string): Promise<StoredUpdates> {
    // One statement, so one snapshot: a compaction committing meanwhile cannot give an old state without its rows.
    const rows = await this.query<{ seq: string; data: Buffer }>(
      "loading a meeting's document",
      `SELECT 0::bigint AS seq, state AS data, 0 AS part FROM meeting_states WHERE meeting_id = $1
       UNION ALL SELECT seq, update AS data, 1 AS part FROM meeting_updates WHERE meeting_id = $1
       ORDER BY part, seq`,
      [id],
    );
    const seqs = rows.map((r) => Number(r.seq));
    this.see(
      id,
      seqs.filter((seq) => seq > 0),
    );
    const stored: StoredUpdates = rows.map((r) => new Uint8Array(r.data));
    const describe = (i: number) =>
      seqs[i] === 0
        ? `Database ${this.where}, meeting "${id}": the stored state`
        : `Database ${this.where}, meeting "${id}": update row ${seqs[i]}`;
    return Object.defineProperty(stored, "describe", { value: describe, enumerable: false });
  }

  appendUpdates(id: string, updates: readonly Uint8Array[]): Promise<void> {
    return this.commits.append(id, updates);
  }

  private see(id: string, seqs: readonly number[]): void {
    const set = this.seen.get(id) ?? new Set<number>();
    for (const seq of seqs) set.add(seq);
    this.seen.set(id, set);
  }

  async replaceDocument(id: string, state: Uint8Array): Promise<void> {
    const folded = [...(this.seen.get(id) ?? [])];
    const upTo = folded.reduce((a, b) => Math.max(a, b), 0);
    const doubts = this.commits.doubtsFor(id);
    await this.transaction("compacting a meeting's document", async (c) => {
      await c.query(
        `INSERT INTO meeting_states (meeting_id, state, folded_seq, updated_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (meeting_id) DO UPDATE SET state = $2, folded_seq = GREATEST(meeting_states.folded_seq, $3), updated_at = now()`,
        [id, bytes(state), upTo],
      );
      // Only the rows the state holds (and those of commits in doubt, whose edits it holds too).
      await c.query("DELETE FROM meeting_updates WHERE meeting_id = $1 AND (seq = ANY($2::bigint[]) OR batch = ANY($3::uuid[]))", [
        id,
        folded,
        doubts,
      ]);
    });
    const set = this.seen.get(id);
    for (const seq of folded) set?.delete(seq);
    this.commits.settle(id, doubts);
  }

  async releaseDocument(id: string): Promise<void> {
    this.seen.delete(id);
  }

  async saveVersion(id: string, version: { by: string; label: string; state: Uint8Array }): Promise<VersionInfo> {
    const info: VersionInfo = {
      id: newId(),
      at: new Date().toISOString(),
      by: version.by,
      label: version.label,
      bytes: version.state.byteLength,
    };
    await this.importVersion(id, info, version.state);
    return info;
  }

  /** Stores a version as it is, keeping its id and time (a version with that id already there is left as it is); the oldest beyond MAX_VERSIONS go. */
  async importVersion(id: string, info: VersionInfo, state: Uint8Array): Promise<void> {
    await this.transaction("saving a version", async (c) => {
      await c.query(
        `INSERT INTO meeting_versions (meeting_id, id, at, by_user, label, bytes, state) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (meeting_id, id) DO NOTHING`,
        [id, info.id, info.at, info.by, info.label, info.bytes, bytes(state)],
      );
      await c.query(
        `DELETE FROM meeting_versions WHERE meeting_id = $1 AND pos < ALL (
           SELECT pos FROM meeting_versions WHERE meeting_id = $1 ORDER BY pos DESC LIMIT $2)`,
        [id, MAX_VERSIONS],
      );
    });
  }

  async listVersions(id: string): Promise<VersionInfo[]> {
    const rows = await this.query<VersionRow>(
      "listing versions",
      "SELECT id, at, by_user, label, bytes FROM meeting_versions WHERE meeting_id = $1 ORDER BY pos",
      [id],
    );
    return rows.map(toVersion);
  }

  async loadVersion(id: string, versionId: string): Promise<Uint8Array | null> {
    const [row] = await this.query<{ state: Buffer }>(
      "loading a version",
      "SELECT state FROM meeting_versions WHERE meeting_id = $1 AND id = $2",
      [id, versionId],
    );
    return row ? new Uint8Array(row.state) : null;
  }

  async getPhrasebook(committee: string): Promise<Phrase[] | null> {
    const [row] = await this.query<{ phrases: unknown }>(
      "reading a phrasebook",
      "SELECT phrases FROM phrasebooks WHERE committee_key = $1",
      [committee.trim().toLowerCase()],
    );
    return row ? phrasebookSchema.parse(row.phrases) : null;
  }

  async getHouseStyle(committee: string): Promise<HouseStyle | null> {
    const [row] = await this.query<{ style: unknown }>("reading a house style", "SELECT style FROM house_styles WHERE committee_key = $1", [
      committee.trim().toLowerCase(),
    ]);
    return row ? houseStyleSchema.parse(row.style) : null;
  }

  async saveHouseStyle(committee: string, style: HouseStyle): Promise<void> {
    const valid = houseStyleSchema.parse(style);
    await this.query(
      "saving a house style",
      "INSERT INTO house_styles (committee_key, style) VALUES ($1, $2) ON CONFLICT (committee_key) DO UPDATE SET style = $2",
      [committee.trim().toLowerCase(), JSON.stringify(valid)],
    );
  }

  async savePhrasebook(committee: string, phrases: readonly Phrase[]): Promise<void> {
    const valid = phrasebookSchema.parse(phrases);
    await this.query(
      "saving a phrasebook",
      "INSERT INTO phrasebooks (committee_key, phrases) VALUES ($1, $2) ON CONFLICT (committee_key) DO UPDATE SET phrases = $2",
      [committee.trim().toLowerCase(), JSON.stringify(valid)],
    );
  }

  async revokeSession(sessionId: string, expiresAt: number): Promise<void> {
    await this.transaction("signing a session out", async (c) => {
      // Expired sessions are refused by their own expiry: their rows only take space.
      await c.query("DELETE FROM revoked_sessions WHERE expires_at <= now()");
      if (expiresAt > Date.now())
        await c.query(
          "INSERT INTO revoked_sessions (session_id, expires_at) VALUES ($1, $2) ON CONFLICT (session_id) DO UPDATE SET expires_at = $2",
          [sessionId, new Date(expiresAt)],
        );
    });
  }

  async isSessionRevoked(sessionId: string): Promise<boolean> {
    const rows = await this.query("checking a session", "SELECT 1 FROM revoked_sessions WHERE session_id = $1 AND expires_at > now()", [
      sessionId,
    ]);
    return rows.length > 0;
  }

  async signingKeys(): Promise<SigningKey[]> {
    let keys: SigningKey[];
    try {
      keys = await readSigningKeys(this.pool);
    } catch (error) {
      throw databaseError(this.url, "reading the signing keys", error);
    }
    return keys.length > 0 ? keys : this.updateSigningKeys((current) => current);
  }

  async updateSigningKeys(change: (keys: SigningKey[]) => SigningKey[]): Promise<SigningKey[]> {
    return this.transaction("changing the signing keys", (c) =>
      changeSigningKeys(c, (keys) => change(keys.length === 0 ? [newSigningKey()] : keys)),
    );
  }

  /** Adds keys brought from another store (`db import`), keeping those here and making none, so what the other store signed verifies here. */
  async importSigningKeys(incoming: readonly SigningKey[]): Promise<SigningKey[]> {
    return this.transaction("adding signing keys", (c) => changeSigningKeys(c, (keys) => mergeSigningKeys(keys, incoming)));
  }
}
