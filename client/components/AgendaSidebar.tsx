import { addItem, type MeetingSnapshot } from "../../shared/meeting";
import { useEditor } from "./EditorContext";

/** Who else is on which item, from presence. */
export type ItemPresence = Map<string, { name: string; color: string }[]>;

/** The agenda: each item with its state (comments, draft and confirmed resolutions, who is on it). */
export function AgendaSidebar({
  meeting,
  selected,
  onSelect,
  presence,
}: {
  meeting: MeetingSnapshot;
  selected: string | null;
  onSelect(id: string): void;
  presence: ItemPresence;
}) {
  const editor = useEditor();
  return (
    <nav className="agenda" aria-label="Agenda">
      <h2 style={{ fontSize: "0.85rem", textTransform: "uppercase", letterSpacing: "0.05em", color: "var(--ink-soft)" }}>Agenda</h2>
      {meeting.items.length === 0 && <p className="empty">No items yet. Add one, or import the published agenda from the menu.</p>}
      <ol>
        {meeting.items.map((item, index) => {
          const confirmed = item.resolutions.filter((r) => r.confirmation).length;
          const drafts = item.resolutions.length - confirmed;
          const here = presence.get(item.id) ?? [];
          return (
            <li key={item.id}>
              <button
                type="button"
                className="agenda-item-link"
                aria-current={selected === item.id ? "true" : undefined}
                onClick={() => onSelect(item.id)}
              >
                <span className="agenda-num">{item.number || index + 1}</span>
                <span>
                  <span>{item.title || <em>Untitled item</em>}</span>
                  <span className="agenda-meta">
                    {meeting.currentItemId === item.id && <span className="badge badge-current">Now</span>}
                    {item.discussion.length > 0 && <span className="badge">{item.discussion.length} comments</span>}
                    {drafts > 0 && <span className="badge badge-draft">{drafts} draft</span>}
                    {confirmed > 0 && <span className="badge badge-locked">{confirmed} confirmed</span>}
                    {here.map((p, i) => (
                      <span
                        key={i}
                        className="badge"
                        style={{ borderColor: p.color, color: "var(--ink)" }}
                        title={`${p.name} is on this item`}
                      >
                        <span
                          aria-hidden="true"
                          style={{ width: 8, height: 8, borderRadius: "50%", background: p.color, display: "inline-block" }}
                        />{" "}
                        {p.name}
                      </span>
                    ))}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ol>
      {!editor.readOnly && (
        <button
          type="button"
          className="btn"
          style={{ width: "100%", justifyContent: "center" }}
          onClick={() => onSelect(addItem(editor.doc, { number: String(meeting.items.length + 1) }, { origin: editor.origin }))}
        >
          + Add item
        </button>
      )}
    </nav>
  );
}
