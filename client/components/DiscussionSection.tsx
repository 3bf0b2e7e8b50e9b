import type { KeyboardEvent } from "react";
import { addComment, entryTextPath, itemTextPath, moveEntry, removeEntry, type AgendaItem } from "../../shared/meeting";
import { useEditor } from "./EditorContext";
import { Field } from "./Field";

/**
 * "The following comments were made/ issues raised:-": one bullet per comment or question,
 * with the answer given. Enter starts the next comment, Tab moves to the answer, Backspace
 * in an empty comment removes it.
 */
export function DiscussionSection({ item }: { item: AgendaItem }) {
  const editor = useEditor();
  const { doc, origin } = editor;
  const commentKey = (id: string) => entryTextPath(item.id, "discussion", id, "comment").join("/");

  const add = (index?: number) => {
    const id = addComment(doc, item.id, {}, { index, origin });
    editor.focus(commentKey(id));
  };

  const handleKey = (index: number, field: "comment" | "response") => (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (editor.readOnly) return;
    if (event.key === "Enter" && !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      add(index + 1);
    } else if (event.key === "Backspace" && field === "comment" && event.currentTarget.value === "" && !item.discussion[index]!.response) {
      event.preventDefault();
      removeEntry(doc, item.id, "discussion", item.discussion[index]!.id, origin);
      const previous = item.discussion[index - 1];
      if (previous) editor.focus(commentKey(previous.id));
    }
  };

  return (
    <section className="card" aria-labelledby={`discussion-${item.id}`}>
      <div className="section-head">
        <h3 id={`discussion-${item.id}`}>Discussion</h3>
        {!editor.readOnly && (
          <button type="button" className="btn btn-small" onClick={() => add()}>
            + Comment
          </button>
        )}
      </div>
      <Field path={itemTextPath(item.id, "discussionIntro")} label="Discussion introduction" className="intro-field" />
      {item.discussion.length === 0 && (
        <p className="empty">No comments yet. {!editor.readOnly && "Press “+ Comment”, then Enter after each one."}</p>
      )}
      <ol style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Comments">
        {item.discussion.map((entry, index) => (
          <li key={entry.id} className="entry" data-entry={entry.id}>
            <span className="bullet-mark" aria-hidden="true">
              ·
            </span>
            <div className="entry-fields">
              <Field
                path={entryTextPath(item.id, "discussion", entry.id, "comment")}
                label={`Comment ${index + 1}`}
                placeholder="Comment or question…  (;cs Clarification was sought on)"
                onKeyDown={handleKey(index, "comment")}
              />
              <Field
                path={entryTextPath(item.id, "discussion", entry.id, "response")}
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
                  onClick={() => moveEntry(doc, item.id, "discussion", entry.id, index - 1, origin)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="btn btn-quiet btn-small"
                  aria-label={`Move comment ${index + 1} down`}
                  disabled={index === item.discussion.length - 1}
                  onClick={() => moveEntry(doc, item.id, "discussion", entry.id, index + 1, origin)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="btn btn-quiet btn-small"
                  aria-label={`Delete comment ${index + 1}`}
                  onClick={() => removeEntry(doc, item.id, "discussion", entry.id, origin)}
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
}
