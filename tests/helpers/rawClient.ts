import * as Y from "yjs";
import WebSocket from "ws";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import * as syncProtocol from "y-protocols/sync";
import { MESSAGE } from "../../shared/protocol/closeCodes";

/**
 * A bare y-websocket client that keeps its own replica but lets a test send any frame it
 * likes (raw updates, garbage), and records denials and the close code and reason.
 */
export interface RawClient {
  ws: WebSocket;
  doc: Y.Doc;
  denied: string[];
  closed: Promise<{ code: number; reason: string }>;
  synced: Promise<void>;
  sendUpdate(update: Uint8Array): void;
  sendRaw(data: Uint8Array | string): void;
  /** Captures the update a change on the replica makes, without letting the replica send it. */
  capture(change: (doc: Y.Doc) => void): Uint8Array;
}

/** Opens a raw client; rejects with the HTTP status and body when the upgrade is refused. */
export function connectRaw(url: string, headers: Record<string, string> = {}): Promise<RawClient> {
  const ws = new WebSocket(url, { headers });
  const doc = new Y.Doc();
  const denied: string[] = [];
  let markSynced: () => void = () => {};
  const syncedPromise = new Promise<void>((r) => (markSynced = r));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on("message", (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE.sync) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE.sync);
      const kind = syncProtocol.readSyncMessage(decoder, encoder, doc, "server");
      if (kind === syncProtocol.messageYjsSyncStep1 && encoding.length(encoder) > 1) ws.send(encoding.toUint8Array(encoder));
      if (kind === syncProtocol.messageYjsSyncStep2) markSynced();
    } else if (type === MESSAGE.auth) {
      decoding.readVarUint(decoder);
      denied.push(decoding.readVarString(decoder));
    }
  });
  const client: RawClient = {
    ws,
    doc,
    denied,
    closed,
    synced: syncedPromise,
    sendUpdate(update) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE.sync);
      syncProtocol.writeUpdate(encoder, update);
      ws.send(encoding.toUint8Array(encoder));
    },
    sendRaw(data) {
      ws.send(data);
    },
    capture(change) {
      const updates: Uint8Array[] = [];
      const listener = (u: Uint8Array, origin: unknown) => origin !== "server" && updates.push(u);
      doc.on("update", listener);
      change(doc);
      doc.off("update", listener);
      return Y.mergeUpdates(updates);
    },
  };
  return new Promise((resolve, reject) => {
    ws.once("open", () => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE.sync);
      syncProtocol.writeSyncStep1(encoder, doc);
      ws.send(encoding.toUint8Array(encoder));
      resolve(client);
    });
    ws.once("unexpected-response", (_req, res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => reject(Object.assign(new Error(`upgrade refused: ${res.statusCode} ${body}`), { status: res.statusCode, body })));
    });
    ws.once("error", (error) => reject(error));
  });
}
