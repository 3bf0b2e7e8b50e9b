import { useState, type FormEvent } from "react";
import { api } from "../api/rest";
import { navigate } from "../router";

/** Creates a meeting; the published agenda can be pasted or uploaded and is imported as items. */
export function NewMeetingForm({ onDone }: { onDone(): void }) {
  const [form, setForm] = useState({ title: "", committee: "", date: "", startTime: "", venue: "", public: false, agenda: "" });
  const [error, setError] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<{ id: string; list: { line: number; message: string }[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api.createMeeting({ ...form, agenda: form.agenda.trim() || undefined });
      if (created.warnings.length > 0) setWarnings({ id: created.id, list: created.warnings });
      else navigate(`/meetings/${created.id}`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (warnings) {
    return (
      <section className="card" aria-labelledby="import-warnings">
        <h2 id="import-warnings">Meeting created — check the agenda import</h2>
        <p>Some parts of the agenda could not be placed exactly; their text was kept as narrative:</p>
        <ul>
          {warnings.list.map((w, i) => (
            <li key={i}>
              Line {w.line}: {w.message}
            </li>
          ))}
        </ul>
        <button type="button" className="btn btn-primary" onClick={() => navigate(`/meetings/${warnings.id}`)}>
          Open the meeting
        </button>
      </section>
    );
  }

  return (
    <form className="card" onSubmit={handleSubmit} aria-labelledby="new-meeting-title">
      <h2 id="new-meeting-title">New meeting</h2>
      <div className="field-row">
        <div className="form-field">
          <label htmlFor="nm-title">Title</label>
          <input
            id="nm-title"
            className="input"
            value={form.title}
            onChange={set("title")}
            required
            placeholder="Meeting of the Scrutiny Committee"
          />
        </div>
        <div className="form-field">
          <label htmlFor="nm-committee">Committee</label>
          <input
            id="nm-committee"
            className="input"
            value={form.committee}
            onChange={set("committee")}
            placeholder="Health & Wellbeing Scrutiny Committee"
          />
        </div>
      </div>
      <div className="field-row">
        <div className="form-field">
          <label htmlFor="nm-date">Date</label>
          <input id="nm-date" className="input" type="date" value={form.date} onChange={set("date")} />
        </div>
        <div className="form-field">
          <label htmlFor="nm-time">Start time</label>
          <input id="nm-time" className="input" type="time" value={form.startTime} onChange={set("startTime")} />
        </div>
        <div className="form-field">
          <label htmlFor="nm-venue">Venue</label>
          <input id="nm-venue" className="input" value={form.venue} onChange={set("venue")} placeholder="Committee Room 2, Town Hall" />
        </div>
      </div>
      <div className="form-field">
        <label htmlFor="nm-agenda">Agenda (optional): paste the published agenda or earlier minutes</label>
        <textarea id="nm-agenda" className="input" rows={6} value={form.agenda} onChange={set("agenda")} />
        <span className="hint">
          Or load a text file:{" "}
          <input
            type="file"
            accept=".txt,text/plain"
            aria-label="Agenda text file"
            onChange={(e) => void e.target.files?.[0]?.text().then((agenda) => setForm((f) => ({ ...f, agenda })))}
          />
        </span>
      </div>
      <label style={{ display: "flex", gap: "0.5rem", alignItems: "center", marginBottom: "1rem" }}>
        <input type="checkbox" checked={form.public} onChange={(e) => setForm({ ...form, public: e.target.checked })} /> Members of the
        public may watch the minutes live (read-only)
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div style={{ display: "flex", gap: "0.5rem" }}>
        <button className="btn btn-primary" type="submit" disabled={busy || !form.title.trim()}>
          {busy ? "Creating…" : "Create meeting"}
        </button>
        <button className="btn" type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
