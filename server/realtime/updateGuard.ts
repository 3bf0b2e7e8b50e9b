import * as Y from "yjs";
import { CLIENT_ROOTS, confirmedResolutionAt } from "../../shared/meeting/locks";
import { slotAt, type Slot } from "../../shared/meeting/slots";

/**
 * Paths a room has worked out, kept across updates. A type never moves once in the
 * document (a map key or a sequence element it stays), so its path is looked up rather
 * than walked up to the root for every keystroke. Paths are interned (one array for each
 * place), so what may stand at a place is worked out once per place too.
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

  // Paths handed out before stay valid: they are only no longer shared.
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

/** What the guard decided about one client update. */
export type Verdict = { ok: true } | { ok: false; kind: "malformed" | "rejected"; reason: string };

/** Anything that has an id in the struct store: the update's own structs or the document's. */
type Struct = Y.Item | Y.GC | Y.Skip;
/** The delete set of a decoded update: per client, the deleted clock ranges. */
type DeleteSet = { clients: Map<number, { clock: number; len: number }[]> };

/**
 * Checks a client's Yjs update before it is applied: it may only write to client roots,
 * and nothing at or below a confirmed resolution (SPEC 6, 7). Decoding happens first, so
 * a malformed update is caught without touching the document. Each new struct's place is
 * worked out as the document would on integration: from its parent, or, when the
 * encoding leaves the parent out, from its left or right neighbour.
 */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array, cache: PathCache = new PathCache()): Verdict {
  let decoded: { structs: Struct[]; ds: DeleteSet };
  try {
    decoded = Y.decodeUpdate(update) as { structs: Struct[]; ds: DeleteSet };
  } catch (error) {
    return { ok: false, kind: "malformed", reason: `invalid Yjs update: ${(error as Error).message || "cannot decode"}` };
  }
  const paths = new PathResolver(doc, decoded.structs, cache);

  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item)) continue;
    const path = paths.ofItem(s);
    const problem = check(doc, path) ?? (path && misfit(path, cache.slot(path), s.content));
    if (problem) return { ok: false, kind: "rejected", reason: problem };
  }
  for (const [client, ranges] of decoded.ds.clients) {
    for (const { clock, len } of ranges) {
      for (const item of paths.itemsInRange(client, clock, len)) {
        const problem = check(doc, paths.ofItem(item));
        if (problem) return { ok: false, kind: "rejected", reason: problem };
      }
    }
  }
  return { ok: true };
}

/** Why `content` may not stand at `path`, where `slot` may (SPEC 13), or null when it may. */
function misfit(path: readonly string[], slot: Slot | null, content: Y.Item["content"]): string | null {
  if (content instanceof Y.ContentDeleted) return null;
  if (!slot) return `nothing belongs at ${where(path)}`;
  const type = content instanceof Y.ContentType ? content.type : null;
  if (slot.kind === "text") return type instanceof Y.Text ? null : `${where(path)} must be a text`;
  if (slot.kind === "map") return type instanceof Y.Map ? null : `${where(path)} must be a map`;
  if (slot.kind === "chars") return type ? `${where(path)} holds characters, not a ${type.constructor.name}` : null;
  if (slot.kind !== "value") return null;
  if (!(content instanceof Y.ContentAny)) return `${where(path)} must be a plain value`;
  return content.arr.every((v) => slot.accepts(v)) ? null : `${where(path)} does not accept ${JSON.stringify(content.arr).slice(0, 80)}`;
}

// A function of its own, not a closure in misfit: under tsx (keepNames) every closure made
// per call is also named per call, which cost more than the check itself.
function where(path: readonly string[]): string {
  return path.join("/");
}

function check(doc: Y.Doc, path: readonly string[] | null): string | null {
  // An unplaceable struct (its parent was deleted and collected, or never existed) lands nowhere visible.
  if (path === null) return null;
  const root = path[0]!;
  if (!CLIENT_ROOTS.includes(root)) return `the update writes to "${root}", which only the server may change`;
  const locked = confirmedResolutionAt(doc, path);
  return locked && `resolution ${locked} is confirmed by the chair; its wording is locked until the chair reopens it`;
}

/** Finds where structs sit in the document tree, as interned paths of root name and map keys ("#" for sequence elements). */
class PathResolver {
  /** Paths of the update's own items, worked out once each. */
  private readonly placed = new Map<Y.Item, string[] | null>();
  /** The update's own items by client, built only if an id is not in the document. */
  private local: Map<number, Y.Item[]> | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly structs: readonly Struct[],
    private readonly cache: PathCache,
  ) {}

  /**
   * The struct with `id` as Yjs will see it: the document's own wherever the document has
   * that id already (Yjs skips an update's copy of a struct it holds), the update's beyond.
   * Trusting the update's copy first would let a forged struct reusing a locked text's id
   * stand in for it as the parent of new characters.
   */
  private find(id: Y.ID): Struct | null {
    const structs = this.doc.store.clients.get(id.client);
    const last = structs?.[structs.length - 1];
    if (structs && last && id.clock < last.id.clock + last.length) return structs[Y.findIndexSS(structs, id.clock)] ?? null;
    return this.ownItems(id.client).find((s) => id.clock >= s.id.clock && id.clock < s.id.clock + s.length) ?? null;
  }

  private ownItems(client: number): Y.Item[] {
    if (!this.local) {
      this.local = new Map();
      for (const s of this.structs) {
        if (!(s instanceof Y.Item)) continue;
        const list = this.local.get(s.id.client);
        if (list) list.push(s);
        else this.local.set(s.id.client, [s]);
      }
    }
    return this.local.get(client) ?? [];
  }

  /** Document items (and the update's own) overlapping a deleted range. */
  *itemsInRange(client: number, clock: number, len: number): Generator<Y.Item> {
    const end = clock + len;
    const structs = this.doc.store.clients.get(client);
    if (structs && structs.length > 0) {
      const last = structs[structs.length - 1]!;
      if (clock < last.id.clock + last.length) {
        for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < end; i++) {
          const s = structs[i]!;
          if (s instanceof Y.Item) yield s;
        }
      }
    }
    for (const s of this.ownItems(client)) if (s.id.clock < end && s.id.clock + s.length > clock) yield s;
  }

  /** Path of an item: its parent's path plus its map key (or "#" in a sequence). */
  ofItem(item: Y.Item): string[] | null {
    // In the document already: its parent is a type, and it stays where it is.
    if (item.parent instanceof Y.AbstractType) return this.under(this.ofType(item.parent), item.parentSub);
    if (this.placed.has(item)) return this.placed.get(item)!;
    this.placed.set(item, null); // guards against cycles in a hostile update
    const path = this.placement(item);
    this.placed.set(item, path);
    return path;
  }

  private under(parent: readonly string[] | null, key: string | null): string[] | null {
    return parent && this.cache.child(parent, key ?? "#");
  }

  /** The path of an item of the update, worked out as Yjs will place it. */
  private placement(item: Y.Item): string[] | null {
    const parent = item.parent as unknown;
    if (typeof parent === "string") return this.under(this.cache.root(parent), item.parentSub);
    if (parent instanceof Y.ID) {
      const holder = this.find(parent);
      if (!(holder instanceof Y.Item) || !(holder.content instanceof Y.ContentType)) return null;
      return this.under(this.ofItem(holder), item.parentSub);
    }
    // No parent written: the item sits next to its origin (or right origin) and shares its parent and key.
    const neighbourId = item.origin ?? item.rightOrigin;
    const neighbour = neighbourId ? this.find(neighbourId) : null;
    if (!(neighbour instanceof Y.Item)) return null;
    if (neighbour.parent instanceof Y.AbstractType) return this.under(this.ofType(neighbour.parent), neighbour.parentSub);
    const path = this.ofItem(neighbour);
    return path && this.under(this.parentOf(path), neighbour.parentSub);
  }

  /** The interned path one level up from an interned path. */
  private parentOf(path: readonly string[]): string[] {
    let parent = this.cache.root(path[0]!);
    for (let i = 1; i < path.length - 1; i++) parent = this.cache.child(parent, path[i]!);
    return parent;
  }

  /** Path of an integrated type: walk up to its root. */
  private ofType(type: Y.AbstractType<unknown>): string[] | null {
    const known = this.cache.types.get(type);
    if (known !== undefined) return known;
    const item = type._item;
    let path: string[] | null;
    if (item === null) {
      const root = Y.findRootTypeKey(type);
      path = root ? this.cache.root(root) : null;
    } else path = this.ofItem(item);
    this.cache.types.set(type, path);
    return path;
  }
}
