import type { ItemId } from "../../shared/meeting";
import { memo } from "react";
import { addEntry, entryTextPath, removeEntry, setEntryValue } from "../../shared/meeting";
import { useEditor } from "./EditorContext";
import { Field } from "./Field";
import { useItem } from "../sync/useMeetingStore";

/** Actions arising from the item: what, who owns it, by when. */
export const ActionsSection = memo(function ActionsSection({ itemId }: { itemId: ItemId }) {
  const editor = useEditor();
  const { doc, origin, readOnly } = editor;
  // Each action's values, not its texts, which its fields follow themselves.
  const actions = useItem(editor.store, itemId, (item) => item?.actions.map(({ id, done, due }) => ({ id, done, due })) ?? []);
  return (
    <section className="card" aria-labelledby={`actions-${itemId}`}>
      <div className="section-head">
        <h3 id={`actions-${itemId}`}>Actions</h3>
        {!readOnly && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() =>
              editor.focus(entryTextPath(itemId, "actions", addEntry(doc, itemId, "actions", {}, { origin }), "what").join("/"))
            }
          >
            + Action
          </button>
        )}
      </div>
      {actions.length === 0 && <p className="empty">No actions on this item.</p>}
      {actions.map((a, index) => (
        <div key={a.id} className="entry" style={{ gridTemplateColumns: "1.5rem 1fr auto" }}>
          <input
            type="checkbox"
            aria-label={`Action ${index + 1} done`}
            checked={a.done}
            disabled={readOnly}
            onChange={(e) => setEntryValue(doc, itemId, "actions", a.id, "done", e.target.checked, origin)}
            style={{ marginTop: "0.7rem" }}
          />
          <div className="entry-fields">
            <Field path={entryTextPath(itemId, "actions", a.id, "what")} label={`Action ${index + 1}`} placeholder="What is to be done" />
            <div className="field-row">
              <Field
                path={entryTextPath(itemId, "actions", a.id, "owner")}
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
                  onChange={(e) => setEntryValue(doc, itemId, "actions", a.id, "due", e.target.value || null, origin)}
                />
              </div>
            </div>
          </div>
          {!readOnly && (
            <button
              type="button"
              className="btn btn-quiet btn-small"
              aria-label={`Delete action ${index + 1}`}
              onClick={() => removeEntry(doc, itemId, "actions", a.id, origin)}
            >
              ✕
            </button>
          )}
        </div>
      ))}
    </section>
  );
});
