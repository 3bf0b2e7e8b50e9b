import { mkdir, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { newId } from "../../shared/meeting";
import { AppError } from "../errors";
import { phrasebookSchema, type Phrase } from "../../shared/meeting/phrasebook";
import { houseStyleSchema } from "../../shared/format/houseStyleSchema";
import type { HouseStyle } from "../../shared/format/houseStyle";
import {
  MAX_VERSIONS,
  meetingRecordSchema,
  userRecordSchema,
  versionInfoSchema,
  type MeetingRecord,
  type SigningKey,
  type Store,
  type StoredUpdates,
  type UserRecord,
  type VersionInfo,
} from "./Store";
import { SigningKeysFile } from "./signingKeysFile";
import { openJsonFile, parseJson, readText, syncToDisk, withFileLock, writeError } from "./jsonFile";
import { UpdateLog } from "./updateLog";

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, "not base64");
const indexSchema = z.object({ meetings: z.array(meetingRecordSchema) });
const usersSchema = z.object({ users: z.array(userRecordSchema) });
const docSchema = z.object({ state: base64.default(""), updates: z.array(base64).default([]) });
const versionsSchema = z.object({ versions: z.array(versionInfoSchema.extend({ state: base64 })) });
const phrasebooksSchema = z.object({ phrasebooks: z.record(z.string(), phrasebookSchema) });
const stylesSchema = z.object({ styles: z.record(z.string(), houseStyleSchema) });
/** Signed-out sessions, each with when it would have expired (ms since the epoch). */
const sessionsSchema = z.object({ revoked: z.record(z.string(), z.number().int()) });

/** Replaces the record with the same id, or adds it. */
function upsert<T extends { id: string }>(list: T[], record: T): void {
  const i = list.findIndex((r) => r.id === record.id);
  if (i >= 0) list[i] = record;
  else list.push(record);
}

const toB64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
const fromB64 = (text: string) => new Uint8Array(Buffer.from(text, "base64"));

/**
 * The embedded store, on lowdb. The index and accounts are small files shared with the CLI
 * (read fresh, written under a lock). Each meeting's document is its own pair of files: the
 * compacted state, written atomically (temp file, rename), and the updates since, appended
 * to a log (updateLog.ts), so saving a batch of keystrokes costs that batch alone.
 */
export class LowdbStore implements Store {
  private readonly logs = new Map<string, UpdateLog>();
  private readonly indexFile: string;
  private readonly usersFile: string;
  private readonly meetingsDir: string;
  private readonly keys: SigningKeysFile;

  constructor(readonly dataDir: string) {
    this.keys = new SigningKeysFile(dataDir);
    this.indexFile = path.join(dataDir, "meetings.json");
    this.usersFile = path.join(dataDir, "users.json");
    this.meetingsDir = path.join(dataDir, "meetings");
  }

  async open(): Promise<void> {
    try {
      await mkdir(this.meetingsDir, { recursive: true });
    } catch (error) {
      throw writeError(this.meetingsDir, error);
    }
    await this.readIndex();
    await this.readUsers();
    const phrasebooks = await readText(this.phrasebooksFile);
    if (phrasebooks !== null) parseJson(this.phrasebooksFile, phrasebooks, phrasebooksSchema);
    const styles = await readText(this.stylesFile);
    if (styles !== null) parseJson(this.stylesFile, styles, stylesSchema);
    await this.readSessions();
    await this.keys.check();
    for (const name of (await readdir(this.meetingsDir)).filter((n) => n.endsWith(".json")).sort()) {
      const file = path.join(this.meetingsDir, name);
      const text = await readText(file);
      if (text !== null) parseJson(file, text, name.endsWith(".versions.json") ? versionsSchema : docSchema);
    }
    for (const name of (await readdir(this.meetingsDir)).filter((n) => n.endsWith(".log")).sort()) {
      await new UpdateLog(path.join(this.meetingsDir, name)).read();
    }
  }

  async close(): Promise<void> {
    this.logs.clear();
  }

  private async readIndex() {
    const text = await readText(this.indexFile);
    return text === null ? { meetings: [] } : parseJson(this.indexFile, text, indexSchema);
  }

  private async readUsers() {
    const text = await readText(this.usersFile);
    return text === null ? { users: [] } : parseJson(this.usersFile, text, usersSchema);
  }

  private async update<S extends z.ZodType>(file: string, schema: S, empty: z.infer<S>, change: (data: z.infer<S>) => void): Promise<void> {
    await withFileLock(file, async () => {
      const db = openJsonFile(file, schema, empty);
      await db.read();
      change(db.data);
      try {
        await db.write();
      } catch (error) {
        throw writeError(file, error);
      }
    });
  }

  async listMeetings(): Promise<MeetingRecord[]> {
    return (await this.readIndex()).meetings;
  }

  async getMeeting(id: string): Promise<MeetingRecord | null> {
    return (await this.readIndex()).meetings.find((m) => m.id === id) ?? null;
  }

  async saveMeeting(record: MeetingRecord): Promise<void> {
    const valid = meetingRecordSchema.parse(record);
    await this.update(this.indexFile, indexSchema, { meetings: [] }, (data) => upsert(data.meetings, valid));
  }

  async deleteMeeting(id: string): Promise<void> {
    await this.update(this.indexFile, indexSchema, { meetings: [] }, (data) => {
      data.meetings = data.meetings.filter((m) => m.id !== id);
    });
    this.logs.delete(id);
    await rm(this.docFile(id), { force: true });
    await rm(this.logFile(id), { force: true });
    await rm(this.versionsFile(id), { force: true });
  }

  async listUsers(): Promise<UserRecord[]> {
    return (await this.readUsers()).users;
  }

  async getUser(id: string): Promise<UserRecord | null> {
    return (await this.readUsers()).users.find((u) => u.id === id) ?? null;
  }

  async findUserByName(name: string): Promise<UserRecord | null> {
    const key = name.trim().toLowerCase();
    return (await this.readUsers()).users.find((u) => u.name.toLowerCase() === key) ?? null;
  }

  async saveUser(user: UserRecord): Promise<void> {
    const valid = userRecordSchema.parse(user);
    await this.update(this.usersFile, usersSchema, { users: [] }, (data) => {
      const clash = data.users.find((u) => u.id !== valid.id && u.name.toLowerCase() === valid.name.toLowerCase());
      if (clash) throw new AppError("conflict", `A user named "${valid.name}" already exists.`);
      upsert(data.users, valid);
    });
  }

  async deleteUser(id: string): Promise<void> {
    await this.update(this.usersFile, usersSchema, { users: [] }, (data) => {
      data.users = data.users.filter((u) => u.id !== id);
    });
  }

  private docFile(id: string): string {
    return path.join(this.meetingsDir, `${id}.json`);
  }

  private versionsFile(id: string): string {
    return path.join(this.meetingsDir, `${id}.versions.json`);
  }

  private logFile(id: string): string {
    return path.join(this.meetingsDir, `${id}.log`);
  }

  /** The meeting's update log, read once so that it knows where its last whole line ends. */
  private async log(id: string): Promise<UpdateLog> {
    return this.logs.get(id) ?? (await this.readLog(id)).log;
  }

  /** Reads the meeting's update log afresh, and keeps it for the appends that follow. */
  private async readLog(id: string): Promise<{ log: UpdateLog; updates: Uint8Array[] }> {
    const log = new UpdateLog(this.logFile(id));
    const updates = await log.read();
    this.logs.set(id, log);
    return { log, updates };
  }

  async loadDocument(id: string): Promise<StoredUpdates> {
    // The log first: a compaction in between would then give a newer state and a log already
    // in it, which replays harmlessly, rather than an older state without its log.
    const { updates: logged } = await this.readLog(id);
    const text = await readText(this.docFile(id));
    // Files written before the log existed keep their updates inside the document file.
    const { state, updates } = text === null ? { state: "", updates: [] } : parseJson(this.docFile(id), text, docSchema);
    const inFile = [...(state ? ["the stored state"] : []), ...updates.flatMap((u, i) => (u ? [`update ${i + 1} in "updates"`] : []))];
    const stored: StoredUpdates = [...[state, ...updates].filter(Boolean).map(fromB64), ...logged];
    // Worded only when asked (a log can hold thousands of lines), and not enumerable, so the
    // array still compares and copies as the plain list of updates it is.
    const describe = (i: number) =>
      i < inFile.length
        ? `Data file ${this.docFile(id)}: ${inFile[i]}`
        : `Data file ${this.logFile(id)} line ${i - inFile.length + 1}: the update`;
    return Object.defineProperty(stored, "describe", { value: describe, enumerable: false });
  }

  async appendUpdates(id: string, updates: readonly Uint8Array[]): Promise<void> {
    (await this.log(id)).append(updates);
  }

  async replaceDocument(id: string, state: Uint8Array): Promise<void> {
    const db = openJsonFile(this.docFile(id), docSchema, { state: toB64(state), updates: [] });
    try {
      await db.write();
      // On disk for certain, not just in the page cache, before the log it replaces goes: after
      // a power cut the journal could otherwise hold the log's removal but not the state.
      await syncToDisk(this.docFile(id));
    } catch (error) {
      throw writeError(this.docFile(id), error);
    }
    // Only once the state is safely written; a crash in between replays the log over a state that already holds it, which changes nothing.
    await (await this.log(id)).clear();
  }

  async releaseDocument(id: string): Promise<void> {
    this.logs.delete(id);
  }

  async saveVersion(id: string, version: { by: string; label: string; state: Uint8Array }): Promise<VersionInfo> {
    const info: VersionInfo = {
      id: newId(),
      at: new Date().toISOString(),
      by: version.by,
      label: version.label,
      bytes: version.state.byteLength,
    };
    const db = openJsonFile(this.versionsFile(id), versionsSchema, { versions: [] });
    await db.read();
    db.data.versions.push({ ...info, state: toB64(version.state) });
    db.data.versions = db.data.versions.slice(-MAX_VERSIONS);
    try {
      await db.write();
    } catch (error) {
      throw writeError(this.versionsFile(id), error);
    }
    return info;
  }

  async listVersions(id: string): Promise<VersionInfo[]> {
    const text = await readText(this.versionsFile(id));
    if (text === null) return [];
    return parseJson(this.versionsFile(id), text, versionsSchema).versions.map(({ state: _state, ...info }) => info);
  }

  async loadVersion(id: string, versionId: string): Promise<Uint8Array | null> {
    const text = await readText(this.versionsFile(id));
    if (text === null) return null;
    const version = parseJson(this.versionsFile(id), text, versionsSchema).versions.find((v) => v.id === versionId);
    return version ? fromB64(version.state) : null;
  }

  private get phrasebooksFile(): string {
    return path.join(this.dataDir, "phrasebooks.json");
  }

  async getPhrasebook(committee: string): Promise<Phrase[] | null> {
    const text = await readText(this.phrasebooksFile);
    if (text === null) return null;
    return parseJson(this.phrasebooksFile, text, phrasebooksSchema).phrasebooks[committee.trim().toLowerCase()] ?? null;
  }

  async savePhrasebook(committee: string, phrases: readonly Phrase[]): Promise<void> {
    const valid = phrasebookSchema.parse(phrases);
    await this.update(this.phrasebooksFile, phrasebooksSchema, { phrasebooks: {} }, (data) => {
      data.phrasebooks[committee.trim().toLowerCase()] = valid;
    });
  }

  private get stylesFile(): string {
    return path.join(this.dataDir, "styles.json");
  }

  async getHouseStyle(committee: string): Promise<HouseStyle | null> {
    const text = await readText(this.stylesFile);
    if (text === null) return null;
    return parseJson(this.stylesFile, text, stylesSchema).styles[committee.trim().toLowerCase()] ?? null;
  }

  async saveHouseStyle(committee: string, style: HouseStyle): Promise<void> {
    const valid = houseStyleSchema.parse(style);
    await this.update(this.stylesFile, stylesSchema, { styles: {} }, (data) => {
      data.styles[committee.trim().toLowerCase()] = valid;
    });
  }

  private get sessionsFile(): string {
    return path.join(this.dataDir, "sessions.json");
  }

  private async readSessions() {
    const text = await readText(this.sessionsFile);
    return text === null ? { revoked: {} } : parseJson(this.sessionsFile, text, sessionsSchema);
  }

  async revokeSession(sessionId: string, expiresAt: number): Promise<void> {
    await this.update(this.sessionsFile, sessionsSchema, { revoked: {} }, (data) => {
      const now = Date.now();
      // Expired sessions are refused by their own expiry: their entries only take space.
      data.revoked = Object.fromEntries(Object.entries(data.revoked).filter(([, until]) => until > now));
      if (expiresAt > now) data.revoked[sessionId] = expiresAt;
    });
  }

  async isSessionRevoked(sessionId: string): Promise<boolean> {
    return ((await this.readSessions()).revoked[sessionId] ?? 0) > Date.now();
  }

  /** Every committee's phrasebook, by the committee's name in lower case (for moving a data folder to another store). */
  async phrasebookEntries(): Promise<[string, Phrase[]][]> {
    const text = await readText(this.phrasebooksFile);
    return text === null ? [] : Object.entries(parseJson(this.phrasebooksFile, text, phrasebooksSchema).phrasebooks);
  }

  /** Every committee's house style, by the committee's name in lower case. */
  async houseStyleEntries(): Promise<[string, HouseStyle][]> {
    const text = await readText(this.stylesFile);
    return text === null ? [] : Object.entries(parseJson(this.stylesFile, text, stylesSchema).styles);
  }

  /** Signed-out sessions not yet expired, with when each would have (ms since the epoch). */
  async revokedSessions(): Promise<[string, number][]> {
    const now = Date.now();
    return Object.entries((await this.readSessions()).revoked).filter(([, until]) => until > now);
  }

  /** The signing keys as they stand, without making one for a folder that has none. */
  async storedSigningKeys(): Promise<SigningKey[]> {
    return this.keys.peek();
  }

  /** A meeting's versions with their states, oldest first. */
  async versionsWithStates(id: string): Promise<{ info: VersionInfo; state: Uint8Array }[]> {
    const text = await readText(this.versionsFile(id));
    if (text === null) return [];
    return parseJson(this.versionsFile(id), text, versionsSchema).versions.map(({ state, ...info }) => ({ info, state: fromB64(state) }));
  }

  async signingKeys(): Promise<SigningKey[]> {
    return this.keys.read();
  }

  async updateSigningKeys(change: (keys: SigningKey[]) => SigningKey[]): Promise<SigningKey[]> {
    return this.keys.update(change);
  }
}
