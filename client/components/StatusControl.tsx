import { useState } from "react";
import { stepsFrom, type MeetingStatus, type StatusActor, type StatusChange, type StatusStep } from "../../shared/meeting";
import { api, type MeetingInfo } from "../api/rest";

const LABEL: Record<MeetingStatus, string> = {
  draft: "Draft",
  live: "Live",
  closed: "Closed",
  circulated: "Circulated",
  approved: "Approved",
  published: "Published",
};

/**
 * The meeting's status, the steps this person may take from it (SPEC 15), and its history.
 * A step that needs a reason asks for it in place; the server checks every step again.
 */
export function StatusControl({
  meetingId,
  status,
  actor,
  onChanged,
}: {
  meetingId: string;
  status: MeetingStatus;
  actor: StatusActor | null;
  /** Told the record after each step, for screens that show the status from the record rather than the live document. */
  onChanged?: (record: MeetingInfo) => void;
}) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState<[MeetingStatus, StatusStep] | null>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [history, setHistory] = useState<StatusChange[] | null>(null);
  const steps = actor ? stepsFrom(status, actor) : [];

  const take = (to: MeetingStatus, why: string) =>
    api.changeStatus(meetingId, to, why).then(
      (record) => {
        onChanged?.(record);
        setPending(null);
        setReason("");
        setError(null);
        setHistory(record.statusLog ?? []);
      },
      (e: Error) => setError(e.message),
    );
  const toggle = () => {
    setOpen(!open);
    if (!open)
      api.meeting(meetingId).then(
        ({ meeting }) => setHistory(meeting.statusLog ?? []),
        (e: Error) => setError(e.message),
      );
  };

  return (
    <div className="menu">
      <button type="button" className={`btn btn-quiet status-badge status-${status}`} aria-expanded={open} onClick={toggle}>
        <span className="sr-only">Meeting status: </span>
        {LABEL[status]} ▾
      </button>
      {open && (
        <section className="menu-list status-panel" aria-label="Meeting status">
          <p>
            This meeting is <strong>{LABEL[status].toLowerCase()}</strong>.
            {status === "circulated" && " The draft minutes are with members and cannot be changed."}
            {(status === "approved" || status === "published") && " The minutes are the approved record and are locked."}
          </p>
          {steps.length === 0 && <p className="hint">Nothing you can change here: {actor ? "ask a manager" : "you are watching"}.</p>}
          {!pending &&
            steps.map(([to, step]) => (
              <button
                key={to}
                type="button"
                className="btn btn-small"
                onClick={() => (step.reason ? setPending([to, step]) : void take(to, ""))}
              >
                {step.label}
              </button>
            ))}
          {pending && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void take(pending[0], reason);
              }}
            >
              <label className="field-label" htmlFor="status-reason">
                Why? ({pending[1].label}; recorded with the change)
              </label>
              <input id="status-reason" className="input" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
              <div style={{ display: "flex", gap: "0.4rem", marginTop: "0.4rem" }}>
                <button type="submit" className="btn btn-primary btn-small" disabled={!reason.trim()}>
                  {pending[1].label}
                </button>
                <button type="button" className="btn btn-quiet btn-small" onClick={() => setPending(null)}>
                  Cancel
                </button>
              </div>
            </form>
          )}
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <h3>History</h3>
          {history === null ? (
            <p className="hint">Reading…</p>
          ) : history.length === 0 ? (
            <p className="hint">No status changes recorded yet.</p>
          ) : (
            <ol className="status-history">
              {history.map((h) => (
                <li key={h.at + h.to}>
                  {LABEL[h.from]} → {LABEL[h.to]} by {h.byName}, {new Date(h.at).toLocaleString("en-GB")}
                  {h.reason && <>: “{h.reason}”</>}
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </div>
  );
}
