import { Router } from "express";
import { z } from "zod";
import { houseStyleSchema, SEED_STYLE, withDefaults, type HouseStyle } from "../../shared/format";
import type { AgendaImport } from "./importAgenda";
import type { Store } from "../persistence/Store";
import { AppError } from "../errors";
import { principalOf, requireAdmin, type ApiDeps } from "./context";
import { parseInput } from "./validate";

const committeeName = z.string().trim().min(1, "name the committee").max(200);

/** The style a committee's exports are written in: its own, or the seeds' until it has one. */
export async function committeeStyle(store: Store, committee: string): Promise<HouseStyle> {
  return (committee.trim() && (await store.getHouseStyle(committee))) || SEED_STYLE;
}

/**
 * A committee's first import sets its house style from what the page showed (over the seeds'
 * style for parts it did not show); after that only a manager changes it. True when it was set.
 */
export async function keepImportedStyle(store: Store, committee: string, imported: AgendaImport): Promise<boolean> {
  if (!committee.trim() || imported.itemIds.length === 0 || (await store.getHouseStyle(committee)) !== null) return false;
  await store.saveHouseStyle(committee, withDefaults(imported.seen, imported.variant));
  return true;
}

/**
 * Each committee's house style. An import sets it when the committee has none (what the page
 * showed of its council's conventions); managers change it here. Any signed-in user may read it,
 * since clerks see exports written in it.
 */
export function houseStylesRouter(deps: ApiDeps): Router {
  const router = Router();

  router.get("/:committee", async (req, res) => {
    const committee = parseInput(committeeName, req.params.committee, "committee");
    const principal = await principalOf(req, deps);
    if (principal.kind === "anonymous") throw new AppError("unauthenticated", "Sign in to read a committee's house style.");
    const own = await deps.store.getHouseStyle(committee);
    res.json({ committee, standard: own === null, style: own ?? SEED_STYLE });
  });

  router.put("/:committee", async (req, res) => {
    const committee = parseInput(committeeName, req.params.committee, "committee");
    await requireAdmin(req, deps);
    const { style } = parseInput(z.object({ style: houseStyleSchema }).strict(), req.body, "house style");
    await deps.store.saveHouseStyle(committee, style);
    res.json({ committee, standard: false, style });
  });

  return router;
}
