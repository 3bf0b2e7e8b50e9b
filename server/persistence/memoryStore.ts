import { newId } from "../../shared/meeting";
import { AppError } from "../errors";
import { newSigningKey } from "../auth/signingKeys";
import { phrasebookSchema, type Phrase } from "../../shared/meeting/phrasebook";
import { houseStyleSchema } from "../../shared/format/houseStyleSchema";
import type { HouseStyle } from "../../shared/format/houseStyle";
import {
  MAX_VERSIONS,
  meetingRecordSchema,
  userRecordSchema,
  type MeetingRecord,
  type SigningKey,
  type Store,
  type UserRecord,
  type VersionInfo,
} from "./Store";

/** A store that keeps everything in memory: for tests and throwaway demos. */
export class MemoryStore implements Store {
  private readonly meetings = new Map<string, MeetingRecord>();
  private readonly users = new Map<string, UserRecord>();
  private readonly docs = new Map<string, Uint8Array[]>();
  private readonly versions = new Map<string, (VersionInfo & { state: Uint8Array })[]>();
  private keys: SigningKey[] = [newSigningKey()];
  private readonly phrasebooks = new Map<string, Phrase[]>();
  private readonly styles = new Map<string, HouseStyle>();
  private readonly revoked = new Map<string, number>();

  async open(): Promise<void> {}
  async close(): Promise<void> {}

  async listMeetings(): Promise<MeetingRecord[]> {
    return [...this.meetings.values()].map((m) => structuredClone(m));
  }
  async getMeeting(id: string): Promise<MeetingRecord | null> {
    const m = this.meetings.get(id);
    return m ? structuredClone(m) : null;
  }
  async saveMeeting(record: MeetingRecord): Promise<void> {
    this.meetings.set(record.id, meetingRecordSchema.parse(structuredClone(record)));
  }
  async deleteMeeting(id: string): Promise<void> {
    this.meetings.delete(id);
    this.docs.delete(id);
    this.versions.delete(id);
  }

  async listUsers(): Promise<UserRecord[]> {
    return [...this.users.values()].map((u) => ({ ...u }));
  }
  async getUser(id: string): Promise<UserRecord | null> {
    const u = this.users.get(id);
    return u ? { ...u } : null;
  }
  async findUserByName(name: string): Promise<UserRecord | null> {
    const key = name.trim().toLowerCase();
    const u = [...this.users.values()].find((x) => x.name.toLowerCase() === key);
    return u ? { ...u } : null;
  }
  async saveUser(user: UserRecord): Promise<void> {
    const valid = userRecordSchema.parse(user);
    const clash = [...this.users.values()].find((u) => u.id !== valid.id && u.name.toLowerCase() === valid.name.toLowerCase());
    if (clash) throw new AppError("conflict", `A user named "${valid.name}" already exists.`);
    this.users.set(valid.id, valid);
  }
  async deleteUser(id: string): Promise<void> {
    this.users.delete(id);
  }

  async loadDocument(id: string): Promise<Uint8Array[]> {
    return [...(this.docs.get(id) ?? [])];
  }
  async appendUpdates(id: string, updates: readonly Uint8Array[]): Promise<void> {
    this.docs.set(id, [...(this.docs.get(id) ?? []), ...updates.map((u) => new Uint8Array(u))]);
  }
  async replaceDocument(id: string, state: Uint8Array): Promise<void> {
    this.docs.set(id, [new Uint8Array(state)]);
  }
  async releaseDocument(): Promise<void> {}

  async saveVersion(id: string, version: { by: string; label: string; state: Uint8Array }): Promise<VersionInfo> {
    const info: VersionInfo = {
      id: newId(),
      at: new Date().toISOString(),
      by: version.by,
      label: version.label,
      bytes: version.state.byteLength,
    };
    const list = [...(this.versions.get(id) ?? []), { ...info, state: new Uint8Array(version.state) }];
    this.versions.set(id, list.slice(-MAX_VERSIONS));
    return info;
  }
  async listVersions(id: string): Promise<VersionInfo[]> {
    return (this.versions.get(id) ?? []).map(({ state: _state, ...info }) => info);
  }
  async loadVersion(id: string, versionId: string): Promise<Uint8Array | null> {
    return this.versions.get(id)?.find((v) => v.id === versionId)?.state ?? null;
  }

  async getPhrasebook(committee: string): Promise<Phrase[] | null> {
    return structuredClone(this.phrasebooks.get(committee.trim().toLowerCase()) ?? null);
  }
  async savePhrasebook(committee: string, phrases: readonly Phrase[]): Promise<void> {
    this.phrasebooks.set(committee.trim().toLowerCase(), phrasebookSchema.parse(structuredClone(phrases)));
  }

  async getHouseStyle(committee: string): Promise<HouseStyle | null> {
    return structuredClone(this.styles.get(committee.trim().toLowerCase()) ?? null);
  }
  async saveHouseStyle(committee: string, style: HouseStyle): Promise<void> {
    this.styles.set(committee.trim().toLowerCase(), houseStyleSchema.parse(structuredClone(style)));
  }

  async revokeSession(sessionId: string, expiresAt: number): Promise<void> {
    const now = Date.now();
    for (const [id, until] of this.revoked) if (until <= now) this.revoked.delete(id);
    if (expiresAt > now) this.revoked.set(sessionId, expiresAt);
  }
  async isSessionRevoked(sessionId: string): Promise<boolean> {
    return (this.revoked.get(sessionId) ?? 0) > Date.now();
  }

  async signingKeys(): Promise<SigningKey[]> {
    return structuredClone(this.keys);
  }
  async updateSigningKeys(change: (keys: SigningKey[]) => SigningKey[]): Promise<SigningKey[]> {
    this.keys = structuredClone(change(structuredClone(this.keys)));
    return structuredClone(this.keys);
  }
}
