import { useState } from "react";
import type { Phrase } from "../../shared/meeting/phrasebook";

/** Edits a committee's phrasebook: abbreviation and phrase per row. */
export function PhrasebookEditor({
  committee,
  phrases,
  onSave,
}: {
  committee: string;
  phrases: readonly Phrase[];
  onSave(phrases: Phrase[]): Promise<void>;
}) {
  const [rows, setRows] = useState<Phrase[]>(() => phrases.map((p) => ({ ...p })));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const set = (i: number, patch: Partial<Phrase>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSave(rows.filter((r) => r.abbreviation || r.phrase)).then(
          () => setMessage({ ok: true, text: `Saved for ${committee}. Every clerk of this committee now has these phrases.` }),
          (err: Error) => setMessage({ ok: false, text: err.message }),
        );
      }}
    >
      <p className="hint">Phrases for {committee}. Letters and digits only in abbreviations.</p>
      <table className="plain">
        <thead>
          <tr>
            <th scope="col">Abbreviation</th>
            <th scope="col">Phrase</th>
            <th scope="col">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>
                <input
                  className="input"
                  aria-label={`Abbreviation ${i + 1}`}
                  value={r.abbreviation}
                  onChange={(e) => set(i, { abbreviation: e.target.value.replace(/[^A-Za-z0-9]/g, "") })}
                  style={{ width: "6rem" }}
                />
              </td>
              <td>
                <input
                  className="input"
                  aria-label={`Phrase ${i + 1}`}
                  value={r.phrase}
                  onChange={(e) => set(i, { phrase: e.target.value })}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="btn btn-quiet btn-small"
                  aria-label={`Remove phrase ${i + 1}`}
                  onClick={() => setRows(rows.filter((_, j) => j !== i))}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {message && (
        <p className={`banner ${message.ok ? "banner-ok" : "banner-error"}`} role="status">
          {message.text}
        </p>
      )}
      <div style={{ display: "flex", gap: "0.4rem", marginTop: "0.5rem" }}>
        <button type="button" className="btn" onClick={() => setRows([...rows, { abbreviation: "", phrase: "" }])}>
          + Phrase
        </button>
        <button type="submit" className="btn btn-primary">
          Save phrasebook
        </button>
      </div>
    </form>
  );
}
