import { Router } from "express";
import { z } from "zod";
import { phrasebookSchema, STANDARD_PHRASES } from "../../shared/meeting/phrasebook";
import { AppError } from "../errors";
import { principalOf, type ApiDeps } from "./context";
import { parseInput } from "./validate";

const committeeName = z.string().trim().min(1, "name the committee").max(200);

/** Each committee's phrasebook: the standard phrases until its clerks change them. */
export function phrasebooksRouter(deps: ApiDeps): Router {
  const router = Router();

  router.get("/:committee", async (req, res) => {
    const committee = parseInput(committeeName, req.params.committee, "committee");
    const principal = await principalOf(req, deps);
    if (principal.kind === "anonymous") throw new AppError("unauthenticated", "Sign in to read a committee's phrasebook.");
    const own = await deps.store.getPhrasebook(committee);
    res.json({ committee, standard: own === null, phrases: own ?? STANDARD_PHRASES });
  });

  router.put("/:committee", async (req, res) => {
    const committee = parseInput(committeeName, req.params.committee, "committee");
    const principal = await principalOf(req, deps);
    if (principal.kind !== "user" || principal.user.role === "chair")
      throw new AppError("forbidden", "Only clerks and managers may change a committee's phrasebook.");
    const phrases = parseInput(z.object({ phrases: phrasebookSchema }).strict(), req.body, "phrasebook").phrases;
    const seen = new Set<string>();
    for (const p of phrases) {
      const key = p.abbreviation.toLowerCase();
      if (seen.has(key)) throw new AppError("bad-request", `The abbreviation ";${p.abbreviation}" is listed twice.`);
      seen.add(key);
    }
    await deps.store.savePhrasebook(committee, phrases);
    res.json({ committee, standard: false, phrases });
  });

  return router;
}
