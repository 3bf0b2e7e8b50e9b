import { readdir } from "node:fs/promises";
import path from "node:path";
import * as Y from "yjs";
import { AppError } from "../../errors";
import { applyStored } from "../applyStored";
import type { LowdbStore } from "../lowdbStore";
import type { PostgresStore } from "./PostgresStore";

/** What `db import` copied. */
export interface ImportReport {
  users: number;
  meetings: number;
  documents: number;
  versions: number;
  phrasebooks: number;
  houseStyles: number;
  revokedSessions: number;
  signingKeys: number;
}

/** The ids of every meeting with a document, log or versions in the data folder, index or not. */
async function meetingIdsOnDisk(dataDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(path.join(dataDir, "meetings"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return names
    .map((n) => n.replace(/(\.versions\.json|\.json|\.log)$/, ""))
    .filter((id, i, all) => all.indexOf(id) === i && /^[A-Za-z0-9_-]{1,64}$/.test(id));
}

/**
 * Copies a lowdb data folder into the database: accounts, the meetings index, every
 * document (its state with the edits of its log folded in), versions as they were (same ids
 * and times), phrasebooks, house styles, signed-out sessions and the signing keys, so sessions and tokens
 * stay valid. Safe to run again: records are replaced by id, versions already there are
 * kept, and a document already in the database is merged with the folder's, never replaced
 * by it, so edits made there since are kept. Each document is read back after it is written
 * and must equal the state written, or the import stops naming the meeting.
 */
export async function importDataFolder(source: LowdbStore, target: PostgresStore): Promise<ImportReport> {
  const report: ImportReport = {
    users: 0,
    meetings: 0,
    documents: 0,
    versions: 0,
    phrasebooks: 0,
    houseStyles: 0,
    revokedSessions: 0,
    signingKeys: 0,
  };
  // Checks every file of the folder first: one that cannot be read stops the import before anything is copied.
  await source.open();

  for (const user of await source.listUsers()) {
    try {
      await target.saveUser(user);
    } catch (error) {
      if (error instanceof AppError && error.code === "conflict")
        throw new AppError(
          "conflict",
          `User "${user.name}" (id ${user.id}) in ${source.dataDir}: another account in the database has that name.`,
        );
      throw error;
    }
    report.users++;
  }

  const meetings = await source.listMeetings();
  for (const meeting of meetings) {
    await target.saveMeeting(meeting);
    report.meetings++;
  }

  const ids = [...new Set([...meetings.map((m) => m.id), ...(await meetingIdsOnDisk(source.dataDir))])];
  for (const id of ids) {
    if (await copyDocument(source, target, id)) report.documents++;
    for (const { info, state } of await source.versionsWithStates(id)) {
      await target.importVersion(id, info, state);
      report.versions++;
    }
  }

  for (const [committee, phrases] of await source.phrasebookEntries()) {
    await target.savePhrasebook(committee, phrases);
    report.phrasebooks++;
  }
  for (const [committee, style] of await source.houseStyleEntries()) {
    await target.saveHouseStyle(committee, style);
    report.houseStyles++;
  }
  for (const [sessionId, until] of await source.revokedSessions()) {
    await target.revokeSession(sessionId, until);
    report.revokedSessions++;
  }
  const keys = await source.storedSigningKeys();
  if (keys.length > 0) await target.importSigningKeys(keys);
  report.signingKeys = keys.length;
  return report;
}

/** Copies one document (merged with what the database holds already) and checks it reads back the same; false when there was nothing to copy. */
async function copyDocument(source: LowdbStore, target: PostgresStore, id: string): Promise<boolean> {
  const fromFolder = await source.loadDocument(id);
  await source.releaseDocument(id);
  if (fromFolder.length === 0) return false;
  const doc = new Y.Doc();
  applyStored(doc, fromFolder, "import");
  applyStored(doc, await target.loadDocument(id), "import");
  const state = Y.encodeStateAsUpdate(doc);
  await target.replaceDocument(id, state);

  const readBack = new Y.Doc();
  applyStored(readBack, await target.loadDocument(id), "import");
  await target.releaseDocument(id);
  if (Buffer.compare(Buffer.from(Y.encodeStateAsUpdate(readBack)), Buffer.from(state)) !== 0)
    throw new AppError(
      "store-unwritable",
      `Meeting "${id}": the document read back from the database differs from the one written. Nothing of it was removed from ${source.dataDir}; run the import again.`,
    );
  return true;
}
