import { useCallback, useSyncExternalStore } from "react";
import { useSyncExternalStoreWithSelector } from "use-sync-external-store/with-selector";
import equal from "fast-deep-equal";
import type * as Y from "yjs";
import { ROOT, textAt, type AgendaItem, type ItemId, type TextPath } from "../../shared/meeting";
import type { MeetingInfo, MeetingStore } from "./meetingStore";

/** Ids of the agenda items in order; re-renders only when items are added, removed or moved. */
export function useItemIds(store: MeetingStore): readonly ItemId[] {
  return useSyncExternalStore(store.subscribeItemIds, store.getItemIds);
}

/**
 * What `select` picks from one item; re-renders only when that changes (by value), so a
 * section that shows an item's entries is left alone by typing inside them.
 */
export function useItem<T>(store: MeetingStore, itemId: string, select: (item: AgendaItem | null) => T): T {
  const subscribe = useCallback((listener: () => void) => store.subscribeItem(itemId, listener), [store, itemId]);
  const getSnapshot = useCallback(() => store.getItem(itemId), [store, itemId]);
  return useSyncExternalStoreWithSelector(subscribe, getSnapshot, undefined, select, equal);
}

/** What `select` picks from the meeting around its items; re-renders only when that changes (by value). */
export function useMeetingInfo<T>(store: MeetingStore, select: (info: MeetingInfo | null) => T): T {
  return useSyncExternalStoreWithSelector(store.subscribeInfo, store.getInfo, undefined, select, equal);
}

/**
 * The Y.Text at `key` (a text path joined with "/"), looked up again whenever what holds it
 * changes: restoring a version replaces entries under the same ids, and a field must follow
 * the new text rather than keep the deleted one. Typing into the text does not re-render.
 */
export function useTextAt(store: MeetingStore, key: string): Y.Text | null {
  const subscribe = useCallback(
    (listener: () => void) => {
      const [root, id] = key.split("/");
      if (root === ROOT.items && id) return store.subscribeItem(id, listener);
      if (root === ROOT.people) return store.subscribeInfo(listener);
      // The meeting's own texts are roots of the document: never replaced.
      return () => undefined;
    },
    [store, key],
  );
  const getSnapshot = useCallback(() => textAt(store.doc, key.split("/") as TextPath), [store, key]);
  return useSyncExternalStore(subscribe, getSnapshot);
}

/** The committee's members, as the pickers of mover, seconder and declarer list them. */
export function selectMembers(info: MeetingInfo | null): { id: string; name: string }[] {
  return info?.people.filter((p) => p.kind === "member").map(({ id, name }) => ({ id, name })) ?? [];
}
