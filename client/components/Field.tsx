import type { KeyboardEvent } from "react";
import type { TextPath } from "../../shared/meeting";
import { TextField } from "./TextField";
import { useEditor } from "./EditorContext";

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
  return (
    <TextField
      key={key}
      doc={editor.doc}
      path={path}
      origin={editor.origin}
      awareness={editor.awareness}
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
