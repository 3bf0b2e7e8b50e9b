import { useCallback, useEffect, useMemo, useState } from "react";
import {
  addResolution,
  entryTextPath,
  minutesWritable,
  toSnapshot,
  type ItemId,
  type MeetingSnapshot,
  type StatusActor,
} from "../../shared/meeting";
import { canWrite, type MeetingRole } from "../../shared/protocol/roles";
import { useMeeting } from "../sync/useMeeting";
import { useDocState } from "../sync/useDocState";
import { useControl } from "../sync/control";
import { useSession } from "../sync/session";
import { colourFor, initials } from "../sync/presence";
import { TopBar } from "../components/TopBar";
import { EditorProvider, focusAtEnd } from "../components/EditorContext";
import { AgendaSidebar, type ItemPresence } from "../components/AgendaSidebar";
import { RefusalBanner } from "../components/RefusalBanner";
import { ItemEditor } from "../components/ItemEditor";
import { ConnectionStatus } from "../components/ConnectionStatus";
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
  const meeting = useDocState(conn?.doc, toSnapshot);
  const { user } = useSession();
  const { act, socket, connected } = useControl();
  const roleKey = `live-minutes:role:${meetingId}`;
  const [role, setRole] = useState<MeetingRole | null>(() => (localStorage.getItem(roleKey) as MeetingRole | null) ?? null);
  const [selected, setSelected] = useState<string | null>(selectedFromUrl);
  const [drawer, setDrawer] = useState<Drawer>(null);
  const [saved, setSaved] = useState<{ savedAt: string | null; error: string | null } | null>(null);
  const [presence, setPresence] = useState<ItemPresence>(new Map());
  const [notice, setNotice] = useState<string | null>(null);
  const name = user?.displayName ?? "Clerk";
  const phrasebook = usePhrasebook(meeting?.committee ?? "");

  // Role and presence over the control plane.
  useEffect(() => {
    if (!connected || !socket) return;
    act("meeting:join", { meetingId }).then(
      ({ role }) => {
        setRole(role);
        localStorage.setItem(roleKey, role);
      },
      (e: Error) => setNotice(e.message),
    );
    const onSaved = (s: { meetingId: string; savedAt: string | null; error: string | null }) => s.meetingId === meetingId && setSaved(s);
    socket.on("meeting:saved", onSaved);
    return () => {
      socket.off("meeting:saved", onSaved);
      void act("meeting:leave", { meetingId }).catch(() => undefined);
    };
  }, [connected, socket, act, meetingId, roleKey]);

  const items = meeting?.items;
  const current = selected && items?.some((i) => i.id === selected) ? selected : (meeting?.currentItemId ?? items?.[0]?.id ?? null);

  const select = useCallback(
    (id: string) => {
      setSelected(id);
      history.replaceState(null, "", `/meetings/${meetingId}?item=${id}`);
      document.getElementById("main")?.focus();
    },
    [meetingId],
  );

  // Who is here, on which item: from Yjs awareness.
  useEffect(() => {
    const awareness = conn?.provider.awareness;
    if (!awareness) return;
    awareness.setLocalStateField("user", { name, color: colourFor(name) });
    const refresh = () => {
      const map: ItemPresence = new Map();
      awareness.getStates().forEach((state, id) => {
        if (id === awareness.clientID || !state.user || !state.itemId) return;
        const list = map.get(state.itemId as string) ?? [];
        list.push(state.user as { name: string; color: string });
        map.set(state.itemId as string, list);
      });
      setPresence(map);
    };
    awareness.on("change", refresh);
    return () => awareness.off("change", refresh);
  }, [conn?.provider, name]);

  useEffect(() => {
    conn?.provider.awareness.setLocalStateField("itemId", current);
    if (connected && current) void act("presence:item", { meetingId, itemId: current }).catch(() => undefined);
  }, [conn?.provider, current, connected, act, meetingId]);

  // Circulated and approved minutes are read-only for everyone; the server refuses changes too (SPEC 15).
  const readOnly = !role || !canWrite(role) || (meeting !== null && !minutesWritable(meeting.status));
  const actor: StatusActor | null = user?.role === "admin" ? "manager" : role === "clerk" || role === "chair" ? role : null;

  // Shortcuts that work anywhere on the screen.
  useEffect(() => {
    if (!conn || !meeting) return;
    const handleKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && !e.altKey && e.key.toLowerCase() === "z") {
        e.preventDefault();
        if (e.shiftKey) conn.undo.redo();
        else conn.undo.undo();
      } else if (mod && e.key.toLowerCase() === "y") {
        e.preventDefault();
        conn.undo.redo();
      } else if (e.key === "F1" || (mod && e.key === "/")) {
        e.preventDefault();
        setDrawer((d) => (d === "help" ? null : "help"));
      } else if (e.altKey && (e.key === "ArrowDown" || e.key === "ArrowUp") && current) {
        e.preventDefault();
        const index = meeting.items.findIndex((i) => i.id === current);
        const next = meeting.items[index + (e.key === "ArrowDown" ? 1 : -1)];
        if (next) select(next.id);
      } else if (mod && e.key === "Enter" && current && !readOnly) {
        e.preventDefault();
        const id = addResolution(conn.doc, current as ItemId, { text: "That " }, { origin: conn.origin });
        // The new resolution has rendered by now (local structural changes render at once).
        const field = document.getElementById(`f-${entryTextPath(current as ItemId, "resolutions", id, "text").join("-")}`);
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
  }, [conn, meeting, current, readOnly, select, meetingId, name]);

  const editorValue = useMemo(
    () => conn && { doc: conn.doc, origin: conn.origin, awareness: conn.provider.awareness, readOnly, phrases: phrasebook.phrases },
    [conn, readOnly, phrasebook.phrases],
  );

  if (!conn || !editorValue)
    return (
      <p className="loading" role="status">
        Opening the meeting…
      </p>
    );
  const item = meeting?.items.find((i) => i.id === current) ?? null;
  const others = [...new Map([...presence.values()].flat().map((p) => [p.name, p])).values()];

  return (
    <EditorProvider value={editorValue} key={conn.doc.guid}>
      <TopBar title={meeting?.title || "Meeting"} subtitle={subtitle(meeting)}>
        <ConnectionStatus status={conn.status} synced={conn.synced} saved={saved} />
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
        {meeting ? (
          <AgendaSidebar meeting={meeting} selected={current} onSelect={select} presence={presence} />
        ) : (
          <nav className="agenda" aria-label="Agenda" />
        )}
        <main id="main" tabIndex={-1}>
          {conn.refused && <RefusalBanner refusal={conn.refused} onRetry={conn.retry} onDiscard={conn.discard} />}
          {notice && (
            <p className="banner banner-ok" role="status">
              {notice}
            </p>
          )}
          {!meeting && (
            <p className="loading" role="status">
              {conn.status === "offline" && conn.localLoaded
                ? "This meeting has not been opened on this device before, so it cannot be shown offline."
                : "Loading the minutes…"}
            </p>
          )}
          {meeting && !item && (
            <div className="card">
              <h2>No agenda items yet</h2>
              <p>Add items with “+ Add item”, or import the published agenda (paste its text) with “Import agenda”.</p>
            </div>
          )}
          {meeting && item && <ItemEditor key={item.id} item={item} meeting={meeting} />}
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
      {drawer === "attendance" && meeting && <AttendancePanel meeting={meeting} onClose={() => setDrawer(null)} />}
      {drawer === "import" && <ImportDialog meetingId={meetingId} onClose={() => setDrawer(null)} />}
    </EditorProvider>
  );
}

function subtitle(meeting: MeetingSnapshot | null): string | undefined {
  if (!meeting) return undefined;
  const date = meeting.date
    ? new Date(`${meeting.date}T00:00:00`).toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric" })
    : "";
  return [meeting.committee, date, meeting.venue].filter(Boolean).join(" · ") || undefined;
}
