import { useEffect, useRef, useState } from "react";
import type * as Y from "yjs";

/**
 * Re-reads `select(doc)` after changes, at most once per animation frame, so a burst of
 * keystrokes from three clerks costs one render rather than one each.
 */
export function useDocState<T>(doc: Y.Doc | undefined, select: (doc: Y.Doc) => T): T | null {
  const [value, setValue] = useState<T | null>(() => (doc ? safe(select, doc) : null));
  const selectRef = useRef(select);
  selectRef.current = select;
  useEffect(() => {
    if (!doc) return;
    let frame = 0;
    const refresh = () => {
      frame = 0;
      setValue(safe(selectRef.current, doc));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(refresh);
    };
    refresh();
    doc.on("update", schedule);
    return () => {
      doc.off("update", schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [doc]);
  return value;
}

function safe<T>(select: (doc: Y.Doc) => T, doc: Y.Doc): T | null {
  try {
    return select(doc);
  } catch {
    // A document mid-sync can be briefly incomplete; the next update renders it.
    return null;
  }
}
