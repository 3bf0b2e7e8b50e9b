import type * as Y from "yjs";
import { addItems, ORIGIN, type ItemId } from "../../shared/meeting";
import {
  ImportTooLarge,
  mergeStyles,
  planAgendaPage,
  readPlannedItem,
  type HouseStyle,
  type ImportWarning,
  type PagePlan,
  type Variant,
} from "../../shared/format";
import { AppError } from "../errors";

/**
 * Work per event-loop turn while an agenda is read into a meeting: items are read and
 * written in steps of at most this many lines and characters (one item may be a step on
 * its own), so a large import shares the server with everyone else rather than holding it.
 * The largest import the limits allow takes ~20 such steps (bench/importLimit.bench.ts).
 */
const STEP = { lines: 500, chars: 100_000 } as const;

/** What an import added. */
export interface AgendaImport {
  itemIds: ItemId[];
  variant: Variant;
  warnings: ImportWarning[];
  /** What the page showed of its council's house style, part by part (nothing for a part it did not show). */
  seen: Partial<HouseStyle>;
}

/** Splits agenda text into items and checks the import limits; over them is a 413 naming the limit and the count. */
export function planAgenda(text: string): PagePlan {
  try {
    return planAgendaPage(text);
  } catch (error) {
    if (error instanceof ImportTooLarge) throw new AppError("too-large", error.message);
    throw error;
  }
}

/** Reads a planned page's items and appends them to the meeting's document, a step at a time, yielding to other work between steps. */
export async function writeAgenda(doc: Y.Doc, plan: PagePlan): Promise<AgendaImport> {
  const result: AgendaImport = { itemIds: [], variant: plan.variant, warnings: [], seen: {} };
  const styles: Partial<HouseStyle>[] = [];
  let next = 0;
  while (next < plan.chunks.length) {
    const items = [];
    let lines = 0;
    let chars = 0;
    do {
      const chunk = plan.chunks[next]!;
      lines += chunk.length;
      chars += chunk.reduce((sum, line) => sum + line.text.length, 0);
      const read = readPlannedItem(plan, next++);
      items.push(read.item);
      result.warnings.push(...read.warnings);
      styles.push(read.style);
    } while (next < plan.chunks.length && lines + plan.chunks[next]!.length <= STEP.lines && chars <= STEP.chars);
    result.itemIds.push(...addItems(doc, items, ORIGIN.import));
    if (next < plan.chunks.length) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  result.seen = mergeStyles(styles);
  return result;
}
