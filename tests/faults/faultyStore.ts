import type { Store } from "../../server/persistence/Store";
import { writeError } from "../../server/persistence/jsonFile";

/** The errno codes a dying disk gives: full, or no longer writable. */
export type DiskFault = "ENOSPC" | "EACCES" | "EROFS";

/** One write the server tried, when, and whether the fault refused it. */
export interface WriteAttempt {
  op: "appendUpdates" | "replaceDocument" | "saveVersion";
  at: number;
  failed: boolean;
}

const ERRNO: Record<DiskFault, { errno: number; message: string }> = {
  ENOSPC: { errno: -28, message: "no space left on device" },
  EACCES: { errno: -13, message: "permission denied" },
  EROFS: { errno: -30, message: "read-only file system" },
};

/**
 * A store that passes everything to a real one, except that while `fault` is set, every
 * document and version write fails as the file system would (the same wrapped error the
 * lowdb store raises). Tests run as root, for whom chmod blocks nothing, so the fault is
 * injected here instead; every write attempt is recorded to check the retry timing.
 */
export class FaultyStore implements Store {
  fault: DiskFault | null = null;
  /** How long a refused write takes before it fails: a real failing write is not instant, and edits arrive meanwhile. */
  readonly faultLatencyMs = 5;
  readonly attempts: WriteAttempt[] = [];

  constructor(readonly inner: Store) {}

  private async guard<T>(op: WriteAttempt["op"], id: string, write: () => Promise<T>): Promise<T> {
    const fault = this.fault;
    this.attempts.push({ op, at: performance.now(), failed: fault !== null });
    if (fault) {
      await new Promise((resolve) => setTimeout(resolve, this.faultLatencyMs));
      const cause = Object.assign(new Error(`${fault}: ${ERRNO[fault].message}, open '.${id}.json.tmp'`), {
        code: fault,
        errno: ERRNO[fault].errno,
        syscall: "open",
      });
      throw writeError(`meetings/${id}.json`, cause);
    }
    return write();
  }

  /** Attempts of the document writes (the persistence path), oldest first. */
  documentWrites(since = 0): WriteAttempt[] {
    return this.attempts.filter((a) => a.op !== "saveVersion" && a.at >= since);
  }

  open = () => this.inner.open();
  close = () => this.inner.close();
  listMeetings = () => this.inner.listMeetings();
  getMeeting = (id: string) => this.inner.getMeeting(id);
  saveMeeting: Store["saveMeeting"] = (record) => this.inner.saveMeeting(record);
  deleteMeeting = (id: string) => this.inner.deleteMeeting(id);
  listUsers = () => this.inner.listUsers();
  getUser = (id: string) => this.inner.getUser(id);
  findUserByName = (name: string) => this.inner.findUserByName(name);
  saveUser: Store["saveUser"] = (user) => this.inner.saveUser(user);
  deleteUser = (id: string) => this.inner.deleteUser(id);
  loadDocument = (id: string) => this.inner.loadDocument(id);
  appendUpdates: Store["appendUpdates"] = (id, updates) => this.guard("appendUpdates", id, () => this.inner.appendUpdates(id, updates));
  replaceDocument: Store["replaceDocument"] = (id, state) => this.guard("replaceDocument", id, () => this.inner.replaceDocument(id, state));
  releaseDocument = (id: string) => this.inner.releaseDocument(id);
  saveVersion: Store["saveVersion"] = (id, version) => this.guard("saveVersion", id, () => this.inner.saveVersion(id, version));
  listVersions = (id: string) => this.inner.listVersions(id);
  loadVersion = (id: string, versionId: string) => this.inner.loadVersion(id, versionId);
  getPhrasebook = (committee: string) => this.inner.getPhrasebook(committee);
  savePhrasebook: Store["savePhrasebook"] = (committee, phrases) => this.inner.savePhrasebook(committee, phrases);
  getHouseStyle = (committee: string) => this.inner.getHouseStyle(committee);
  saveHouseStyle: Store["saveHouseStyle"] = (committee, style) => this.inner.saveHouseStyle(committee, style);
  revokeSession = (sessionId: string, expiresAt: number) => this.inner.revokeSession(sessionId, expiresAt);
  isSessionRevoked = (sessionId: string) => this.inner.isSessionRevoked(sessionId);
  signingKeys = () => this.inner.signingKeys();
  updateSigningKeys: Store["updateSigningKeys"] = (change) => this.inner.updateSigningKeys(change);
}
