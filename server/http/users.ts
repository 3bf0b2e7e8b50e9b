import { Router } from "express";
import { createUserSchema } from "../../shared/protocol/api";
import { newId } from "../../shared/meeting";
import { hashPassword } from "../auth/passwords";
import { AppError } from "../errors";
import { requireAdmin, type ApiDeps } from "./context";
import { parseInput } from "./validate";
import { publicUser } from "./session";

/** Accounts, managed by administrators. */
export function usersRouter(deps: ApiDeps): Router {
  const router = Router();

  router.get("/", async (req, res) => {
    await requireAdmin(req, deps);
    res.json((await deps.store.listUsers()).map(publicUser));
  });

  router.post("/", async (req, res) => {
    await requireAdmin(req, deps);
    const input = parseInput(createUserSchema, req.body, "user");
    const user = {
      id: newId(),
      name: input.name,
      displayName: input.displayName,
      role: input.role,
      passwordHash: await hashPassword(input.password),
      createdAt: new Date().toISOString(),
    };
    await deps.store.saveUser(user);
    res.status(201).json(publicUser(user));
  });

  router.delete("/:userId", async (req, res) => {
    const admin = await requireAdmin(req, deps);
    const userId = String(req.params.userId);
    if (userId === admin.user.id) throw new AppError("conflict", "You cannot delete your own account.");
    if (!(await deps.store.getUser(userId))) throw new AppError("not-found", `No user with id "${userId}".`);
    await deps.store.deleteUser(userId);
    res.status(204).end();
  });

  return router;
}
