import type { ItemId } from "../../shared/meeting";
import { memo, type KeyboardEvent } from "react";
import { addComment, entryTextPath, itemTextPath, moveEntry, removeEntry, textAt } from "../../shared/meeting";
import { useEditor } from "./EditorContext";
import { Field } from "./Field";
import { useItem } from "../sync/useMeetingStore";

/**
 * "The following comments were made/ issues raised:-": one bullet per comment or question,
 * with the answer given. Enter starts the next comment, Tab moves to the answer, Backspace
 * in an empty comment removes it.
 */
export const DiscussionSection = memo(function DiscussionSection({ itemId }: { itemId: ItemId }) {
  const editor = useEditor();
  const { doc, origin } = editor;
  // The comments' ids alone: typing in a comment re-renders that comment's field, not the list.
  const discussion = useItem(editor.store, itemId, (item) => item?.discussion.map((e) => e.id) ?? []);
  const commentKey = (id: string) => entryTextPath(itemId, "discussion", id, "comment").join("/");

  const add = (index?: number) => {
    const id = addComment(doc, itemId, {}, { index, origin });
    editor.focus(commentKey(id));
  };

  const handleKey = (index: number, field: "comment" | "response") => (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (editor.readOnly) return;
    if (event.key === "Enter" && !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      add(index + 1);
    } else if (
      event.key === "Backspace" &&
      field === "comment" &&
      event.currentTarget.value === "" &&
      !textAt(doc, entryTextPath(itemId, "discussion", discussion[index]!, "response"))?.length
    ) {
      event.preventDefault();
      removeEntry(doc, itemId, "discussion", discussion[index]!, origin);
      const previous = discussion[index - 1];
      if (previous) editor.focus(commentKey(previous));
    }
  };

  return (
    <section className="card" aria-labelledby={`discussion-${itemId}`}>
      <div className="section-head">
        <h3 id={`discussion-${itemId}`}>Discussion</h3>
        {!editor.readOnly && (
          <button type="button" className="btn btn-small" onClick={() => add()}>
            + Comment
          </button>
        )}
      </div>
      <Field path={itemTextPath(itemId, "discussionIntro")} label="Discussion introduction" className="intro-field" />
      {discussion.length === 0 && (
        <p className="empty">No comments yet. {!editor.readOnly && "Press “+ Comment”, then Enter after each one."}</p>
      )}
      <ol style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Comments">
        {discussion.map((entryId, index) => (
          <li key={entryId} className="entry" data-entry={entryId}>
            <span className="bullet-mark" aria-hidden="true">
              ·
            </span>
            <div className="entry-fields">
              <Field
                path={entryTextPath(itemId, "discussion", entryId, "comment")}
                label={`Comment ${index + 1}`}
                placeholder="Comment or question…  (;cs Clarification was sought on)"
                onKeyDown={handleKey(index, "comment")}
              />
              <Field
                path={entryTextPath(itemId, "discussion", entryId, "response")}
                label={`Response to comment ${index + 1}`}
                placeholder="Answer given…  (;irs In response it was stated that)"
                className="response-field"
                onKeyDown={handleKey(index, "response")}
              />
            </div>
            {!editor.readOnly && (
              <div className="entry-actions">
                <button
                  type="button"
                  className="btn btn-quiet btn-small"
                  aria-label={`Move comment ${index + 1} up`}
                  disabled={index === 0}
                  onClick={() => moveEntry(doc, itemId, "discussion", entryId, index - 1, origin)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="btn btn-quiet btn-small"
                  aria-label={`Move comment ${index + 1} down`}
                  disabled={index === discussion.length - 1}
                  onClick={() => moveEntry(doc, itemId, "discussion", entryId, index + 1, origin)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="btn btn-quiet btn-small"
                  aria-label={`Delete comment ${index + 1}`}
                  onClick={() => removeEntry(doc, itemId, "discussion", entryId, origin)}
                >
                  ✕
                </button>
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
});
