import type { ItemId } from "../../shared/meeting";
import { memo, type KeyboardEvent } from "react";
import { addEntry, entryTextPath, removeEntry, setEntryValue, BLOCK_KINDS } from "../../shared/meeting";
import { useEditor } from "./EditorContext";
import { Field } from "./Field";
import { useItem } from "../sync/useMeetingStore";

const KIND_LABEL = { paragraph: "Paragraph", heading: "Sub-heading", bullet: "Bullet" } as const;

/** Paragraphs, sub-headings and bullets: the purpose (written before the meeting) or the narrative. */
export const BlocksSection = memo(function BlocksSection({
  itemId,
  list,
  title,
  empty,
}: {
  itemId: ItemId;
  list: "purpose" | "narrative";
  title: string;
  empty: string;
}) {
  const editor = useEditor();
  const { doc, origin } = editor;
  // Each block's id and kind alone: typing in a block re-renders that block's field, not the list.
  const blocks = useItem(editor.store, itemId, (item) => item?.[list].map(({ id, kind }) => ({ id, kind })) ?? []);
  const keyOf = (id: string) => entryTextPath(itemId, list, id, "text").join("/");

  const add = (index?: number, kind: (typeof BLOCK_KINDS)[number] = "paragraph") => {
    const id = addEntry(doc, itemId, list, { kind }, { index, origin });
    editor.focus(keyOf(id));
  };

  const handleKey = (index: number) => (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (editor.readOnly) return;
    const block = blocks[index]!;
    if (event.key === "Enter" && !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      add(index + 1, block.kind === "bullet" ? "bullet" : "paragraph");
    } else if (event.key === "Backspace" && event.currentTarget.value === "") {
      event.preventDefault();
      removeEntry(doc, itemId, list, block.id, origin);
      const previous = blocks[index - 1];
      if (previous) editor.focus(keyOf(previous.id));
    }
  };

  return (
    <section className="card" aria-labelledby={`${list}-${itemId}`}>
      <div className="section-head">
        <h3 id={`${list}-${itemId}`}>{title}</h3>
        {!editor.readOnly && (
          <span style={{ display: "flex", gap: "0.25rem" }}>
            <button type="button" className="btn btn-small" onClick={() => add()}>
              + Paragraph
            </button>
            <button type="button" className="btn btn-small btn-quiet" onClick={() => add(undefined, "bullet")}>
              + Bullet
            </button>
          </span>
        )}
      </div>
      {blocks.length === 0 && <p className="empty">{empty}</p>}
      {blocks.map((block, index) => (
        <div key={block.id} className="entry" style={{ gridTemplateColumns: block.kind === "bullet" ? "1.5rem 1fr auto" : "0 1fr auto" }}>
          <span className="bullet-mark" aria-hidden="true">
            {block.kind === "bullet" ? "·" : ""}
          </span>
          <Field
            path={entryTextPath(itemId, list, block.id, "text")}
            label={`${title} ${KIND_LABEL[block.kind].toLowerCase()} ${index + 1}`}
            className={block.kind === "heading" ? "heading-field" : undefined}
            onKeyDown={handleKey(index)}
          />
          {!editor.readOnly && (
            <div className="entry-actions">
              <label className="sr-only" htmlFor={`kind-${block.id}`}>
                Kind of block {index + 1}
              </label>
              <select
                id={`kind-${block.id}`}
                className="input btn-small"
                value={block.kind}
                onChange={(e) => setEntryValue(doc, itemId, list, block.id, "kind", e.target.value, origin)}
              >
                {BLOCK_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABEL[k]}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
      ))}
    </section>
  );
});
