import * as Y from "yjs";
import {
  MEETING_TEXTS,
  ROOT,
  itemIds,
  meetingText,
  readItem,
  toSnapshot,
  type AgendaItem,
  type ItemId,
  type MeetingSnapshot,
} from "../../shared/meeting";

/** The meeting less its items: what the screen shows around the open item (title, people, attendance, current item). */
export type MeetingInfo = Omit<MeetingSnapshot, "items">;

type Listener = () => void;
/** A Yjs type as this store observes it (the maps, array and texts differ only in their events' types). */
interface DeepObservable {
  observeDeep(f: () => void): void;
  unobserveDeep(f: () => void): void;
}

/**
 * The meeting's document as React reads it, one subscription per part: the agenda's order,
 * each item, and the meeting around them. One deep observer on the items tells which item
 * a change is in, so a keystroke in one item wakes only that item's readers, and its plain
 * form is read again only when one of them asks for it; a keystroke in no item (there are
 * none on the clerks' screen but the meeting's title) wakes only the meeting's readers.
 * Observers are attached while anyone listens.
 */
export class MeetingStore {
  private readonly orderListeners = new Set<Listener>();
  private readonly itemListeners = new Map<string, Set<Listener>>();
  private readonly infoListeners = new Set<Listener>();
  private order: readonly ItemId[] | null = null;
  private readonly items = new Map<string, AgendaItem | null>();
  private info: MeetingInfo | null | undefined = undefined;
  private attached = false;

  constructor(readonly doc: Y.Doc) {}

  /** Ids of the agenda items, in order; the same array until the order changes. */
  getItemIds = (): readonly ItemId[] => {
    this.order ??= safe(() => itemIds(this.doc)) ?? [];
    return this.order;
  };

  /** Calls `listener` when items are added, removed or moved. */
  subscribeItemIds = (listener: Listener): (() => void) => this.listen(this.orderListeners, listener);

  /** One item as plain data (null while it is missing or incomplete); the same object until the item changes. */
  getItem(itemId: string): AgendaItem | null {
    if (!this.items.has(itemId))
      this.items.set(
        itemId,
        safe(() => readItem(this.doc, itemId)),
      );
    return this.items.get(itemId)!;
  }

  /** Calls `listener` when anything in item `itemId` changes, its confirmations included. */
  subscribeItem(itemId: string, listener: Listener): () => void {
    let set = this.itemListeners.get(itemId);
    if (!set) this.itemListeners.set(itemId, (set = new Set()));
    const stop = this.listen(set, listener);
    return () => {
      stop();
      if (set.size === 0) this.itemListeners.delete(itemId);
    };
  }

  /** The meeting around its items (null while the document is incomplete); the same object until it changes. */
  getInfo = (): MeetingInfo | null => {
    if (this.info === undefined) {
      const snapshot = safe(() => toSnapshot(this.doc));
      if (snapshot) {
        const { items: _items, ...info } = snapshot;
        this.info = info;
      } else this.info = null;
    }
    return this.info;
  };

  /** Calls `listener` when the meeting's own fields, people, attendance or current item change. */
  subscribeInfo = (listener: Listener): (() => void) => this.listen(this.infoListeners, listener);

  private listen(set: Set<Listener>, listener: Listener): () => void {
    set.add(listener);
    this.attach();
    return () => {
      set.delete(listener);
      this.detachIfUnused();
    };
  }

  private readonly handleItems = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    const changed = new Set<string>();
    let reorder = false;
    for (const event of events) {
      const [itemId] = event.path as string[];
      if (itemId === undefined) {
        // Items added, removed or replaced whole (a restored version keeps their ids).
        reorder = true;
        if (event instanceof Y.YMapEvent) for (const key of event.keysChanged) changed.add(key);
      } else {
        changed.add(itemId);
        // A value of the item itself changed: perhaps its position among the others.
        if (event.path.length === 1 && event instanceof Y.YMapEvent) reorder = true;
      }
    }
    for (const itemId of changed) this.items.delete(itemId);
    if (reorder) this.refreshOrder();
    for (const itemId of changed) this.itemListeners.get(itemId)?.forEach((l) => l());
    // People's votes on an item depend on declarations in it, but nothing here reads them: the
    // meeting's readers need not wake for a keystroke in an item.
  };

  private readonly handleConfirmations = (event: Y.YMapEvent<unknown>) => {
    // A confirmation names its resolution, not its item: wake the items that hold it, and any
    // that could not be read. All are found before any reader runs, since reading one puts it back.
    const changed = [...this.items]
      .filter(([, item]) => !item || item.resolutions.some((r) => event.keysChanged.has(r.id)))
      .map(([itemId]) => itemId);
    for (const itemId of changed) this.items.delete(itemId);
    for (const itemId of changed) this.itemListeners.get(itemId)?.forEach((l) => l());
  };

  private readonly handleInfo = () => {
    this.info = undefined;
    this.infoListeners.forEach((l) => l());
  };

  private refreshOrder(): void {
    const next = safe(() => itemIds(this.doc)) ?? [];
    const previous = this.order;
    if (previous && previous.length === next.length && previous.every((id, i) => id === next[i])) return;
    this.order = next;
    this.orderListeners.forEach((l) => l());
  }

  // The meeting's own parts: everything but the items and confirmations.
  private infoTypes(): DeepObservable[] {
    return [
      this.doc.getMap(ROOT.meeting),
      this.doc.getMap(ROOT.people),
      this.doc.getArray(ROOT.attendance),
      this.doc.getMap(ROOT.control),
      ...MEETING_TEXTS.map((field) => meetingText(this.doc, field)),
    ];
  }

  private attach(): void {
    if (this.attached) return;
    this.attached = true;
    // What was cached while nobody listened may be stale.
    this.order = null;
    this.items.clear();
    this.info = undefined;
    this.doc.getMap(ROOT.items).observeDeep(this.handleItems);
    this.doc.getMap(ROOT.confirmations).observe(this.handleConfirmations);
    for (const type of this.infoTypes()) type.observeDeep(this.handleInfo);
  }

  private detachIfUnused(): void {
    if (!this.attached || this.orderListeners.size > 0 || this.itemListeners.size > 0 || this.infoListeners.size > 0) return;
    this.attached = false;
    this.doc.getMap(ROOT.items).unobserveDeep(this.handleItems);
    this.doc.getMap(ROOT.confirmations).unobserve(this.handleConfirmations);
    for (const type of this.infoTypes()) type.unobserveDeep(this.handleInfo);
  }
}

function safe<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    // A document mid-sync can be briefly incomplete; the next change reads it again.
    return null;
  }
}
