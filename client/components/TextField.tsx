import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useSyncExternalStore,
  type KeyboardEvent,
  type TextareaHTMLAttributes,
} from "react";
import * as Y from "yjs";
import type { Awareness } from "y-protocols/awareness";
import { replaceText } from "../../shared/meeting";
import type { PresenceStore, RemoteCaret } from "../sync/presenceStore";
import { caretPositions } from "./caret";

/** Props of a text field bound to one Y.Text of the meeting. */
export interface TextFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "value" | "onChange"> {
  doc: Y.Doc;
  /** The text this field edits (looked up by the caller, which follows it if it is replaced). */
  text: Y.Text;
  /** The text's path joined with "/": its id on the page, and where colleagues' carets say they are. */
  textKey: string;
  origin: object;
  awareness?: Awareness | null;
  presence?: PresenceStore | null;
  label: string;
  /** Shows the label visually; otherwise it is for screen readers only. */
  showLabel?: boolean;
  /** Hook for expanding abbreviations: returns the new value and caret, or null to leave the text alone. */
  expand?: (value: string, caret: number) => { value: string; caret: number } | null;
  onKeyDown?: (event: KeyboardEvent<HTMLTextAreaElement>) => void;
  fieldRef?: (element: HTMLTextAreaElement | null) => void;
}

const NO_CARETS: readonly RemoteCaret[] = [];
const noSubscription = () => () => undefined;

/**
 * A textarea bound to a Y.Text: local typing becomes minimal Yjs edits tagged with this
 * clerk's origin (so undo is per clerk); remote edits update the field without moving the
 * caret; colleagues' carets show with their names and colours. It re-renders when its own
 * text changes or a colleague's caret in it moves, and for nothing else in the meeting.
 */
export function TextField({
  doc,
  text,
  textKey,
  origin,
  awareness,
  presence,
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
  // The caret as Yjs relative positions tied to the character before it, so a colleague's
  // insert exactly at the caret lands after what this clerk typed, not before it.
  const anchoredSelection = useRef<[Y.RelativePosition, Y.RelativePosition] | null>(null);

  const subscribeText = useCallback(
    (listener: () => void) => {
      const observer = (_event: Y.YTextEvent, tx: Y.Transaction) => {
        if (tx.origin !== origin) {
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
        }
        listener();
      };
      text.observe(observer);
      return () => text.unobserve(observer);
    },
    [text, origin, doc],
  );
  const value = useSyncExternalStore(subscribeText, () => text.toString());

  const subscribeCarets = useMemo(
    () => (presence ? (listener: () => void) => presence.subscribeCarets(textKey, listener) : noSubscription),
    [presence, textKey],
  );
  const caretStates = useSyncExternalStore(subscribeCarets, () => presence?.caretsIn(textKey) ?? NO_CARETS);
  // Where each colleague's caret is now: it moves with the text, which re-renders this field.
  const carets = caretStates
    .map((c) => ({ ...c, abs: Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(c.head), doc) }))
    .filter((c) => c.abs?.type === text)
    .map((c) => ({ clientId: c.clientId, name: c.name, color: c.color, index: Math.min(c.abs!.index, value.length) }));

  // Grows with its text; also when its width changes (a drawer opens, the window resizes).
  const caretMarks = useRef(new Map<number, HTMLSpanElement>());
  const caretIndexes = carets.map((c) => `${c.clientId}:${c.index}`).join(",");
  const placeCarets = useCallback(() => {
    const field = ref.current;
    if (!field || caretMarks.current.size === 0) return;
    // One hidden copy of the field measures every caret in it, and only when a caret or the text moved.
    const entries = [...caretMarks.current];
    const positions = caretPositions(
      field,
      entries.map(([, mark]) => Number(mark.dataset.index)),
    );
    entries.forEach(([, mark], i) => {
      const pos = positions[i]!;
      mark.style.top = `${pos.top}px`;
      mark.style.left = `${pos.left}px`;
      mark.style.height = `${pos.height}px`;
    });
  }, []);
  useLayoutEffect(() => {
    if (ref.current) fitHeight(ref.current);
    placeCarets();
  }, [value, caretIndexes, placeCarets]);
  useEffect(() => {
    const field = ref.current;
    if (!field) return;
    let width = field.offsetWidth;
    const observer = new ResizeObserver(() => {
      if (field.offsetWidth === width) return;
      width = field.offsetWidth;
      fitHeight(field);
      placeCarets();
    });
    observer.observe(field);
    return () => observer.disconnect();
  }, [placeCarets]);

  const publishCaret = () => {
    const field = ref.current;
    if (!field) return;
    anchoredSelection.current = [
      Y.createRelativePositionFromTypeIndex(text, field.selectionStart, -1),
      Y.createRelativePositionFromTypeIndex(text, field.selectionEnd, -1),
    ];
    if (!awareness) return;
    awareness.setLocalStateField("cursor", {
      key: textKey,
      anchor: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, field.selectionStart)),
      head: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, field.selectionEnd)),
    });
  };

  const id = `f-${textKey.replace(/[^A-Za-z0-9_-]/g, "-")}`;
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
          // The text changes at once, and with it the value this field renders.
          doc.transact(() => replaceText(text, next, caret), origin);
          publishCaret();
        }}
        onSelect={publishCaret}
        onFocus={publishCaret}
        onBlur={() => awareness?.setLocalStateField("cursor", null)}
        onKeyDown={onKeyDown}
      />
      {carets.map((c) => (
        <span
          key={c.clientId}
          ref={(el) => {
            if (el) caretMarks.current.set(c.clientId, el);
            else caretMarks.current.delete(c.clientId);
          }}
          data-index={c.index}
          className="remote-caret"
          style={{ borderColor: c.color }}
          aria-hidden="true"
        >
          <span className="remote-caret-name" style={{ background: c.color }}>
            {c.name}
          </span>
        </span>
      ))}
      {carets.length > 0 && <span className="sr-only">{carets.map((c) => c.name).join(", ")} also editing this field.</span>}
    </div>
  );
}

function fitHeight(field: HTMLTextAreaElement): void {
  field.style.height = "auto";
  field.style.height = `${field.scrollHeight + 2}px`;
}
