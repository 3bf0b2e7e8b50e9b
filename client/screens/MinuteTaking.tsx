import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { flushSync } from "react-dom";
import { addResolution, entryTextPath, minutesWritable, toSnapshot, type ItemId, type StatusActor } from "../../shared/meeting";
import { canWrite, type MeetingRole } from "../../shared/protocol/roles";
import { useMeeting, type MeetingConnection } from "../sync/useMeeting";
import { useDocState } from "../sync/useDocState";
import { useControl } from "../sync/control";
import { useSession } from "../sync/session";
import { colourFor, initials } from "../sync/presence";
import { MeetingStore, type MeetingInfo } from "../sync/meetingStore";
import { PresenceStore } from "../sync/presenceStore";
import { useItemIds, useMeetingInfo } from "../sync/useMeetingStore";
import { TopBar } from "../components/TopBar";
import { EditorProvider, focusAtEnd } from "../components/EditorContext";
import { AgendaSidebar } from "../components/AgendaSidebar";
import { RefusalBanner } from "../components/RefusalBanner";
import { ItemEditor } from "../components/ItemEditor";
import { SaveStatus } from "../components/SaveStatus";
import { ExportMenu } from "../components/ExportMenu";
import { StatusControl } from "../components/StatusControl";
import { HelpPanel } from "../components/HelpPanel";
import { VersionHistory } from "../components/VersionHistory";
import { AttendancePanel } from "../components/AttendancePanel";
import { ImportDialog } from "../components/ImportDialog";
import { Link } from "../router";
import { api } from "../api/rest";
import { usePhrasebook } from "../sync/usePhrasebook";

type Drawer = "help" | "history" | "attendance" | "import" | null;

function selectedFromUrl(): string | null {
  return new URLSearchParams(location.search).get("item");
}

/** The clerks' screen: the agenda, the item being minuted, and everything around it. */
export function MinuteTaking({ meetingId }: { meetingId: string }) {
  const conn = useMeeting(meetingId);
  const doc = conn?.doc;
  const awareness = conn?.provider.awareness;
  // One store and one awareness subscription per document, for every part of the screen.
  const store = useMemo(() => doc && new MeetingStore(doc), [doc]);
  const presence = useMemo(() => awareness && new PresenceStore(awareness), [awareness]);
  if (!conn || !store || !presence)
    return (
      <p className="loading" role="status">
        Opening the meeting…
      </p>
    );
  return <MinuteTakingScreen key={conn.doc.guid} meetingId={meetingId} conn={conn} store={store} presence={presence} />;
}

const selectHeader = (m: MeetingInfo | null) =>
  m && { title: m.title, committee: m.committee, date: m.date, venue: m.venue, currentItemId: m.currentItemId, status: m.status };

function MinuteTakingScreen({
  meetingId,
  conn,
  store,
  presence,
}: {
  meetingId: string;
  conn: MeetingConnection;
  store: MeetingStore;
  presence: PresenceStore;
}) {
  const meeting = useMeetingInfo(store, selectHeader);
  const items = useItemIds(store);
  const here = useSyncExternalStore(presence.subscribeItemPresence, presence.getItemPresence);
  const { user } = useSession();
  const { act, socket, connected } = useControl();
  const roleKey = `live-minutes:role:${meetingId}`;
  const [role, setRole] = useState<MeetingRole | null>(() => (localStorage.getItem(roleKey) as MeetingRole | null) ?? null);
  const [selected, setSelected] = useState<string | null>(selectedFromUrl);
  const [drawer, setDrawer] = useState<Drawer>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const name = user?.displayName ?? "Clerk";
  const phrasebook = usePhrasebook(meeting?.committee ?? "");
  const { doc, origin, undo } = conn;
  const awareness = conn.provider.awareness;

  // Role over the control plane.
  useEffect(() => {
    if (!connected || !socket) return;
    act("meeting:join", { meetingId }).then(
      ({ role }) => {
        setRole(role);
        localStorage.setItem(roleKey, role);
      },
      (e: Error) => setNotice(e.message),
    );
    return () => void act("meeting:leave", { meetingId }).catch(() => undefined);
  }, [connected, socket, act, meetingId, roleKey]);

  // The URL's item when the agenda holds it (so it is one of the agenda's ids), else the meeting's current item.
  const current = (
    selected && items.includes(selected as ItemId) ? selected : (meeting?.currentItemId ?? items[0] ?? null)
  ) as ItemId | null;

  const select = useCallback(
    (id: string) => {
      setSelected(id);
      history.replaceState(null, "", `/meetings/${meetingId}?item=${id}`);
      document.getElementById("main")?.focus();
    },
    [meetingId],
  );

  // Who this clerk is and which item they are on, for colleagues' screens.
  useEffect(() => {
    awareness.setLocalStateField("user", { name, color: colourFor(name) });
  }, [awareness, name]);
  useEffect(() => {
    awareness.setLocalStateField("itemId", current);
    if (connected && current) void act("presence:item", { meetingId, itemId: current }).catch(() => undefined);
  }, [awareness, current, connected, act, meetingId]);

  // Circulated and approved minutes are read-only for everyone; the server refuses changes too (SPEC 15).
  const readOnly = !role || !canWrite(role) || (meeting !== null && !minutesWritable(meeting.status));
  const actor: StatusActor | null = user?.role === "admin" ? "manager" : role === "clerk" || role === "chair" ? role : null;

  // Shortcuts that work anywhere on the screen.
  useEffect(() => {
    const handleKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && !e.altKey && e.key.toLowerCase() === "z") {
        e.preventDefault();
        if (e.shiftKey) undo.redo();
        else undo.undo();
      } else if (mod && e.key.toLowerCase() === "y") {
        e.preventDefault();
        undo.redo();
      } else if (e.key === "F1" || (mod && e.key === "/")) {
        e.preventDefault();
        setDrawer((d) => (d === "help" ? null : "help"));
      } else if (e.altKey && (e.key === "ArrowDown" || e.key === "ArrowUp") && current) {
        e.preventDefault();
        const next = items[items.indexOf(current) + (e.key === "ArrowDown" ? 1 : -1)];
        if (next) select(next);
      } else if (mod && e.key === "Enter" && current && !readOnly) {
        e.preventDefault();
        // Rendered before this returns, so the new resolution's field can take the caret.
        let id = "";
        flushSync(() => (id = addResolution(doc, current, { text: "That " }, { origin })));
        const field = document.getElementById(`f-${entryTextPath(current, "resolutions", id, "text").join("-")}`);
        if (field instanceof HTMLTextAreaElement) focusAtEnd(field);
      } else if (mod && e.key.toLowerCase() === "s") {
        e.preventDefault();
        if (!readOnly)
          void api.saveVersion(meetingId, `Saved by ${name}`).then(
            () => setNotice("Version saved."),
            (err: Error) => setNotice(err.message),
          );
      } else if (e.key === "Escape") setDrawer(null);
    };
    document.addEventListener("keydown", handleKey);
    return () => document.removeEventListener("keydown", handleKey);
  }, [doc, origin, undo, items, current, readOnly, select, meetingId, name]);

  const others = [...new Map(Object.values(here).flatMap((list) => list.map((p) => [p.name, p] as const))).values()];
  const loaded = meeting !== null;

  return (
    <EditorProvider
      doc={doc}
      origin={origin}
      awareness={awareness}
      readOnly={readOnly}
      phrases={phrasebook.phrases}
      store={store}
      presence={presence}
    >
      <TopBar title={meeting?.title || "Meeting"} subtitle={subtitle(meeting)}>
        <SaveStatus meetingId={meetingId} status={conn.status} synced={conn.synced} />
        {meeting && <StatusControl meetingId={meetingId} status={meeting.status} actor={actor} />}
        <span className="presence" role="group" aria-label={`Also here: ${others.map((o) => o.name).join(", ") || "nobody else"}`}>
          {others.map((o) => (
            <span key={o.name} className="avatar" style={{ background: o.color }} title={o.name}>
              {initials(o.name)}
            </span>
          ))}
        </span>
        <button type="button" className="btn btn-quiet" onClick={() => setDrawer("attendance")}>
          Attendance
        </button>
        {!readOnly && (
          <button type="button" className="btn btn-quiet" onClick={() => setDrawer("import")}>
            Import agenda
          </button>
        )}
        <ExportMenu meetingId={meetingId} />
        <button type="button" className="btn btn-quiet" onClick={() => setDrawer("history")}>
          History
        </button>
        {role === "chair" && (
          <Link className="btn btn-quiet" href={`/meetings/${meetingId}/chair`}>
            Chair view
          </Link>
        )}
        <button type="button" className="btn btn-quiet" onClick={() => setDrawer("help")} aria-label="Keyboard shortcuts (F1)">
          ?
        </button>
      </TopBar>
      <div className="workspace">
        {loaded ? <AgendaSidebar selected={current} onSelect={select} /> : <nav className="agenda" aria-label="Agenda" />}
        <main id="main" tabIndex={-1}>
          {conn.refused && <RefusalBanner refusal={conn.refused} onRetry={conn.retry} onDiscard={conn.discard} />}
          {notice && (
            <p className="banner banner-ok" role="status">
              {notice}
            </p>
          )}
          {!loaded && (
            <p className="loading" role="status">
              {conn.status === "offline" && conn.localLoaded
                ? "This meeting has not been opened on this device before, so it cannot be shown offline."
                : "Loading the minutes…"}
            </p>
          )}
          {loaded && !current && (
            <div className="card">
              <h2>No agenda items yet</h2>
              <p>Add items with “+ Add item”, or import the published agenda (paste its text) with “Import agenda”.</p>
            </div>
          )}
          {loaded && current && <ItemEditor key={current} itemId={current} />}
        </main>
      </div>
      {drawer === "help" && (
        <HelpPanel
          phrases={phrasebook.phrases}
          committee={meeting?.committee || undefined}
          onSave={readOnly || user?.role === "chair" ? undefined : phrasebook.save}
          canEditStyle={user?.role === "admin"}
          onClose={() => setDrawer(null)}
        />
      )}
      {drawer === "history" && <VersionHistory meetingId={meetingId} canWrite={!readOnly} onClose={() => setDrawer(null)} />}
      {drawer === "attendance" && <AttendanceDrawer store={store} onClose={() => setDrawer(null)} />}
      {drawer === "import" && <ImportDialog meetingId={meetingId} onClose={() => setDrawer(null)} />}
    </EditorProvider>
  );
}

/** The attendance panel reads the whole meeting (quorum, who may vote), so only while it is open. */
function AttendanceDrawer({ store, onClose }: { store: MeetingStore; onClose(): void }) {
  const meeting = useDocState(store.doc, toSnapshot);
  return meeting && <AttendancePanel meeting={meeting} onClose={onClose} />;
}

function subtitle(meeting: ReturnType<typeof selectHeader>): string | undefined {
  if (!meeting) return undefined;
  const date = meeting.date
    ? new Date(`${meeting.date}T00:00:00`).toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric" })
    : "";
  return [meeting.committee, date, meeting.venue].filter(Boolean).join(" · ") || undefined;
}
