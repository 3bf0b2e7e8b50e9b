import { createContext, useContext, useMemo, useRef, type ReactNode } from "react";
import type * as Y from "yjs";
import type { Awareness } from "y-protocols/awareness";
import { expandAbbreviation, type Phrase } from "../../shared/meeting/phrasebook";
import type { MeetingStore } from "../sync/meetingStore";
import type { PresenceStore } from "../sync/presenceStore";

/** What every field of the minute-taking screen needs: the document, this clerk's origin, presence, rights. */
export interface Editor {
  doc: Y.Doc;
  origin: object;
  awareness: Awareness | null;
  readOnly: boolean;
  phrases: readonly Phrase[];
  /** The document read per item and per field. */
  store: MeetingStore;
  /** Colleagues' carets and whereabouts, one awareness subscription for the screen. */
  presence: PresenceStore | null;
  /** Remembers a field so it can be focused once it has rendered. */
  register(key: string, element: HTMLTextAreaElement | null): void;
  /** Focuses the field for `key` now, or as soon as it renders. */
  focus(key: string): void;
  expand(value: string, caret: number): { value: string; caret: number } | null;
}

/** What the screen gives the editor; the rest is made here. */
export type EditorInput = Omit<Editor, "register" | "focus" | "expand">;

const EditorContext = createContext<Editor | null>(null);

/**
 * Provides the editor to the sections of an item. The value stays the same object until one
 * of its inputs changes, so the screen re-rendering (the connection's state, a notice) does
 * not re-render every field under it.
 */
export function EditorProvider({
  doc,
  origin,
  awareness,
  readOnly,
  phrases,
  store,
  presence,
  children,
}: EditorInput & { children: ReactNode }) {
  const fields = useRef(new Map<string, HTMLTextAreaElement>());
  const pending = useRef<string | null>(null);
  const editor = useMemo<Editor>(
    () => ({
      doc,
      origin,
      awareness,
      readOnly,
      phrases,
      store,
      presence,
      register(key, element) {
        if (element) {
          fields.current.set(key, element);
          if (pending.current === key) {
            pending.current = null;
            focusAtEnd(element);
          }
        } else fields.current.delete(key);
      },
      focus(key) {
        const element = fields.current.get(key);
        if (element) focusAtEnd(element);
        else pending.current = key;
      },
      expand: (text, caret) => expandAbbreviation(text, caret, phrases),
    }),
    [doc, origin, awareness, readOnly, phrases, store, presence],
  );
  return <EditorContext.Provider value={editor}>{children}</EditorContext.Provider>;
}

/** The editor of the current meeting. */
export function useEditor(): Editor {
  const value = useContext(EditorContext);
  if (!value) throw new Error("useEditor outside EditorProvider");
  return value;
}

/** Focuses a field with the caret after its text (a new resolution starts "That "). */
export function focusAtEnd(element: HTMLTextAreaElement): void {
  element.focus();
  element.setSelectionRange(element.value.length, element.value.length);
}
