import type { ItemId } from "../../shared/meeting";
import { memo } from "react";
import { contactTextPath, itemTextPath } from "../../shared/meeting";
import { useEditor } from "./EditorContext";
import { Field } from "./Field";
import { BlocksSection } from "./BlocksSection";
import { DeclarationsSection } from "./DeclarationsSection";
import { DiscussionSection } from "./DiscussionSection";
import { ResolutionsSection } from "./ResolutionsSection";
import { MotionsSection } from "./MotionsSection";
import { ActionsSection } from "./ActionsSection";
import { useItem, useMeetingInfo } from "../sync/useMeetingStore";

/**
 * Everything minuted on one agenda item, in the order the published minutes print it. Each
 * section reads its own part of the item, so typing anywhere re-renders only the field typed in.
 */
export const ItemEditor = memo(function ItemEditor({ itemId }: { itemId: ItemId }) {
  const editor = useEditor();
  const current = useMeetingInfo(editor.store, (m) => m?.currentItemId === itemId);
  const noPurpose = useItem(editor.store, itemId, (item) => !item || item.purpose.length === 0);
  return (
    <article aria-labelledby={`item-title-${itemId}`} data-item={itemId}>
      <div className="card" style={{ display: "grid", gridTemplateColumns: "4.5rem 1fr", gap: "0.5rem", alignItems: "center" }}>
        <Field path={itemTextPath(itemId, "number")} label="Item number" className="number-field" placeholder="No." />
        <div>
          <ItemHeading itemId={itemId} />
          <Field path={itemTextPath(itemId, "title")} label="Item title" className="title-field" placeholder="Item title" />
          {current && <span className="badge badge-current">The chair has this item open now</span>}
        </div>
      </div>
      <details className="card">
        <summary>
          <strong>Before the meeting:</strong> purpose and officer contact {noPurpose && <span className="hint">(none)</span>}
        </summary>
        <BlocksSection itemId={itemId} list="purpose" title="Purpose" empty="No purpose text. Import the published agenda to fill it in." />
        <div className="field-row">
          <Field path={contactTextPath(itemId, "name")} label="Officer contact name" showLabel />
          <Field path={contactTextPath(itemId, "phone")} label="Officer contact phone" showLabel />
          <Field path={contactTextPath(itemId, "email")} label="Officer contact email" showLabel />
        </div>
      </details>
      <DeclarationsSection itemId={itemId} />
      <BlocksSection
        itemId={itemId}
        list="narrative"
        title="Narrative"
        empty="What was submitted, who attended to answer questions, what the report said."
      />
      <DiscussionSection itemId={itemId} />
      <MotionsSection itemId={itemId} />
      <ResolutionsSection itemId={itemId} />
      <ActionsSection itemId={itemId} />
      {editor.readOnly && <p className="hint">You are reading these minutes; only clerks and the chair can change them.</p>}
    </article>
  );
});

/** The item's number and title for screen readers: re-renders as they are typed, alone. */
function ItemHeading({ itemId }: { itemId: ItemId }) {
  const { store } = useEditor();
  const { number, title } = useItem(store, itemId, (item) => ({ number: item?.number ?? "", title: item?.title ?? "" }));
  return (
    <h2 id={`item-title-${itemId}`} className="sr-only">
      {number ? `${number}. ` : ""}
      {title || "Untitled item"}
    </h2>
  );
}
