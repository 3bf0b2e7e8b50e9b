import { useEffect, useState } from "react";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { IndexeddbPersistence } from "y-indexeddb";
import { CLOSE } from "../../shared/protocol/closeCodes";
import { YJS_PATH } from "../../shared/protocol/paths";
import { ITEM_UNDO_ROOTS } from "./undoScope";
import { listenForRefusals, type Refusal } from "./refusals";

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
  /** What the server refused of this clerk's changes, when it did, and what became of the rest. */
  refused: Refusal | null;
  /** Connects again after a refusal that stopped the connection. */
  retry(): void;
  /** Drops this device's unsent changes and loads the meeting afresh from the server. */
  discard(): void;
  undo: Y.UndoManager;
  /** Tags this clerk's own transactions, so undo never touches a colleague's typing. */
  origin: object;
}

/**
 * Opens a meeting's document: from this device's copy first (IndexedDB), then live over the
 * y-websocket protocol. Edits made offline are kept on the device and merged on reconnect.
 * If the server refuses part of a change (wording the chair confirmed meanwhile), it applies
 * the rest and takes the refused part back here; when this copy removed something the
 * server keeps, it is reloaded from the server, which by then holds everything else sent.
 * If the server refuses a change whole, the copy on this device is kept, never cleared.
 */
export function useMeeting(meetingId: string, { offline = true }: { offline?: boolean } = {}): MeetingConnection | null {
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<MeetingConnection | null>(null);
  const [refused, setRefused] = useState<Refusal | null>(null);

  useEffect(() => {
    const doc = new Y.Doc();
    const origin = { clerk: true };
    const persistence = offline ? new IndexeddbPersistence(`live-minutes:${meetingId}`, doc) : null;
    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${YJS_PATH}`;
    const provider = new WebsocketProvider(url, meetingId, doc, { maxBackoffTime: 2500 });
    const undo = new Y.UndoManager(
      ITEM_UNDO_ROOTS.map((name) => (name.startsWith("map:") ? doc.getMap(name.slice(4)) : doc.getText(name))),
      { trackedOrigins: new Set([origin]), captureTimeout: 600 },
    );
    // A new comment or resolution closes the undo step, so Ctrl+Z takes back the typing in
    // it first and the comment itself only on a second press.
    const closeUndoStep = (tx: Y.Transaction) => {
      if (tx.origin === origin && [...tx.changed.keys()].some((type) => !(type instanceof Y.Text))) undo.stopCapturing();
    };
    doc.on("afterTransaction", closeUndoStep);
    const reload = () => void (persistence?.clearData() ?? Promise.resolve()).then(() => setGeneration((g) => g + 1));
    const discard = () => {
      provider.destroy();
      setRefused(null);
      reload();
    };
    let current: MeetingConnection = {
      doc,
      provider,
      status: "connecting",
      synced: false,
      localLoaded: !persistence,
      refused: null,
      retry: () => provider.connect(),
      discard,
      undo,
      origin,
    };
    const update = (patch: Partial<MeetingConnection>) => {
      current = { ...current, ...patch };
      setState(current);
    };
    setState(current);
    provider.on("status", ({ status }: { status: string }) =>
      update({
        status:
          status === "connected"
            ? "connected"
            : status === "connecting" && current.status === "offline"
              ? "offline"
              : status === "connecting"
                ? "connecting"
                : "offline",
      }),
    );
    provider.on("sync", (synced: boolean) => update({ synced }));
    listenForRefusals(provider, {
      refused: setRefused,
      // Everything this copy sent went ahead of the refusal's answer on one ordered socket, so
      // the server holds it all; destroy() sends what is still queued before closing.
      resync: (refusal) => {
        setRefused(refusal);
        provider.destroy();
        reload();
      },
    });
    provider.on("connection-close", (event: CloseEvent | null) => {
      if (event?.code !== CLOSE.rejected) return;
      // Refused whole: reconnecting would send it again, so wait for the clerk; keep the copy.
      provider.disconnect();
      setRefused({ reason: event.reason, outcome: "kept" });
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
