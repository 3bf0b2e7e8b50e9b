import * as Y from "yjs";
import { CLIENT_ROOTS, confirmedResolutionAt } from "../../shared/meeting/locks";
import { slotAt } from "../../shared/meeting/slots";

/**
 * Paths of the document's own types. A type never moves once in the document (a map key or
 * a sequence element it stays), so a room keeps these across updates and a keystroke's
 * path is one lookup rather than a walk up to the root.
 */
export type TypePaths = WeakMap<Y.AbstractType<unknown>, string[] | null>;

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
export function inspectUpdate(doc: Y.Doc, update: Uint8Array, typePaths: TypePaths = new WeakMap()): Verdict {
  let decoded: { structs: Struct[]; ds: DeleteSet };
  try {
    decoded = Y.decodeUpdate(update) as { structs: Struct[]; ds: DeleteSet };
  } catch (error) {
    return { ok: false, kind: "malformed", reason: `invalid Yjs update: ${(error as Error).message || "cannot decode"}` };
  }
  const local = new Map<number, Y.Item[]>();
  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item)) continue;
    const list = local.get(s.id.client) ?? [];
    list.push(s);
    local.set(s.id.client, list);
  }
  const paths = new PathResolver(doc, local, typePaths);

  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item)) continue;
    const path = paths.ofItem(s);
    const problem = check(doc, path) ?? (path && misfit(path, s.content));
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

/** Why `content` may not stand at `path` (SPEC 13), or null when it may. */
function misfit(path: string[], content: Y.Item["content"]): string | null {
  if (content instanceof Y.ContentDeleted) return null;
  const slot = slotAt(path);
  const where = path.join("/");
  if (!slot) return `nothing belongs at ${where}`;
  const type = content instanceof Y.ContentType ? content.type : null;
  if (slot.kind === "text") return type instanceof Y.Text ? null : `${where} must be a text`;
  if (slot.kind === "map") return type instanceof Y.Map ? null : `${where} must be a map`;
  if (slot.kind === "chars") return type ? `${where} holds characters, not a ${type.constructor.name}` : null;
  if (slot.kind !== "value") return null;
  if (!(content instanceof Y.ContentAny)) return `${where} must be a plain value`;
  return content.arr.every((v) => slot.accepts(v)) ? null : `${where} does not accept ${JSON.stringify(content.arr).slice(0, 80)}`;
}

function check(doc: Y.Doc, path: string[] | null): string | null {
  // An unplaceable struct (its parent was deleted and collected, or never existed) lands nowhere visible.
  if (path === null) return null;
  const root = path[0]!;
  if (!CLIENT_ROOTS.includes(root)) return `the update writes to "${root}", which only the server may change`;
  const locked = confirmedResolutionAt(doc, path);
  return locked && `resolution ${locked} is confirmed by the chair; its wording is locked until the chair reopens it`;
}

/** Finds where structs sit in the document tree, as paths of root name and map keys ("#" for sequence elements). */
class PathResolver {
  private readonly cache = new Map<Y.Item, string[] | null>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly local: Map<number, Y.Item[]>,
    private readonly typePaths: TypePaths,
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
    return this.local.get(id.client)?.find((s) => id.clock >= s.id.clock && id.clock < s.id.clock + s.length) ?? null;
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
    for (const s of this.local.get(client) ?? []) if (s.id.clock < end && s.id.clock + s.length > clock) yield s;
  }

  /** Path of an item: its parent's path plus its map key (or "#" in a sequence). */
  ofItem(item: Y.Item): string[] | null {
    if (this.cache.has(item)) return this.cache.get(item)!;
    this.cache.set(item, null); // guards against cycles in a hostile update
    const placed = this.placement(item);
    const path = placed && [...placed.parent, placed.key ?? "#"];
    this.cache.set(item, path);
    return path;
  }

  /** The parent path and map key of an item, integrated or not. */
  private placement(item: Y.Item): { parent: string[]; key: string | null } | null {
    const parent = item.parent as unknown;
    if (typeof parent === "string") return { parent: [parent], key: item.parentSub };
    if (parent instanceof Y.AbstractType) {
      const path = this.ofType(parent);
      return path && { parent: path, key: item.parentSub };
    }
    if (parent instanceof Y.ID) {
      const holder = this.find(parent);
      if (!(holder instanceof Y.Item) || !(holder.content instanceof Y.ContentType)) return null;
      const path = this.ofItem(holder);
      return path && { parent: path, key: item.parentSub };
    }
    // No parent written: the item sits next to its origin (or right origin) and shares its parent and key.
    const neighbourId = item.origin ?? item.rightOrigin;
    const neighbour = neighbourId ? this.find(neighbourId) : null;
    if (!(neighbour instanceof Y.Item)) return null;
    const path = this.ofItem(neighbour);
    return path && { parent: path.slice(0, -1), key: neighbour.parentSub };
  }

  /** Path of an integrated type: walk up to its root. */
  private ofType(type: Y.AbstractType<unknown>): string[] | null {
    if (this.typePaths.has(type)) return this.typePaths.get(type)!;
    const item = type._item;
    const root = item === null ? Y.findRootTypeKey(type) : null;
    const path = item === null ? (root ? [root] : null) : this.ofItem(item);
    this.typePaths.set(type, path);
    return path;
  }
}
