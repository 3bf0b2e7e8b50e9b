import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type TextareaHTMLAttributes } from "react";
import * as Y from "yjs";
import type { Awareness } from "y-protocols/awareness";
import { replaceText, textAt, type TextPath } from "../../shared/meeting";
import { caretPosition } from "./caret";

/** A colleague's caret in this field. */
interface RemoteCaret {
  clientId: number;
  name: string;
  color: string;
  index: number;
}

/** Props of a text field bound to one Y.Text of the meeting. */
export interface TextFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "value" | "onChange"> {
  doc: Y.Doc;
  path: TextPath;
  origin: object;
  awareness?: Awareness | null;
  label: string;
  /** Shows the label visually; otherwise it is for screen readers only. */
  showLabel?: boolean;
  /** Hook for expanding abbreviations: returns the new value and caret, or null to leave the text alone. */
  expand?: (value: string, caret: number) => { value: string; caret: number } | null;
  onKeyDown?: (event: KeyboardEvent<HTMLTextAreaElement>) => void;
  fieldRef?: (element: HTMLTextAreaElement | null) => void;
}

/**
 * A textarea bound to a Y.Text: local typing becomes minimal Yjs edits tagged with this
 * clerk's origin (so undo is per clerk); remote edits update the field without moving the
 * caret; colleagues' carets show with their names and colours.
 */
export function TextField({
  doc,
  path,
  origin,
  awareness,
  label,
  showLabel = false,
  expand,
  onKeyDown,
  fieldRef,
  className,
  readOnly,
  ...rest
}: TextFieldProps) {
  const ref = useRef<HTMLTextAreaElement | null>(null);
  // Looked up on every render: restoring a version replaces entries under the same ids, and
  // the field must follow the new text rather than keep the deleted one.
  const text = textAt(doc, path);
  const [value, setValue] = useState(() => text?.toString() ?? "");
  // The caret as Yjs relative positions tied to the character before it, so a colleague's
  // insert exactly at the caret lands after what this clerk typed, not before it.
  const anchoredSelection = useRef<[Y.RelativePosition, Y.RelativePosition] | null>(null);
  const [carets, setCarets] = useState<RemoteCaret[]>([]);
  const key = path.join("/");

  useEffect(() => {
    if (!text) return;
    const observer = (_event: Y.YTextEvent, tx: Y.Transaction) => {
      if (tx.origin === origin) return;
      // The field follows the text at once, not at React's next render: a keystroke
      // handled in between would otherwise be diffed against stale text and undo the
      // colleague's characters that just arrived.
      const next = text.toString();
      const field = ref.current;
      if (field && field.value !== next) {
        const anchored = anchoredSelection.current;
        const focused = document.activeElement === field;
        field.value = next;
        if (focused && anchored) {
          const [start, end] = anchored.map((rel) => Y.createAbsolutePositionFromRelativePosition(rel, doc)?.index ?? 0) as [
            number,
            number,
          ];
          field.setSelectionRange(start, end);
        }
      }
      setValue(next);
    };
    text.observe(observer);
    setValue(text.toString());
    return () => text.unobserve(observer);
  }, [text, origin, doc]);

  // Grows with its text; also when its width changes (a drawer opens, the window resizes).
  useLayoutEffect(() => {
    if (ref.current) fitHeight(ref.current);
  }, [value]);
  useEffect(() => {
    const field = ref.current;
    if (!field) return;
    let width = field.offsetWidth;
    const observer = new ResizeObserver(() => {
      if (field.offsetWidth === width) return;
      width = field.offsetWidth;
      fitHeight(field);
    });
    observer.observe(field);
    return () => observer.disconnect();
  }, []);

  // Colleagues' carets in this field, from awareness.
  useEffect(() => {
    if (!awareness || !text) return;
    const refresh = () => {
      const list: RemoteCaret[] = [];
      awareness.getStates().forEach((state, clientId) => {
        if (clientId === awareness.clientID) return;
        const cursor = state.cursor as { key: string; head: unknown } | undefined;
        if (!cursor || cursor.key !== key) return;
        const abs = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(cursor.head), doc);
        if (!abs || abs.type !== text) return;
        const user = (state.user ?? {}) as { name?: string; color?: string };
        list.push({ clientId, name: user.name ?? "Colleague", color: user.color ?? "#888", index: abs.index });
      });
      setCarets(list);
    };
    refresh();
    awareness.on("change", refresh);
    doc.on("update", refresh);
    return () => {
      awareness.off("change", refresh);
      doc.off("update", refresh);
    };
  }, [awareness, text, doc, key]);

  const publishCaret = () => {
    const field = ref.current;
    if (!text || !field) return;
    anchoredSelection.current = [
      Y.createRelativePositionFromTypeIndex(text, field.selectionStart, -1),
      Y.createRelativePositionFromTypeIndex(text, field.selectionEnd, -1),
    ];
    if (!awareness) return;
    awareness.setLocalStateField("cursor", {
      key,
      anchor: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, field.selectionStart)),
      head: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, field.selectionEnd)),
    });
  };

  if (!text) return null;
  const id = `f-${key.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  const field = ref.current;
  return (
    <div
      className={`text-field ${className ?? ""} ${carets.length ? "has-remote" : ""}`}
      style={carets[0] ? { ["--remote" as string]: carets[0].color } : undefined}
    >
      <label htmlFor={id} className={showLabel ? "field-label" : "sr-only"}>
        {label}
      </label>
      <textarea
        {...rest}
        id={id}
        ref={(el) => {
          ref.current = el;
          fieldRef?.(el);
        }}
        rows={1}
        value={value}
        readOnly={readOnly}
        aria-readonly={readOnly || undefined}
        spellCheck
        onChange={(event) => {
          let next = event.target.value;
          let caret = event.target.selectionStart;
          const expanded = expand?.(next, caret);
          if (expanded) {
            next = expanded.value;
            caret = expanded.caret;
            // Into the field at once, so a key pressed before React renders lands after the phrase.
            event.target.value = next;
            event.target.setSelectionRange(caret, caret);
          }
          setValue(next);
          doc.transact(() => replaceText(text, next, caret), origin);
          publishCaret();
        }}
        onSelect={publishCaret}
        onFocus={publishCaret}
        onBlur={() => awareness?.setLocalStateField("cursor", null)}
        onKeyDown={onKeyDown}
      />
      {field &&
        carets.map((c) => {
          const pos = caretPosition(field, Math.min(c.index, value.length));
          return (
            <span
              key={c.clientId}
              className="remote-caret"
              style={{ top: pos.top, left: pos.left, height: pos.height, borderColor: c.color }}
              aria-hidden="true"
            >
              <span className="remote-caret-name" style={{ background: c.color }}>
                {c.name}
              </span>
            </span>
          );
        })}
      {carets.length > 0 && <span className="sr-only">{carets.map((c) => c.name).join(", ")} also editing this field.</span>}
    </div>
  );
}

function fitHeight(field: HTMLTextAreaElement): void {
  field.style.height = "auto";
  field.style.height = `${field.scrollHeight + 2}px`;
}
