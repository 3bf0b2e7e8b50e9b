import { useEffect, useState } from "react";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { IndexeddbPersistence } from "y-indexeddb";
import { CLOSE } from "../../shared/protocol/closeCodes";
import { YJS_PATH } from "../../shared/protocol/paths";
import { ITEM_UNDO_ROOTS } from "./undoScope";

/** Where the meeting's live document stands. */
export type LinkStatus = "connecting" | "connected" | "offline";

/** A meeting's document, its connection to the server, and this clerk's undo history. */
export interface MeetingConnection {
  doc: Y.Doc;
  provider: WebsocketProvider;
  status: LinkStatus;
  /** True once the server's state has been received on the current connection. */
  synced: boolean;
  /** True once the copy kept on this device has loaded. */
  localLoaded: boolean;
  /** Why the server refused a change, when it did (the document was then re-synced). */
  refused: string | null;
  undo: Y.UndoManager;
  /** Tags this clerk's own transactions, so undo never touches a colleague's typing. */
  origin: object;
}

/**
 * Opens a meeting's document: from this device's copy first (IndexedDB), then live over the
 * y-websocket protocol. Edits made offline are kept on the device and merged on reconnect.
 * If the server refuses a change (wording the chair confirmed meanwhile), the local copy is
 * dropped and the document re-synced from the server.
 */
export function useMeeting(meetingId: string, { offline = true }: { offline?: boolean } = {}): MeetingConnection | null {
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<MeetingConnection | null>(null);
  const [refused, setRefused] = useState<string | null>(null);

  useEffect(() => {
    const doc = new Y.Doc();
    const origin = { clerk: true };
    const persistence = offline ? new IndexeddbPersistence(`live-minutes:${meetingId}`, doc) : null;
    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${YJS_PATH}`;
    const provider = new WebsocketProvider(url, meetingId, doc, { maxBackoffTime: 2500 });
    const undo = new Y.UndoManager(ITEM_UNDO_ROOTS.map((name) => (name.startsWith("map:") ? doc.getMap(name.slice(4)) : doc.getText(name))), { trackedOrigins: new Set([origin]), captureTimeout: 600 });
    // A new comment or resolution closes the undo step, so Ctrl+Z takes back the typing in
    // it first and the comment itself only on a second press.
    const closeUndoStep = (tx: Y.Transaction) => {
      if (tx.origin === origin && [...tx.changed.keys()].some((type) => !(type instanceof Y.Text))) undo.stopCapturing();
    };
    doc.on("afterTransaction", closeUndoStep);
    let current: MeetingConnection = { doc, provider, status: "connecting", synced: false, localLoaded: !persistence, refused: null, undo, origin };
    const update = (patch: Partial<MeetingConnection>) => {
      current = { ...current, ...patch };
      setState(current);
    };
    setState(current);
    provider.on("status", ({ status }: { status: string }) => update({ status: status === "connected" ? "connected" : status === "connecting" && current.status === "offline" ? "offline" : status === "connecting" ? "connecting" : "offline" }));
    provider.on("sync", (synced: boolean) => update({ synced }));
    provider.on("connection-close", (event: CloseEvent | null) => {
      if (event?.code !== CLOSE.rejected) return;
      provider.disconnect();
      setRefused(event.reason);
      void (persistence?.clearData() ?? Promise.resolve()).then(() => setGeneration((g) => g + 1));
    });
    void persistence?.whenSynced.then(() => update({ localLoaded: true }));
    // The browser knows first when the network goes; a half-open socket would hide it.
    const goOffline = () => {
      provider.disconnect();
      update({ status: "offline", synced: false });
    };
    const goOnline = () => provider.connect();
    window.addEventListener("offline", goOffline);
    window.addEventListener("online", goOnline);
    if (!navigator.onLine) goOffline();
    return () => {
      window.removeEventListener("offline", goOffline);
      window.removeEventListener("online", goOnline);
      undo.destroy();
      provider.destroy();
      void persistence?.destroy();
      doc.destroy();
    };
  }, [meetingId, offline, generation]);

  return state && { ...state, refused };
}
