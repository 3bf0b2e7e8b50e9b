import { memo, useSyncExternalStore } from "react";
import { addItem } from "../../shared/meeting";
import { useEditor } from "./EditorContext";
import { useItem, useItemIds, useMeetingInfo } from "../sync/useMeetingStore";
import type { Colleague, ItemPresence } from "../sync/presenceStore";

const NOBODY: ItemPresence = {};
const noSubscription = () => () => undefined;

/**
 * The agenda: each item with its state (comments, draft and confirmed resolutions, who is on
 * it). Each row reads its own item, so typing in an item re-renders its row only when what
 * the row shows changes (its title, its counts).
 */
export const AgendaSidebar = memo(function AgendaSidebar({ selected, onSelect }: { selected: string | null; onSelect(id: string): void }) {
  const editor = useEditor();
  const ids = useItemIds(editor.store);
  const presence = editor.presence;
  const here = useSyncExternalStore(presence?.subscribeItemPresence ?? noSubscription, presence?.getItemPresence ?? (() => NOBODY));
  return (
    <nav className="agenda" aria-label="Agenda">
      <h2 style={{ fontSize: "0.85rem", textTransform: "uppercase", letterSpacing: "0.05em", color: "var(--ink-soft)" }}>Agenda</h2>
      {ids.length === 0 && <p className="empty">No items yet. Add one, or import the published agenda from the menu.</p>}
      <ol>
        {ids.map((id, index) => (
          <AgendaRow key={id} itemId={id} index={index} selected={selected === id} onSelect={onSelect} here={here[id]} />
        ))}
      </ol>
      {!editor.readOnly && (
        <button
          type="button"
          className="btn"
          style={{ width: "100%", justifyContent: "center" }}
          onClick={() => onSelect(addItem(editor.doc, { number: String(ids.length + 1) }, { origin: editor.origin }))}
        >
          + Add item
        </button>
      )}
    </nav>
  );
});

const AgendaRow = memo(function AgendaRow({
  itemId,
  index,
  selected,
  onSelect,
  here = [],
}: {
  itemId: string;
  index: number;
  selected: boolean;
  onSelect(id: string): void;
  here?: readonly Colleague[];
}) {
  const { store } = useEditor();
  const current = useMeetingInfo(store, (m) => m?.currentItemId === itemId);
  const row = useItem(store, itemId, (item) => {
    const confirmed = item?.resolutions.filter((r) => r.confirmation).length ?? 0;
    return {
      number: item?.number ?? "",
      title: item?.title ?? "",
      comments: item?.discussion.length ?? 0,
      confirmed,
      drafts: (item?.resolutions.length ?? 0) - confirmed,
    };
  });
  return (
    <li>
      <button type="button" className="agenda-item-link" aria-current={selected ? "true" : undefined} onClick={() => onSelect(itemId)}>
        <span className="agenda-num">{row.number || index + 1}</span>
        <span>
          <span>{row.title || <em>Untitled item</em>}</span>
          <span className="agenda-meta">
            {current && <span className="badge badge-current">Now</span>}
            {row.comments > 0 && <span className="badge">{row.comments} comments</span>}
            {row.drafts > 0 && <span className="badge badge-draft">{row.drafts} draft</span>}
            {row.confirmed > 0 && <span className="badge badge-locked">{row.confirmed} confirmed</span>}
            {here.map((p, i) => (
              <span key={i} className="badge" style={{ borderColor: p.color, color: "var(--ink)" }} title={`${p.name} is on this item`}>
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
});
