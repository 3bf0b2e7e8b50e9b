import { useEffect } from "react";
import { toSnapshot, publishedWording, type AgendaItem } from "../../shared/meeting";
import { flows } from "../../shared/format/layout";
import { useMeeting } from "../sync/useMeeting";
import { useDocState } from "../sync/useDocState";
import { useMeetingAccess } from "../sync/useMeetingAccess";

/**
 * The public / projector view: the live minutes, read-only, following the item the chair
 * has open. No editing affordance at all. With ?print=1 it shows every item and prints.
 * It asks first whether the meeting may be followed here, and says plainly when not.
 */
export function PublicView({ meetingId }: { meetingId: string }) {
  const access = useMeetingAccess(meetingId);
  if (access.kind === "open") return <PublicMinutes meetingId={meetingId} />;
  return (
    <div className="public">
      <header className="topbar" style={{ position: "static" }}>
        <span className="brand">
          <img src="/favicon.svg" alt="" /> live-minutes
        </span>
        <div className="topbar-title">
          <h1>Live minutes</h1>
        </div>
      </header>
      <main id="main">
        <div className="public-notice" role="status">
          {access.kind === "checking" && <p>Finding the meeting…</p>}
          {access.kind === "private" && (
            <>
              <p>
                <strong>This meeting is not open to the public</strong>, so its minutes cannot be followed on this page.
              </p>
              <p>
                If the clerks open it to the public later, reload this page. Its clerks and chair can{" "}
                <a href={`/signin?next=${encodeURIComponent(`/meetings/${meetingId}`)}`}>sign in</a> to see it.
              </p>
            </>
          )}
          {access.kind === "missing" && (
            <p>
              <strong>There is no meeting at this address.</strong> Check the link you were given.
            </p>
          )}
          {access.kind === "unreachable" && <p>{access.message} Then reload this page.</p>}
        </div>
      </main>
    </div>
  );
}

/** The minutes themselves, live over the meeting's connection. */
function PublicMinutes({ meetingId }: { meetingId: string }) {
  const conn = useMeeting(meetingId, { offline: false });
  const meeting = useDocState(conn?.doc, toSnapshot);
  const printing = new URLSearchParams(location.search).has("print");
  const current = meeting?.items.find((i) => i.id === meeting.currentItemId) ?? null;
  const shown = printing ? (meeting?.items ?? []) : current ? [current] : [];

  // Prints once, when the minutes have first loaded, not again as they change.
  const loaded = meeting !== null;
  useEffect(() => {
    if (!printing || !loaded) return;
    const timer = setTimeout(() => window.print(), 300);
    return () => clearTimeout(timer);
  }, [printing, loaded]);

  return (
    <div className="public">
      <header className="topbar" style={{ position: "static" }}>
        <span className="brand">
          <img src="/favicon.svg" alt="" /> live-minutes
        </span>
        <div className="topbar-title">
          <h1>{meeting?.title || "Meeting"}</h1>
          <p>
            {meeting?.committee}
            {printing ? "" : " · Live minutes, updated as the clerks write them"}
          </p>
        </div>
        {conn && !printing && (
          <span className={`status status-${conn.status}`} role="status">
            {conn.status === "connected" ? "Live" : conn.status === "connecting" ? "Connecting…" : "Reconnecting…"}
          </span>
        )}
      </header>
      <main id="main" aria-live="polite">
        {conn?.status !== "connected" && !meeting && (
          <p className="loading" role="status">
            Connecting to the meeting…
          </p>
        )}
        {meeting && shown.length === 0 && (
          <p className="loading">The meeting has not started an item yet. The minutes will appear here as the chair opens each item.</p>
        )}
        {shown.map((item) => (
          <PublicItem key={item.id} item={item} />
        ))}
      </main>
    </div>
  );
}

function PublicItem({ item }: { item: AgendaItem }) {
  return (
    <article data-item={item.id} aria-labelledby={`pub-${item.id}`}>
      <h2 id={`pub-${item.id}`}>
        {item.number ? `${item.number}. ` : ""}
        {item.title || "Agenda item"}
      </h2>
      {flows(item.narrative).map((f, i) =>
        f.kind === "bullets" ? (
          <ul key={i}>
            {f.items.map((t, j) => (
              <li key={j}>{t}</li>
            ))}
          </ul>
        ) : f.kind === "heading" ? (
          <h3 key={i}>{f.text}</h3>
        ) : (
          <p key={i}>{f.text}</p>
        ),
      )}
      {item.discussion.length > 0 && (
        <section aria-label="Discussion">
          <p>{item.discussionIntro}</p>
          <ul className="discussion">
            {item.discussion.map((d) => (
              <li key={d.id}>{[d.comment, d.response].filter(Boolean).join(" ")}</li>
            ))}
          </ul>
        </section>
      )}
      {item.resolutions.map((r, i) => {
        const wording = publishedWording(r);
        const label = item.resolutions.length > 1 ? `(${i + 1}) ` : "";
        return (
          <div key={r.id} className="resolution-public" data-status={r.confirmation ? "confirmed" : "draft"}>
            <p>
              <strong>{i === 0 ? "RESOLVED \u2013 " : ""}</strong>
              {label}
              {wording.text}{" "}
              {!r.confirmation && (
                <span className="badge badge-draft" style={{ fontFamily: "var(--font)" }}>
                  Draft
                </span>
              )}
            </p>
            {wording.bullets.length > 0 && (
              <ul>
                {wording.bullets.map((b, j) => (
                  <li key={j}>{b}</li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </article>
  );
}
