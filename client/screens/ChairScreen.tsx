import { useEffect, useState } from "react";
import {
  mayVoteOn,
  quorumState,
  toSnapshot,
  publishedWording,
  type AgendaItem,
  type MeetingSnapshot,
  type Resolution,
  type Wording,
  type WordingConflict,
} from "../../shared/meeting";
import { describeVote } from "../../shared/format/layout";
import { VoteForm } from "../components/VoteForm";
import type { MeetingRole } from "../../shared/protocol/roles";
import { useMeeting } from "../sync/useMeeting";
import { useDocState } from "../sync/useDocState";
import { ActionError, useControl } from "../sync/control";
import { TopBar } from "../components/TopBar";
import { ConnectionStatus } from "../components/ConnectionStatus";
import { Link } from "../router";
import { WordingDiff } from "../components/WordingDiff";
import { LockIcon } from "../components/LockIcon";

/** The chair's screen (laptop or tablet): the current item, its draft resolutions, one Confirm each. */
export function ChairScreen({ meetingId }: { meetingId: string }) {
  const conn = useMeeting(meetingId);
  const meeting = useDocState(conn?.doc, toSnapshot);
  const { act, connected } = useControl();
  const [role, setRole] = useState<MeetingRole | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);

  useEffect(() => {
    if (connected)
      act("meeting:join", { meetingId }).then(
        ({ role }) => setRole(role),
        (e: Error) => setError(e.message),
      );
  }, [connected, act, meetingId]);

  const run = (promise: Promise<unknown>) =>
    promise.then(
      () => setError(null),
      (e: Error) => setError(e.message),
    );
  const itemId = viewing ?? meeting?.currentItemId ?? meeting?.items[0]?.id ?? null;
  const item = meeting?.items.find((i) => i.id === itemId) ?? null;
  const quorum = meeting ? quorumState(meeting) : null;
  const voters = meeting && item ? mayVoteOn(meeting, item.id) : [];

  return (
    <div className="big">
      <TopBar title={meeting?.title ? `Chair — ${meeting.title}` : "Chair"} subtitle={meeting?.committee}>
        {conn && <ConnectionStatus status={conn.status} synced={conn.synced} saved={null} />}
        <Link className="btn btn-quiet" href={`/meetings/${meetingId}`}>
          Minutes
        </Link>
      </TopBar>
      <main id="main" className="page">
        {role && role !== "chair" && (
          <p className="banner banner-warn" role="alert">
            You are not the chair of this meeting, so the chair's actions are not available to you.
          </p>
        )}
        {error && (
          <p className="banner banner-error" role="alert">
            {error}
          </p>
        )}
        {!meeting && (
          <p className="loading" role="status">
            Loading…
          </p>
        )}
        {meeting && quorum && (
          <section aria-label="Quorum" className="quorum" style={{ marginBottom: "1rem" }}>
            <div className="stat">
              <span className="hint">Members present</span>
              <strong>{quorum.present}</strong>
            </div>
            <div className="stat">
              <span className="hint">Quorum</span>
              <strong>{quorum.required}</strong>
            </div>
            <div className="stat" role="status">
              <span className="hint">Meeting</span>
              <strong style={{ color: quorum.quorate ? "var(--ok)" : "var(--danger)" }}>
                {quorum.quorate ? "Quorate" : "Not quorate"}
              </strong>
            </div>
            {item && (
              <div className="stat">
                <span className="hint">May vote on this item</span>
                <strong>{voters.length}</strong>
                <span className="hint">{voters.map((v) => v.name).join(", ")}</span>
              </div>
            )}
          </section>
        )}
        {meeting && (
          <nav aria-label="Agenda items" className="card">
            <label className="field-label" htmlFor="chair-item">
              Item
            </label>
            <div style={{ display: "flex", gap: "0.5rem", flexWrap: "wrap", alignItems: "center" }}>
              <select
                id="chair-item"
                className="input"
                value={itemId ?? ""}
                onChange={(e) => setViewing(e.target.value)}
                style={{ fontSize: "1.1rem", minWidth: "16rem" }}
              >
                {meeting.items.map((i, n) => (
                  <option key={i.id} value={i.id}>
                    {i.number || n + 1}. {i.title || "Untitled item"}
                  </option>
                ))}
              </select>
              {item && meeting.currentItemId !== item.id && role === "chair" && (
                <button
                  type="button"
                  className="btn btn-primary"
                  onClick={() => void run(act("chair:currentItem", { meetingId, itemId: item.id }).then(() => setViewing(null)))}
                >
                  Move the meeting to this item
                </button>
              )}
              {item && meeting.currentItemId === item.id && (
                <span className="badge badge-current">Current item: shown on the public screen</span>
              )}
            </div>
          </nav>
        )}
        {item && meeting && (
          <ItemResolutions item={item} meetingId={meetingId} canChair={role === "chair"} voters={voters} meeting={meeting} run={run} />
        )}
      </main>
    </div>
  );
}

function ItemResolutions({
  item,
  meetingId,
  canChair,
  voters,
  meeting,
  run,
}: {
  meeting: MeetingSnapshot;
  item: AgendaItem;
  meetingId: string;
  canChair: boolean;
  /** Members free to vote on the item, for a vote by name. */
  voters: readonly { id: string; name: string }[];
  run(p: Promise<unknown>): void;
}) {
  return (
    <section aria-labelledby="chair-resolutions">
      <h2 id="chair-resolutions" style={{ fontSize: "1.5rem" }}>
        {item.number ? `${item.number}. ` : ""}
        {item.title || "Untitled item"}
      </h2>
      {item.resolutions.length === 0 && (
        <div className="card">
          <p className="empty">The clerks have not drafted a resolution for this item yet. It will appear here as they type.</p>
        </div>
      )}
      {item.resolutions.map((r, index) => (
        <ResolutionCard
          key={r.id}
          r={r}
          itemId={item.id}
          meetingId={meetingId}
          label={item.resolutions.length > 1 ? `(${index + 1})` : ""}
          canChair={canChair}
          voters={voters}
          meeting={meeting}
          run={run}
        />
      ))}
    </section>
  );
}

interface CardProps {
  r: Resolution;
  itemId: string;
  meetingId: string;
  label: string;
  canChair: boolean;
  /** Members free to vote on the item, for a vote by name. */
  voters: readonly { id: string; name: string }[];
  /** For the names in a recorded vote. */
  meeting: MeetingSnapshot;
  run(p: Promise<unknown>): void;
}

/**
 * One resolution with the chair's actions. Each action carries the wording this screen
 * shows, and the server acts only if it is still the wording held; if a clerk changed it in
 * between, nothing is confirmed and the changes are shown here for a second look.
 */
function ResolutionCard({ r, itemId, meetingId, label, canChair, voters, meeting, run }: CardProps) {
  const { act } = useControl();
  const [conflict, setConflict] = useState<WordingConflict | null>(null);
  const wording = publishedWording(r);
  const locked = r.confirmation !== null;
  const checked = (seen: Wording, action: Promise<unknown>) =>
    run(
      action.then(
        () => setConflict(null),
        (error: unknown) => {
          if (error instanceof ActionError && error.code === "conflict" && error.details)
            return setConflict(error.details as WordingConflict);
          throw error;
        },
      ),
    );
  const confirm = (seen: Wording) => checked(seen, act("chair:confirm", { meetingId, itemId, resolutionId: r.id, wording: seen }));
  return (
    <article
      className={`card resolution ${locked ? "locked" : ""}`}
      data-resolution={r.id}
      data-status={locked ? "confirmed" : "draft"}
      aria-label={`Resolution ${label || ""}`.trim()}
    >
      <div className="resolution-head">
        <span className="resolved-label">RESOLVED {label}</span>
        {locked ? (
          <span className="badge badge-locked">
            <LockIcon /> Confirmed by {r.confirmation!.byName} at{" "}
            {new Date(r.confirmation!.at).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" })}
          </span>
        ) : (
          <span className="badge badge-draft">Draft</span>
        )}
      </div>
      <p className="chair-resolution">{wording.text || <em>(no wording yet)</em>}</p>
      {wording.bullets.length > 0 && (
        <ul className="chair-resolution">
          {wording.bullets.map((b, i) => (
            <li key={i}>{b}</li>
          ))}
        </ul>
      )}
      {r.vote && (
        <p>
          <strong>Vote:</strong> {describeVote(r.vote, meeting)}
        </p>
      )}
      {conflict && (
        <div className="banner banner-warn wording-changed" role="alert">
          <p>
            <strong>The wording changed after your screen showed it, so nothing was confirmed.</strong> What changed since you read it:
          </p>
          <WordingDiff seen={conflict.seen} current={conflict.current} />
          {canChair && !locked && (
            <div className="chair-actions">
              <button type="button" className="btn btn-confirm" onClick={() => confirm(conflict.current)}>
                Confirm the wording as it now reads
              </button>
              <button type="button" className="btn btn-quiet" onClick={() => setConflict(null)}>
                Not yet
              </button>
            </div>
          )}
        </div>
      )}
      {canChair && !conflict && (
        <div className="chair-actions">
          {locked ? (
            <button
              type="button"
              className="btn"
              onClick={() => run(act("chair:reopen", { meetingId, resolutionId: r.id, confirmedAt: r.confirmation!.at }))}
            >
              Reopen for editing
            </button>
          ) : (
            <button type="button" className="btn btn-confirm" onClick={() => confirm(wording)} disabled={!r.text.trim()}>
              Confirm this wording
            </button>
          )}
        </div>
      )}
      {canChair && (
        <details style={{ marginTop: "0.75rem" }}>
          <summary>Record a vote</summary>
          <VoteForm
            voters={voters}
            current={r.vote}
            onRecord={(vote) => checked(wording, act("chair:vote", { meetingId, itemId, resolutionId: r.id, vote, wording }))}
          />
        </details>
      )}
    </article>
  );
}
