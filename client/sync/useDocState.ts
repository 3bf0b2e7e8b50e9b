import { useEffect, useEffectEvent, useState } from "react";
import { flushSync } from "react-dom";
import * as Y from "yjs";

/**
 * Re-reads `select(doc)` after changes. Typing and remote edits re-render at most once per
 * animation frame, so a burst of keystrokes from three clerks costs one render. A local
 * structural change (a new comment, a new resolution) renders at once, so the field it
 * adds exists before the clerk's next key arrives.
 */
export function useDocState<T>(doc: Y.Doc | undefined, select: (doc: Y.Doc) => T): T | null {
  const [value, setValue] = useState<T | null>(() => (doc ? safe(select, doc) : null));
  // The latest `select`, without re-subscribing when the caller passes a new function.
  const read = useEffectEvent((from: Y.Doc) => safe(select, from));
  useEffect(() => {
    if (!doc) return;
    let frame = 0;
    const refresh = () => {
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
      setValue(read(doc));
    };
    const handleTransaction = (tx: Y.Transaction) => {
      if (tx.changed.size === 0) return;
      const structural = tx.local && [...tx.changed.keys()].some((type) => !(type instanceof Y.Text));
      if (structural) flushSync(refresh);
      else if (!frame) frame = requestAnimationFrame(refresh);
    };
    refresh();
    doc.on("afterTransaction", handleTransaction);
    return () => {
      doc.off("afterTransaction", handleTransaction);
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
