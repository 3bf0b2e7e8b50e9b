import equal from "fast-deep-equal";
import type { Awareness } from "y-protocols/awareness";

/** A colleague's caret in one field: who, and where as a Yjs relative position (JSON, as published). */
export interface RemoteCaret {
  clientId: number;
  name: string;
  color: string;
  head: unknown;
}

/** A colleague on the meeting. */
export interface Colleague {
  name: string;
  color: string;
}

/** Who else is on which item, by item id. */
export type ItemPresence = Readonly<Record<string, readonly Colleague[]>>;

type Listener = () => void;
const NONE: readonly RemoteCaret[] = [];

/**
 * Colleagues' carets and whereabouts from Yjs awareness, through one subscription for the
 * whole screen: each field hears only about carets in it, and the agenda only about who
 * moved to another item, so a colleague's caret moving re-renders the one field it is in.
 */
export class PresenceStore {
  private carets = new Map<string, readonly RemoteCaret[]>();
  private presence: ItemPresence = {};
  private readonly caretListeners = new Map<string, Set<Listener>>();
  private readonly presenceListeners = new Set<Listener>();
  private listening = 0;

  constructor(private readonly awareness: Awareness) {}

  /** Colleagues' carets in the field `key` (its text path joined with "/"); the same array until they change. */
  caretsIn(key: string): readonly RemoteCaret[] {
    if (this.listening === 0) this.read();
    return this.carets.get(key) ?? NONE;
  }

  /** Calls `listener` when colleagues' carets in field `key` change. */
  subscribeCarets(key: string, listener: Listener): () => void {
    let set = this.caretListeners.get(key);
    if (!set) this.caretListeners.set(key, (set = new Set()));
    set.add(listener);
    const stop = this.listen();
    return () => {
      set.delete(listener);
      if (set.size === 0) this.caretListeners.delete(key);
      stop();
    };
  }

  /** Who else is on which item; the same object until someone moves. */
  getItemPresence = (): ItemPresence => {
    if (this.listening === 0) this.read();
    return this.presence;
  };

  /** Calls `listener` when a colleague arrives, leaves or moves to another item. */
  subscribeItemPresence = (listener: Listener): (() => void) => {
    this.presenceListeners.add(listener);
    const stop = this.listen();
    return () => {
      this.presenceListeners.delete(listener);
      stop();
    };
  };

  private listen(): () => void {
    if (this.listening++ === 0) {
      this.read();
      this.awareness.on("change", this.handleChange);
    }
    return () => {
      if (--this.listening === 0) this.awareness.off("change", this.handleChange);
    };
  }

  private readonly handleChange = () => {
    const { changedKeys, presenceChanged } = this.read();
    for (const key of changedKeys) this.caretListeners.get(key)?.forEach((l) => l());
    if (presenceChanged) this.presenceListeners.forEach((l) => l());
  };

  // Reads every colleague's state; keeps the previous array or object wherever nothing changed.
  private read(): { changedKeys: string[]; presenceChanged: boolean } {
    const carets = new Map<string, RemoteCaret[]>();
    const presence: Record<string, Colleague[]> = {};
    this.awareness.getStates().forEach((state, clientId) => {
      if (clientId === this.awareness.clientID) return;
      const user = (state.user ?? {}) as { name?: string; color?: string };
      const colleague = { name: user.name ?? "Colleague", color: user.color ?? "#888" };
      if (state.user && typeof state.itemId === "string") (presence[state.itemId] ??= []).push(colleague);
      const cursor = state.cursor as { key?: unknown; head?: unknown } | null | undefined;
      if (cursor && typeof cursor.key === "string" && cursor.head)
        carets.set(cursor.key, [...(carets.get(cursor.key) ?? []), { clientId, ...colleague, head: cursor.head }]);
    });
    const changedKeys: string[] = [];
    for (const key of new Set([...this.carets.keys(), ...carets.keys()])) {
      const next = carets.get(key);
      if (equal(this.carets.get(key), next)) continue;
      changedKeys.push(key);
      if (next) this.carets.set(key, next);
      else this.carets.delete(key);
    }
    const presenceChanged = !equal(this.presence, presence);
    if (presenceChanged) this.presence = presence;
    return { changedKeys, presenceChanged };
  }
}
