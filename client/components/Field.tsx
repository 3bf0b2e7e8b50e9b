import type { KeyboardEvent } from "react";
import type { TextPath } from "../../shared/meeting";
import { TextField } from "./TextField";
import { useEditor } from "./EditorContext";
import { useTextAt } from "../sync/useMeetingStore";

/** A text field of the open meeting, with the editor's document, presence, phrasebook and rights. */
export function Field({
  path,
  label,
  showLabel,
  placeholder,
  className,
  locked,
  onKeyDown,
}: {
  path: TextPath;
  label: string;
  showLabel?: boolean;
  placeholder?: string;
  className?: string;
  locked?: boolean;
  onKeyDown?: (e: KeyboardEvent<HTMLTextAreaElement>) => void;
}) {
  const editor = useEditor();
  const key = path.join("/");
  const text = useTextAt(editor.store, key);
  // Deleted by a colleague (or not synced yet): nothing to edit.
  if (!text) return null;
  return (
    <TextField
      doc={editor.doc}
      text={text}
      textKey={key}
      origin={editor.origin}
      awareness={editor.awareness}
      presence={editor.presence}
      label={label}
      showLabel={showLabel}
      placeholder={editor.readOnly ? undefined : placeholder}
      className={className}
      readOnly={editor.readOnly || locked}
      expand={editor.expand}
      onKeyDown={onKeyDown}
      fieldRef={(el) => editor.register(key, el)}
    />
  );
}
