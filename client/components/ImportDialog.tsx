import { useState } from "react";
import { api } from "../api/rest";

/** Pastes (or loads) a published agenda or earlier minutes into this meeting as new items. */
export function ImportDialog({ meetingId, onClose }: { meetingId: string; onClose(): void }) {
  const [text, setText] = useState("");
  const [result, setResult] = useState<{ count: number; warnings: { line: number; message: string }[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <aside className="drawer" role="dialog" aria-labelledby="import-title">
      <div className="drawer-head">
        <h2 id="import-title">Import agenda</h2>
        <button type="button" className="btn btn-quiet" onClick={onClose} aria-label="Close import">
          ✕
        </button>
      </div>
      <p className="hint">Paste the published agenda, or earlier minutes, as text. Each item becomes an agenda item; nothing is dropped.</p>
      <label className="field-label" htmlFor="import-text">
        Agenda text
      </label>
      <textarea id="import-text" className="input" rows={12} value={text} onChange={(e) => setText(e.target.value)} />
      <p className="hint">
        Or load a .txt file:{" "}
        <input
          type="file"
          accept=".txt,text/plain"
          aria-label="Agenda text file"
          onChange={(e) => void e.target.files?.[0]?.text().then(setText)}
        />
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div className="banner banner-ok" role="status">
          Imported {result.count} item{result.count === 1 ? "" : "s"}.
          {result.warnings.length > 0 && (
            <ul>
              {result.warnings.map((w, i) => (
                <li key={i}>
                  Line {w.line}: {w.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <button
        type="button"
        className="btn btn-primary"
        disabled={!text.trim()}
        onClick={() =>
          void api.importAgenda(meetingId, text).then(
            (r) => {
              setResult({ count: r.itemIds.length, warnings: r.warnings });
              setError(null);
              setText("");
            },
            (e: Error) => setError(e.message),
          )
        }
      >
        Import
      </button>
    </aside>
  );
}
