import { useState } from "react";
import { STANDARD_PHRASES, type Phrase } from "../../shared/meeting/phrasebook";
import { PhrasebookEditor } from "./PhrasebookEditor";
import { HouseStyleEditor } from "./HouseStyleEditor";

/** Every keyboard shortcut, listed where a clerk can find it (F1 or Ctrl+/). */
export const SHORTCUTS: [string, string][] = [
  ["Enter", "Next comment (in a comment or its answer); next paragraph in the narrative"],
  ["Tab / Shift+Tab", "From a comment to its answer, and back"],
  ["Ctrl+Enter", "Add a resolution to this item"],
  ["Alt+↓ / Alt+↑", "Next / previous agenda item"],
  ["Backspace in an empty comment", "Remove it and go back to the one before"],
  ["Ctrl+Z / Ctrl+Shift+Z", "Undo / redo your own typing (never a colleague's)"],
  ["Ctrl+S", "Save a named version now"],
  ["F1 or Ctrl+/", "Show or hide this help"],
  [";abbreviation then space", "Insert a standard phrase (below)"],
];

/** The shortcuts, the phrasebook and the committee's house style. */
export function HelpPanel({
  phrases = STANDARD_PHRASES,
  committee,
  onSave,
  canEditStyle = false,
  onClose,
}: {
  phrases?: readonly Phrase[];
  committee?: string;
  onSave?: (phrases: Phrase[]) => Promise<void>;
  /** Managers may change the committee's house style; everyone else sees it. */
  canEditStyle?: boolean;
  onClose(): void;
}) {
  const [editing, setEditing] = useState(false);
  const [showStyle, setShowStyle] = useState(false);
  return (
    <aside className="drawer" aria-labelledby="help-title" role="dialog">
      <div className="drawer-head">
        <h2 id="help-title">Keyboard shortcuts</h2>
        <button type="button" className="btn btn-quiet" onClick={onClose} aria-label="Close help">
          ✕
        </button>
      </div>
      <table className="plain">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(([keys, does]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="section-head" style={{ marginTop: "1.5rem" }}>
        <h2 style={{ margin: 0 }}>Phrasebook</h2>
        {onSave && committee && !editing && (
          <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
            Edit for this committee
          </button>
        )}
      </div>
      {editing && onSave && committee ? (
        <PhrasebookEditor committee={committee} phrases={phrases} onSave={onSave} />
      ) : (
        <>
          <p className="hint">Type the abbreviation after a semicolon, then a space.</p>
          <table className="plain">
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Inserts</th>
              </tr>
            </thead>
            <tbody>
              {phrases.map((p) => (
                <tr key={p.abbreviation}>
                  <td>
                    <kbd>;{p.abbreviation}</kbd>
                  </td>
                  <td>{p.phrase}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {committee && (
        <>
          <div className="section-head" style={{ marginTop: "1.5rem" }}>
            <h2 style={{ margin: 0 }}>House style</h2>
            <button type="button" className="btn btn-small" aria-expanded={showStyle} onClick={() => setShowStyle(!showStyle)}>
              {showStyle ? "Hide" : canEditStyle ? "Show and edit" : "Show"}
            </button>
          </div>
          {showStyle && <HouseStyleEditor committee={committee} canEdit={canEditStyle} />}
        </>
      )}
    </aside>
  );
}
