import * as Y from "yjs";
import { slotAt, type Slot } from "../../shared/meeting/slots";

/**
 * Paths a room has worked out, kept across updates. A type never moves once in the
 * document (a map key or a sequence element it stays), so its path is looked up rather
 * than walked up to the root for every keystroke. Paths are interned (one array for each
 * place), so what may stand at a place is worked out once per place too, and two places
 * are the same place exactly when they are the same array.
 */
export class PathCache {
  types = new WeakMap<Y.AbstractType<unknown>, string[] | null>();
  private roots = new Map<string, string[]>();
  private children = new WeakMap<readonly string[], Map<string, string[]>>();
  private slots = new WeakMap<readonly string[], Slot | null>();
  private kept = 0;

  /**
   * @param maxPlaces places kept before the cache starts afresh: far more than a meeting has,
   * so that only a stream of refused updates naming made-up places reaches it.
   */
  constructor(private readonly maxPlaces = 100_000) {}

  /** Places interned so far. */
  get places(): number {
    return this.kept;
  }

  /** The one path of a root. */
  root(name: string): string[] {
    let path = this.roots.get(name);
    if (!path) this.roots.set(name, (path = [name]));
    return path;
  }

  /** The one path of `key` (a map key, or "#" for a sequence element) under `parent`, itself interned. */
  child(parent: readonly string[], key: string): string[] {
    let byKey = this.children.get(parent);
    if (!byKey) this.children.set(parent, (byKey = new Map()));
    let path = byKey.get(key);
    if (path) return path;
    path = [...parent, key];
    if (++this.kept > this.maxPlaces) this.startAfresh();
    else byKey.set(key, path);
    return path;
  }

  // Paths handed out before stay valid: they are only no longer shared. The resolver
  // compares places of one update, all interned after the last fresh start but for a rare
  // update straddling one, which is then refused as crafted and re-sent whole by its client.
  private startAfresh(): void {
    this.types = new WeakMap();
    this.roots = new Map();
    this.children = new WeakMap();
    this.slots = new WeakMap();
    this.kept = 0;
  }

  /** What may stand at an interned path. */
  slot(path: readonly string[]): Slot | null {
    let slot = this.slots.get(path);
    if (slot === undefined) this.slots.set(path, (slot = slotAt(path)));
    return slot;
  }
}

/** Anything that has an id in the struct store: the update's own structs or the document's. */
export type Struct = Y.Item | Y.GC | Y.Skip;

/** Where a struct lands: a place (root, then map keys, "#" for sequence elements), or nowhere visible (Yjs collects it). */
export type Place = string[] | typeof NOWHERE;
/** A struct Yjs integrates as garbage: its neighbour or parent was collected, or its parent holds no type. */
export const NOWHERE = "nowhere";

/** Thrown when an update's struct would be linked into one list while naming another as its parent. */
export class Misplaced extends Error {}

/**
 * Finds where structs land, as Yjs's Item.getMissing and Item.integrate place them: an
 * item is linked next to its left neighbour (its origin, or for a struct the document
 * partly holds, the document's struct just before its new part) and right neighbour, and
 * given the parent written in the update or, failing one, its neighbour's. An honest
 * client's neighbours and parent always agree; a struct whose do not would be linked into
 * one list (a locked text, say) while judged by another, so it is refused as crafted.
 */
export class PlaceResolver {
  /** Places of the update's own items, worked out once each. */
  private readonly placed = new Map<Y.Item, Place>();
  /** The update's own structs by client, built only if an id is not in the document. */
  private local: Map<number, Struct[]> | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly structs: readonly Struct[],
    private readonly cache: PathCache,
    /** Per struct of the update that the document partly holds: how much of it is known. */
    private readonly offsets: ReadonlyMap<Struct, number>,
  ) {}

  /**
   * The struct with `id` as Yjs will see it: the document's own wherever the document has
   * that id already (Yjs skips an update's copy of a struct it holds), the update's beyond.
   * Trusting the update's copy first would let a forged struct reusing a locked text's id
   * stand in for it as the parent of new characters.
   */
  find(id: Y.ID): Struct | null {
    const structs = this.doc.store.clients.get(id.client);
    const last = structs?.[structs.length - 1];
    if (structs && last && id.clock < last.id.clock + last.length) return structs[Y.findIndexSS(structs, id.clock)] ?? null;
    return this.ownStructs(id.client).find((s) => id.clock >= s.id.clock && id.clock < s.id.clock + s.length) ?? null;
  }

  private ownStructs(client: number): Struct[] {
    if (!this.local) {
      this.local = new Map();
      for (const s of this.structs) {
        const list = this.local.get(s.id.client);
        if (list) list.push(s);
        else this.local.set(s.id.client, [s]);
      }
    }
    return this.local.get(client) ?? [];
  }

  /** Where an item sits or will sit: its parent's place plus its map key (or "#" in a sequence). */
  ofItem(item: Y.Item): Place {
    // In the document already: its parent is a type, and it stays where it is.
    if (item.parent instanceof Y.AbstractType) return this.under(this.ofType(item.parent), item.parentSub);
    const known = this.placed.get(item);
    if (known !== undefined) return known;
    this.placed.set(item, NOWHERE); // guards against cycles in a hostile update (refused earlier as pending)
    const place = this.placement(item);
    this.placed.set(item, place);
    return place;
  }

  private under(parent: Place, key: string | null): Place {
    return parent === NOWHERE ? NOWHERE : this.cache.child(parent, key ?? "#");
  }

  /** Where a struct referred to as a neighbour sits; a collected one (GC) puts its referrer nowhere. */
  private neighbour(id: Y.ID): Place {
    const s = this.find(id);
    return s instanceof Y.Item ? this.ofItem(s) : NOWHERE;
  }

  /** The place of an item of the update, worked out as Yjs will place it. */
  private placement(item: Y.Item): Place {
    // Item.getMissing: a collected neighbour means the item is collected too, whatever its parent.
    const left = item.origin ? this.neighbour(item.origin) : null;
    const right = item.rightOrigin ? this.neighbour(item.rightOrigin) : null;
    if (left === NOWHERE || right === NOWHERE) return NOWHERE;
    const parent = item.parent as unknown;
    let place: Place | null = null;
    if (typeof parent === "string") place = this.cache.child(this.cache.root(parent), item.parentSub ?? "#");
    else if (parent instanceof Y.ID) {
      const holder = this.find(parent);
      // A collected holder, or one that holds no type, leaves the item without a parent: collected.
      if (!(holder instanceof Y.Item) || !(holder.content instanceof Y.ContentType)) return NOWHERE;
      place = this.under(this.ofItem(holder), item.parentSub);
      if (place === NOWHERE) return NOWHERE;
    }
    // Item.integrate: the new part of a partly known struct goes right after the document's struct before it.
    const offset = this.offsets.get(item) ?? 0;
    let trimmedLeft: Place | null = null;
    if (offset > 0) {
      const before = this.find(Y.createID(item.id.client, item.id.clock + offset - 1));
      // Yjs cannot link after a collected struct (it fails half-way through the update).
      if (!(before instanceof Y.Item)) throw new Misplaced(`struct ${item.id.client}:${item.id.clock} continues a collected struct`);
      trimmedLeft = this.ofItem(before);
    }
    // Interned places: the same place is the same array.
    const first = place ?? left ?? right ?? trimmedLeft ?? NOWHERE;
    agree(item, first, left);
    agree(item, first, right);
    agree(item, first, trimmedLeft);
    return first;
  }

  /** Path of an integrated type: walk up to its root. */
  private ofType(type: Y.AbstractType<unknown>): Place {
    const known = this.cache.types.get(type);
    if (known !== undefined) return known ?? NOWHERE;
    const item = type._item;
    let path: Place;
    if (item === null) {
      const root = Y.findRootTypeKey(type);
      path = root ? this.cache.root(root) : NOWHERE;
    } else path = this.ofItem(item);
    this.cache.types.set(type, path === NOWHERE ? null : path);
    return path;
  }
}

/** Throws when a neighbour's place is not the place the item was given. */
function agree(item: Y.Item, first: Place, other: Place | null): void {
  if (other !== null && other !== first)
    throw new Misplaced(`struct ${item.id.client}:${item.id.clock} names ${describe(first)} but sits beside ${describe(other)}`);
}

/** A place in words, for errors. */
export function describe(place: Place): string {
  return place === NOWHERE ? "nothing" : place.join("/");
}
