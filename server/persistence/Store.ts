import { z } from "zod";
import { MEETING_STATUSES, statusChangeSchema } from "../../shared/meeting";
import type { Phrase } from "../../shared/meeting/phrasebook";
import type { HouseStyle } from "../../shared/format/houseStyle";
import { MEETING_ROLES, USER_ROLES } from "../../shared/protocol/roles";

/** A meeting in the index: what the lobby lists without loading the document, and who may do what in it. */
export const meetingRecordSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  title: z.string().default(""),
  committee: z.string().default(""),
  date: z.string().default(""),
  status: z.enum(MEETING_STATUSES).default("draft"),
  /** Every status change, oldest first (absent on records made before statuses were recorded). */
  statusLog: z.array(statusChangeSchema).optional(),
  /** Items of this meeting whose confirmed resolution approves an earlier meeting's minutes. */
  approves: z.array(z.object({ itemId: z.string(), meetingId: z.string() })).optional(),
  /** The resolution of a later meeting that approved these minutes, with its wording (corrections included). */
  approvedBy: z
    .object({ meetingId: z.string(), itemId: z.string(), resolutionId: z.string(), wording: z.string(), at: z.iso.datetime() })
    .optional(),
  public: z.boolean().default(false),
  roles: z.record(z.string(), z.enum(MEETING_ROLES)).default({}),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type MeetingRecord = z.infer<typeof meetingRecordSchema>;

/** An account: admins manage, clerks minute, chairs confirm. */
export const userRecordSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  displayName: z.string().default(""),
  role: z.enum(USER_ROLES),
  passwordHash: z.string().min(1),
  createdAt: z.iso.datetime(),
});
export type UserRecord = z.infer<typeof userRecordSchema>;

/** A saved version of a meeting's document, without its state. */
export const versionInfoSchema = z.object({
  id: z.string().min(1),
  at: z.iso.datetime(),
  by: z.string().default(""),
  label: z.string().default(""),
  bytes: z.number().int().min(0),
});
export type VersionInfo = z.infer<typeof versionInfoSchema>;

/**
 * A key tokens and session cookies are signed with (HS256). `kid` names it in each token's
 * header; the newest key not retired signs, and a retired one still verifies what it signed
 * (server/auth/signingKeys.ts). `legacy` marks the data folder's first key, which also
 * verifies tokens in the format used before JWTs, until they expire.
 */
export interface SigningKey {
  kid: string;
  secret: Uint8Array;
  createdAt: string;
  retiredAt: string | null;
  legacy: boolean;
}

/**
 * A meeting's stored updates, base state first. Where the store can tell, `describe(i)`
 * names where the i-th is kept (`Data file …/meetings/m.log line 3: the update`), so an
 * update that turns out not to load can be traced to its file.
 */
export type StoredUpdates = Uint8Array[] & { describe?(index: number): string };

/**
 * Where meetings live. The lowdb store is the embedded default; a server-grade store
 * implements the same interface and passes the same contract suite (tests/contracts).
 */
export interface Store {
  /** Reads and checks everything; a file that cannot be read fails here, naming it, and is left untouched. */
  open(): Promise<void>;
  /** Finishes pending writes. */
  close(): Promise<void>;

  listMeetings(): Promise<MeetingRecord[]>;
  getMeeting(id: string): Promise<MeetingRecord | null>;
  /** Creates or replaces a meeting record. */
  saveMeeting(record: MeetingRecord): Promise<void>;
  /** Removes a meeting with its document and versions. */
  deleteMeeting(id: string): Promise<void>;

  listUsers(): Promise<UserRecord[]>;
  getUser(id: string): Promise<UserRecord | null>;
  findUserByName(name: string): Promise<UserRecord | null>;
  /** Creates or replaces an account; names are unique (case-insensitive). */
  saveUser(user: UserRecord): Promise<void>;
  deleteUser(id: string): Promise<void>;

  /** The stored document as Yjs updates (base state first), or [] for a meeting never edited. */
  loadDocument(id: string): Promise<StoredUpdates>;
  /** Adds updates after the stored ones; resolves once they are on disk. */
  appendUpdates(id: string, updates: readonly Uint8Array[]): Promise<void>;
  /** Replaces the stored document with one merged state (compaction). */
  replaceDocument(id: string, state: Uint8Array): Promise<void>;
  /** Lets the store drop what it keeps in memory for a document nobody has open. */
  releaseDocument(id: string): Promise<void>;

  saveVersion(id: string, version: { by: string; label: string; state: Uint8Array }): Promise<VersionInfo>;
  listVersions(id: string): Promise<VersionInfo[]>;
  loadVersion(id: string, versionId: string): Promise<Uint8Array | null>;

  /** A committee's own phrasebook, or null when it still uses the standard phrases. */
  getPhrasebook(committee: string): Promise<Phrase[] | null>;
  /** Replaces a committee's phrasebook. */
  savePhrasebook(committee: string, phrases: readonly Phrase[]): Promise<void>;

  /** A committee's house style (how its published minutes are written), or null when it has none yet and exports use the seeds' style. */
  getHouseStyle(committee: string): Promise<HouseStyle | null>;
  /** Replaces a committee's house style. */
  saveHouseStyle(committee: string, style: HouseStyle): Promise<void>;

  /** Records that a session was signed out: refused until `expiresAt` (ms since the epoch), when it would have expired anyway and may be forgotten. */
  revokeSession(sessionId: string, expiresAt: number): Promise<void>;
  /** True when the session was signed out and would not have expired yet. */
  isSessionRevoked(sessionId: string): Promise<boolean>;

  /** The keys tokens are signed with, newest first; made on first use (from an older data folder's single key, when it has one). */
  signingKeys(): Promise<SigningKey[]>;
  /** Replaces the signing keys with what `change` makes of them, read and written under one lock (key rotation); resolves with the new list. */
  updateSigningKeys(change: (keys: SigningKey[]) => SigningKey[]): Promise<SigningKey[]>;
}

/** How many versions a meeting keeps; the oldest go first. */
export const MAX_VERSIONS = 200;
