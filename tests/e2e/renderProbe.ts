import type { BrowserContext, Page } from "playwright-core";

/** What re-rendered: the field ids (`f-…`) of text fields, and a short name for every other part of the page. */
export interface Rendered {
  fields: string[];
  others: string[];
}

/**
 * Records which React components render in every page of `context`, in the production build
 * as shipped. React tells a DevTools hook about each commit; this hook walks the committed
 * tree the way React DevTools does (a subtree whose children were not cloned was not
 * visited; a component that ran has the PerformedWork flag) and keeps, for each component
 * that ran, the first DOM element it renders.
 */
export async function recordRenders(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const PERFORMED_WORK = 1;
    // Function, class, forwardRef and simple memo components: the fibers that run user code.
    const COMPONENT_TAGS = new Set([0, 1, 11, 15]);
    const HOST_TAG = 5;
    interface Fiber {
      tag: number;
      flags: number;
      child: Fiber | null;
      sibling: Fiber | null;
      alternate: Fiber | null;
      stateNode: unknown;
    }
    const rendered: (Element | null)[] = [];
    const hostOf = (fiber: Fiber): Element | null => {
      for (let f: Fiber | null = fiber; f; f = f.child) if (f.tag === HOST_TAG) return f.stateNode as Element;
      return null;
    };
    const walk = (fiber: Fiber) => {
      for (let child = fiber.child; child; child = child.sibling) {
        const previous = child.alternate;
        if (COMPONENT_TAGS.has(child.tag) && (!previous || (child.flags & PERFORMED_WORK) !== 0)) rendered.push(hostOf(child));
        if (!previous || child.child !== previous.child) walk(child);
      }
    };
    (window as unknown as { __renders: (Element | null)[] }).__renders = rendered;
    (window as unknown as { __REACT_DEVTOOLS_GLOBAL_HOOK__: object }).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      isDisabled: false,
      supportsFiber: true,
      renderers: new Map(),
      inject: () => 1,
      checkDCE: () => undefined,
      onScheduleFiberRoot: () => undefined,
      onCommitFiberUnmount: () => undefined,
      onPostCommitFiberRoot: () => undefined,
      onCommitFiberRoot: (_id: number, root: { current: Fiber }) => walk(root.current),
    };
  });
}

/** Forgets the renders recorded so far in `page`. */
export async function clearRenders(page: Page): Promise<void> {
  await page.evaluate(() => void (window as unknown as { __renders: unknown[] }).__renders.splice(0));
}

/** What rendered in `page` since the last clear: text fields by id, other parts by element and label. */
export function renders(page: Page): Promise<Rendered> {
  return page.evaluate(() => {
    const fields = new Set<string>();
    const others = new Set<string>();
    for (const el of (window as unknown as { __renders: (Element | null)[] }).__renders) {
      if (!el) continue;
      const field = el.closest(".text-field")?.querySelector("textarea");
      if (field) fields.add(field.id);
      else
        others.add(
          [
            el.tagName.toLowerCase(),
            el.getAttribute("data-item") ?? el.getAttribute("aria-labelledby") ?? el.getAttribute("role") ?? el.className,
            el.tagName === "LI" ? el.textContent?.slice(0, 40) : null,
          ]
            .filter(Boolean)
            .join(" "),
        );
    }
    return { fields: [...fields].sort(), others: [...others].sort() };
  });
}
