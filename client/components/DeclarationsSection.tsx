import type { ItemId } from "../../shared/meeting";
import { memo } from "react";
import { addEntry, entryTextPath, INTEREST_KINDS, recordAttendance, removeEntry, setEntryValue } from "../../shared/meeting";
import { selectMembers, useItem, useMeetingInfo } from "../sync/useMeetingStore";
import { useEditor } from "./EditorContext";
import { Field } from "./Field";

/** Declarations of interest on this item: who, what kind, what; and whether they left the room for it. */
export const DeclarationsSection = memo(function DeclarationsSection({ itemId }: { itemId: ItemId }) {
  const editor = useEditor();
  const { doc, origin } = editor;
  const declarations = useItem(
    editor.store,
    itemId,
    (item) => item?.declarations.map(({ id, personId, kind }) => ({ id, personId, kind })) ?? [],
  );
  const members = useMeetingInfo(editor.store, selectMembers);
  const leftForIds = useMeetingInfo(
    editor.store,
    (m) => m?.attendance.filter((e) => e.kind === "left-for-item" && e.itemId === itemId).map((e) => e.personId) ?? [],
  );
  const leftFor = new Set(leftForIds);

  return (
    <section className="card" aria-labelledby={`declarations-${itemId}`}>
      <div className="section-head">
        <h3 id={`declarations-${itemId}`}>Declarations of interest</h3>
        {!editor.readOnly && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() =>
              editor.focus(
                entryTextPath(itemId, "declarations", addEntry(doc, itemId, "declarations", {}, { origin }), "interest").join("/"),
              )
            }
          >
            + Declaration
          </button>
        )}
      </div>
      {declarations.length === 0 && <p className="empty">No declarations on this item.</p>}
      {declarations.map((d, index) => (
        <div key={d.id} className="entry" style={{ gridTemplateColumns: "1fr auto" }}>
          <div className="entry-fields">
            <div className="field-row">
              <div>
                <label className="field-label" htmlFor={`decl-person-${d.id}`}>
                  Member
                </label>
                <select
                  id={`decl-person-${d.id}`}
                  className="input"
                  disabled={editor.readOnly}
                  value={d.personId ?? ""}
                  onChange={(e) => setEntryValue(doc, itemId, "declarations", d.id, "personId", e.target.value || null, origin)}
                >
                  <option value="">(name typed below)</option>
                  {members.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label className="field-label" htmlFor={`decl-kind-${d.id}`}>
                  Kind of interest
                </label>
                <select
                  id={`decl-kind-${d.id}`}
                  className="input"
                  disabled={editor.readOnly}
                  value={d.kind}
                  onChange={(e) => setEntryValue(doc, itemId, "declarations", d.id, "kind", e.target.value, origin)}
                >
                  {INTEREST_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {k}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            {!d.personId && (
              <Field
                path={entryTextPath(itemId, "declarations", d.id, "name")}
                label={`Name for declaration ${index + 1}`}
                placeholder="Councillor …"
              />
            )}
            <Field
              path={entryTextPath(itemId, "declarations", d.id, "interest")}
              label={`Interest declared ${index + 1}`}
              placeholder="as a member of …"
            />
            {d.personId && !editor.readOnly && (
              <label style={{ display: "flex", gap: "0.4rem", alignItems: "center" }}>
                <input
                  type="checkbox"
                  checked={leftFor.has(d.personId)}
                  disabled={leftFor.has(d.personId)}
                  onChange={() =>
                    recordAttendance(
                      doc,
                      { personId: d.personId!, kind: "left-for-item", at: new Date().toISOString(), itemId: itemId },
                      origin,
                    )
                  }
                />
                Left the room for this item
              </label>
            )}
          </div>
          {!editor.readOnly && (
            <button
              type="button"
              className="btn btn-quiet btn-small"
              aria-label={`Delete declaration ${index + 1}`}
              onClick={() => removeEntry(doc, itemId, "declarations", d.id, origin)}
            >
              ✕
            </button>
          )}
        </div>
      ))}
    </section>
  );
});
