import { addEntry, entryTextPath, removeEntry, setEntryValue, type AgendaItem } from "../../shared/meeting";
import { useEditor } from "./EditorContext";
import { Field } from "./Field";

/** Actions arising from the item: what, who owns it, by when. */
export function ActionsSection({ item }: { item: AgendaItem }) {
  const editor = useEditor();
  const { doc, origin, readOnly } = editor;
  return (
    <section className="card" aria-labelledby={`actions-${item.id}`}>
      <div className="section-head">
        <h3 id={`actions-${item.id}`}>Actions</h3>
        {!readOnly && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() =>
              editor.focus(entryTextPath(item.id, "actions", addEntry(doc, item.id, "actions", {}, { origin }), "what").join("/"))
            }
          >
            + Action
          </button>
        )}
      </div>
      {item.actions.length === 0 && <p className="empty">No actions on this item.</p>}
      {item.actions.map((a, index) => (
        <div key={a.id} className="entry" style={{ gridTemplateColumns: "1.5rem 1fr auto" }}>
          <input
            type="checkbox"
            aria-label={`Action ${index + 1} done`}
            checked={a.done}
            disabled={readOnly}
            onChange={(e) => setEntryValue(doc, item.id, "actions", a.id, "done", e.target.checked, origin)}
            style={{ marginTop: "0.7rem" }}
          />
          <div className="entry-fields">
            <Field path={entryTextPath(item.id, "actions", a.id, "what")} label={`Action ${index + 1}`} placeholder="What is to be done" />
            <div className="field-row">
              <Field
                path={entryTextPath(item.id, "actions", a.id, "owner")}
                label={`Owner of action ${index + 1}`}
                placeholder="Who (officer or member)"
              />
              <div>
                <label className="sr-only" htmlFor={`due-${a.id}`}>
                  Due date of action {index + 1}
                </label>
                <input
                  id={`due-${a.id}`}
                  className="input"
                  type="date"
                  disabled={readOnly}
                  value={a.due ?? ""}
                  onChange={(e) => setEntryValue(doc, item.id, "actions", a.id, "due", e.target.value || null, origin)}
                />
              </div>
            </div>
          </div>
          {!readOnly && (
            <button
              type="button"
              className="btn btn-quiet btn-small"
              aria-label={`Delete action ${index + 1}`}
              onClick={() => removeEntry(doc, item.id, "actions", a.id, origin)}
            >
              ✕
            </button>
          )}
        </div>
      ))}
    </section>
  );
}
