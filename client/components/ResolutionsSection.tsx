import type { ItemId } from "../../shared/meeting";
import { memo } from "react";
import { addResolution, addResolutionBullet, bulletTextPath, entryTextPath, removeEntry } from "../../shared/meeting";
import { useItem } from "../sync/useMeetingStore";
import { useEditor } from "./EditorContext";
import { Field } from "./Field";
import { describeVote } from "../../shared/format/layout";
import { LockIcon } from "./LockIcon";

const time = (iso: string) => new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });

/** The resolutions: drafts the clerks word, and wording the chair has confirmed, which is locked. */
export const ResolutionsSection = memo(function ResolutionsSection({ itemId }: { itemId: ItemId }) {
  const editor = useEditor();
  const { doc, origin } = editor;
  // Each resolution's state and its sub-bullets' ids, not its wording, which its fields follow themselves.
  const resolutions = useItem(
    editor.store,
    itemId,
    (item) =>
      item?.resolutions.map(({ id, confirmation, vote, bullets }) => ({ id, confirmation, vote, bullets: bullets.map((b) => b.id) })) ?? [],
  );
  const many = resolutions.length > 1;

  const add = () => {
    const id = addResolution(doc, itemId, { text: "That " }, { origin });
    editor.focus(entryTextPath(itemId, "resolutions", id, "text").join("/"));
  };

  return (
    <section className="card" aria-labelledby={`resolutions-${itemId}`}>
      <div className="section-head">
        <h3 id={`resolutions-${itemId}`}>Resolutions</h3>
        {!editor.readOnly && (
          <button type="button" className="btn btn-small" onClick={add} title="Ctrl+Enter">
            + Resolution <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
          </button>
        )}
      </div>
      {resolutions.length === 0 && <p className="empty">No resolution yet. Not every item has one.</p>}
      {resolutions.map((r, index) => {
        const locked = r.confirmation !== null;
        return (
          <div
            key={r.id}
            className={`resolution ${locked ? "locked" : ""}`}
            data-resolution={r.id}
            data-status={locked ? "confirmed" : "draft"}
          >
            <div className="resolution-head">
              <span className="resolved-label">
                {index === 0 ? "RESOLVED \u2013" : ""} {many ? `(${index + 1})` : ""}
              </span>
              {locked ? (
                <span className="badge badge-locked">
                  <LockIcon /> Confirmed by {r.confirmation!.byName || r.confirmation!.by} at {time(r.confirmation!.at)}
                </span>
              ) : (
                <span className="badge badge-draft">Draft — awaiting the chair</span>
              )}
              {r.vote && <span className="badge">Vote: {describeVote(r.vote)}</span>}
              {!editor.readOnly && !locked && (
                <span style={{ marginLeft: "auto", display: "flex", gap: "0.2rem" }}>
                  <button
                    type="button"
                    className="btn btn-quiet btn-small"
                    onClick={() =>
                      editor.focus(bulletTextPath(itemId, r.id, addResolutionBullet(doc, itemId, r.id, "", { origin })).join("/"))
                    }
                  >
                    + Sub-bullet
                  </button>
                  <button
                    type="button"
                    className="btn btn-quiet btn-small"
                    aria-label={`Delete resolution ${index + 1}`}
                    onClick={() => removeEntry(doc, itemId, "resolutions", r.id, origin)}
                  >
                    ✕
                  </button>
                </span>
              )}
            </div>
            <Field
              path={entryTextPath(itemId, "resolutions", r.id, "text")}
              label={`Resolution ${index + 1} wording`}
              locked={locked}
              placeholder="That the report be noted."
            />
            {r.bullets.length > 0 && (
              <ul style={{ margin: "0.4rem 0 0", paddingLeft: "1.5rem" }}>
                {r.bullets.map((bulletId, j) => (
                  <li key={bulletId}>
                    <Field
                      path={bulletTextPath(itemId, r.id, bulletId)}
                      label={`Resolution ${index + 1} sub-bullet ${j + 1}`}
                      locked={locked}
                    />
                  </li>
                ))}
              </ul>
            )}
            {locked && <p className="lock-note">This wording is locked. Only the chair can reopen it.</p>}
          </div>
        );
      })}
    </section>
  );
});
