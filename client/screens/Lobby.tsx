import { useEffect, useState } from "react";
import type { LobbyMeeting } from "../../shared/protocol/events";
import { TopBar } from "../components/TopBar";
import { NewMeetingForm } from "../components/NewMeetingForm";
import { Link } from "../router";
import { useControl } from "../sync/control";
import { useSession } from "../sync/session";

const STATUS_LABEL: Record<LobbyMeeting["status"], string> = {
  draft: "Draft",
  live: "Live",
  closed: "Closed",
  circulated: "Circulated",
  approved: "Approved",
  published: "Published",
};

function DateTile({ date }: { date: string }) {
  if (!date)
    return (
      <div className="date-tile" aria-label="No date set">
        —
      </div>
    );
  const d = new Date(`${date}T00:00:00`);
  return (
    <div className="date-tile">
      <span className="day">{d.getDate()}</span>
      {d.toLocaleDateString("en-GB", { month: "short", year: "numeric" })}
    </div>
  );
}

/** The meeting list, kept live over the control plane; managers create meetings here. */
export function Lobby() {
  const { socket, act, connected } = useControl();
  const { user } = useSession();
  const [meetings, setMeetings] = useState<LobbyMeeting[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    if (!socket || !connected) return;
    act("lobby:list", {}).then(setMeetings, (e: Error) => setError(e.message));
    socket.on("lobby:changed", setMeetings);
    return () => {
      socket.off("lobby:changed", setMeetings);
    };
  }, [socket, connected, act]);

  return (
    <>
      <TopBar title="Meetings" subtitle={user ? `Signed in as ${user.displayName}` : undefined} />
      <main id="main" className="page">
        <div className="section-head" style={{ marginBottom: "1rem" }}>
          <h2>Committee meetings</h2>
          {user?.role === "admin" && !creating && (
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
              New meeting
            </button>
          )}
        </div>
        {creating && <NewMeetingForm onDone={() => setCreating(false)} />}
        {error && (
          <p className="banner banner-error" role="alert">
            {error}
          </p>
        )}
        {meetings === null && !error && (
          <p className="loading" role="status">
            Loading meetings…
          </p>
        )}
        {meetings?.length === 0 && (
          <div className="card">
            <p className="empty">No meetings yet.</p>
            <p className="hint">
              {user?.role === "admin"
                ? "Create one with “New meeting”, then paste its published agenda to set out the items."
                : "A democratic-services manager will add the meetings you minute."}
            </p>
          </div>
        )}
        <ul className="meeting-list" aria-label="Meetings">
          {meetings?.map((m) => (
            <li key={m.id} className="card meeting-row">
              <DateTile date={m.date} />
              <div>
                <h3 style={{ textTransform: "none", letterSpacing: 0, color: "var(--ink)", fontSize: "1.1rem" }}>
                  <Link href={`/meetings/${m.id}`}>{m.title || "Untitled meeting"}</Link>
                </h3>
                <p className="hint" style={{ margin: 0 }}>
                  {m.committee || "No committee set"} ·{" "}
                  <span className={`badge ${m.status === "live" ? "badge-live" : ""}`}>{STATUS_LABEL[m.status]}</span>{" "}
                  {m.public && <span className="badge">Public</span>}{" "}
                  <span className="badge">You: {user?.role === "admin" && m.role === "clerk" ? "manager" : m.role}</span>
                  {m.present > 0 && <span className="badge badge-live">{m.present} connected</span>}
                </p>
              </div>
              <div style={{ display: "flex", gap: "0.4rem", flexWrap: "wrap" }}>
                <Link className="btn" href={`/meetings/${m.id}`}>
                  {m.role === "viewer" ? "Read" : "Minute"}
                </Link>
                {user?.role === "admin" && (
                  <Link className="btn btn-quiet" href={`/meetings/${m.id}/setup`}>
                    Set up
                  </Link>
                )}
                {m.role === "chair" && (
                  <Link className="btn" href={`/meetings/${m.id}/chair`}>
                    Chair view
                  </Link>
                )}
                {m.public && (
                  <a className="btn btn-quiet" href={`/public/${m.id}`} target="_blank" rel="noreferrer">
                    Public view
                  </a>
                )}
              </div>
            </li>
          ))}
        </ul>
      </main>
    </>
  );
}
