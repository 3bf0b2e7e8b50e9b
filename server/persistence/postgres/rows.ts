import { meetingRecordSchema, userRecordSchema, type MeetingRecord, type SigningKey, type UserRecord, type VersionInfo } from "../Store";

/** A timestamp column as the records carry it (ISO 8601, UTC). */
const iso = (value: Date | string) => new Date(value).toISOString();

/** A `meetings` row. */
export interface MeetingRow {
  id: string;
  title: string;
  committee: string;
  date: string;
  status: string;
  public: boolean;
  roles: Record<string, string>;
  created_at: Date;
  updated_at: Date;
  status_log: unknown;
  approves: unknown;
  approved_by: unknown;
}

/** A meetings row as the record the rest of the server knows, checked as any store's records are. */
export const toMeeting = (r: MeetingRow): MeetingRecord =>
  meetingRecordSchema.parse({
    id: r.id,
    title: r.title,
    committee: r.committee,
    date: r.date,
    status: r.status,
    public: r.public,
    roles: r.roles,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    ...(r.status_log == null ? {} : { statusLog: r.status_log }),
    ...(r.approves == null ? {} : { approves: r.approves }),
    ...(r.approved_by == null ? {} : { approvedBy: r.approved_by }),
  });

/** The parameters of the meetings upsert, in column order. */
export const meetingParams = (m: MeetingRecord) => [
  m.id,
  m.title,
  m.committee,
  m.date,
  m.status,
  m.public,
  JSON.stringify(m.roles),
  m.createdAt,
  m.updatedAt,
  m.statusLog === undefined ? null : JSON.stringify(m.statusLog),
  m.approves === undefined ? null : JSON.stringify(m.approves),
  m.approvedBy === undefined ? null : JSON.stringify(m.approvedBy),
];

/** A `users` row. */
export interface UserRow {
  id: string;
  name: string;
  display_name: string;
  role: string;
  password_hash: string;
  created_at: Date;
}

/** A users row as an account record. */
export const toUser = (r: UserRow): UserRecord =>
  userRecordSchema.parse({
    id: r.id,
    name: r.name,
    displayName: r.display_name,
    role: r.role,
    passwordHash: r.password_hash,
    createdAt: iso(r.created_at),
  });

/** A `meeting_versions` row without its state. */
export interface VersionRow {
  id: string;
  at: Date;
  by_user: string;
  label: string;
  bytes: number;
}

/** A versions row as the version's description. */
export const toVersion = (r: VersionRow): VersionInfo => ({ id: r.id, at: iso(r.at), by: r.by_user, label: r.label, bytes: r.bytes });

/** A `signing_keys` row. */
export interface KeyRow {
  kid: string;
  secret: Buffer;
  created_at: Date;
  retired_at: Date | null;
  legacy: boolean;
}

/** A signing_keys row as a key. */
export const toKey = (r: KeyRow): SigningKey => ({
  kid: r.kid,
  secret: new Uint8Array(r.secret),
  createdAt: iso(r.created_at),
  retiredAt: r.retired_at === null ? null : iso(r.retired_at),
  legacy: r.legacy,
});

/** Bytes as node-postgres sends them for a bytea parameter. */
export const bytes = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
