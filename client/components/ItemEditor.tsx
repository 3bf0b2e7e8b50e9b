import { contactTextPath, itemTextPath, type AgendaItem, type MeetingSnapshot } from "../../shared/meeting";
import { useEditor } from "./EditorContext";
import { Field } from "./Field";
import { BlocksSection } from "./BlocksSection";
import { DeclarationsSection } from "./DeclarationsSection";
import { DiscussionSection } from "./DiscussionSection";
import { ResolutionsSection } from "./ResolutionsSection";
import { MotionsSection } from "./MotionsSection";
import { ActionsSection } from "./ActionsSection";

/** Everything minuted on one agenda item, in the order the published minutes print it. */
export function ItemEditor({ item, meeting }: { item: AgendaItem; meeting: MeetingSnapshot }) {
  const editor = useEditor();
  const current = meeting.currentItemId === item.id;
  return (
    <article aria-labelledby={`item-title-${item.id}`} data-item={item.id}>
      <div className="card" style={{ display: "grid", gridTemplateColumns: "4.5rem 1fr", gap: "0.5rem", alignItems: "center" }}>
        <Field path={itemTextPath(item.id, "number")} label="Item number" className="number-field" placeholder="No." />
        <div>
          <h2 id={`item-title-${item.id}`} className="sr-only">
            {item.number ? `${item.number}. ` : ""}
            {item.title || "Untitled item"}
          </h2>
          <Field path={itemTextPath(item.id, "title")} label="Item title" className="title-field" placeholder="Item title" />
          {current && <span className="badge badge-current">The chair has this item open now</span>}
        </div>
      </div>
      <details className="card">
        <summary>
          <strong>Before the meeting:</strong> purpose and officer contact{" "}
          {item.purpose.length === 0 && <span className="hint">(none)</span>}
        </summary>
        <BlocksSection item={item} list="purpose" title="Purpose" empty="No purpose text. Import the published agenda to fill it in." />
        <div className="field-row">
          <Field path={contactTextPath(item.id, "name")} label="Officer contact name" showLabel />
          <Field path={contactTextPath(item.id, "phone")} label="Officer contact phone" showLabel />
          <Field path={contactTextPath(item.id, "email")} label="Officer contact email" showLabel />
        </div>
      </details>
      <DeclarationsSection item={item} meeting={meeting} />
      <BlocksSection
        item={item}
        list="narrative"
        title="Narrative"
        empty="What was submitted, who attended to answer questions, what the report said."
      />
      <DiscussionSection item={item} />
      <MotionsSection item={item} meeting={meeting} />
      <ResolutionsSection item={item} />
      <ActionsSection item={item} />
      {editor.readOnly && <p className="hint">You are reading these minutes; only clerks and the chair can change them.</p>}
    </article>
  );
}
