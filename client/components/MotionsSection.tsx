import type { ItemId } from "../../shared/meeting";
import { memo } from "react";
import { addEntry, createVote, entryTextPath, removeEntry, setEntryValue, type Motion } from "../../shared/meeting";
import { selectMembers, useItem, useMeetingInfo } from "../sync/useMeetingStore";
import { useEditor } from "./EditorContext";
import { Field } from "./Field";

const OUTCOMES: Motion["outcome"][] = ["pending", "carried", "lost", "withdrawn"];
type MotionValues = Omit<Motion, "text">;

/** Motions and amendments: who moved and seconded, what it amends, the outcome and the vote. */
export const MotionsSection = memo(function MotionsSection({ itemId }: { itemId: ItemId }) {
  const editor = useEditor();
  const { doc, origin, readOnly } = editor;
  // Each motion's values, not its wording, which its field follows itself.
  const motions = useItem(editor.store, itemId, (item) => item?.motions.map(({ text: _wording, ...values }) => values) ?? []);
  const members = useMeetingInfo(editor.store, selectMembers);
  const set = (m: MotionValues, field: string, value: unknown) => setEntryValue(doc, itemId, "motions", m.id, field, value, origin);
  const add = (kind: Motion["kind"]) =>
    editor.focus(
      entryTextPath(
        itemId,
        "motions",
        addEntry(
          doc,
          itemId,
          "motions",
          { kind, amendsId: kind === "amendment" ? (motions.find((m) => m.kind === "motion")?.id ?? null) : null },
          { origin },
        ),
        "text",
      ).join("/"),
    );
  const personSelect = (m: MotionValues, field: "moverId" | "seconderId", label: string) => (
    <div>
      <label className="field-label" htmlFor={`${field}-${m.id}`}>
        {label}
      </label>
      <select
        id={`${field}-${m.id}`}
        className="input"
        disabled={readOnly}
        value={m[field] ?? ""}
        onChange={(e) => set(m, field, e.target.value || null)}
      >
        <option value="">—</option>
        {members.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <section className="card" aria-labelledby={`motions-${itemId}`}>
      <div className="section-head">
        <h3 id={`motions-${itemId}`}>Motions and amendments</h3>
        {!readOnly && (
          <span style={{ display: "flex", gap: "0.25rem" }}>
            <button type="button" className="btn btn-small" onClick={() => add("motion")}>
              + Motion
            </button>
            {motions.some((m) => m.kind === "motion") && (
              <button type="button" className="btn btn-small btn-quiet" onClick={() => add("amendment")}>
                + Amendment
              </button>
            )}
          </span>
        )}
      </div>
      {motions.length === 0 && <p className="empty">No motions moved on this item.</p>}
      {motions.map((m, index) => (
        <div key={m.id} className="entry" style={{ gridTemplateColumns: "1fr auto" }} data-motion={m.id}>
          <div className="entry-fields">
            <span className="badge">
              {m.kind === "amendment" ? "Amendment" : "Motion"} {index + 1}
            </span>
            <Field
              path={entryTextPath(itemId, "motions", m.id, "text")}
              label={`${m.kind === "amendment" ? "Amendment" : "Motion"} ${index + 1} wording`}
              placeholder="That …"
            />
            <div className="field-row">
              {personSelect(m, "moverId", "Moved by")}
              {personSelect(m, "seconderId", "Seconded by")}
              <div>
                <label className="field-label" htmlFor={`outcome-${m.id}`}>
                  Outcome
                </label>
                <select
                  id={`outcome-${m.id}`}
                  className="input"
                  disabled={readOnly}
                  value={m.outcome}
                  onChange={(e) => set(m, "outcome", e.target.value)}
                >
                  {OUTCOMES.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <div className="vote-grid">
              {(["for", "against", "abstain"] as const).map((k) => (
                <label key={k} className="form-field" style={{ marginBottom: 0 }}>
                  <span className="field-label" style={{ textTransform: "capitalize" }}>
                    {k}
                  </span>
                  <input
                    className="input"
                    type="number"
                    min={0}
                    disabled={readOnly}
                    value={m.vote?.[k] ?? ""}
                    onChange={(e) =>
                      set(m, "vote", createVote({ ...(m.vote ?? {}), named: null, [k]: Math.max(0, Number(e.target.value) || 0) }))
                    }
                  />
                </label>
              ))}
            </div>
          </div>
          {!readOnly && (
            <button
              type="button"
              className="btn btn-quiet btn-small"
              aria-label={`Delete ${m.kind} ${index + 1}`}
              onClick={() => removeEntry(doc, itemId, "motions", m.id, origin)}
            >
              ✕
            </button>
          )}
        </div>
      ))}
    </section>
  );
});
