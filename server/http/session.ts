import { randomBytes } from "node:crypto";
import { Router } from "express";
import { signInSchema } from "../../shared/protocol/api";
import { SESSION_COOKIE } from "../../shared/protocol/paths";
import { readCookie } from "../auth/access";
import { verifyPassword } from "../auth/passwords";
import { SignInThrottle } from "../auth/signInThrottle";
import { AppError } from "../errors";
import { principalOf, type ApiDeps } from "./context";
import { parseInput } from "./validate";

// Checked against when the name is unknown, so a refusal takes as long either way and
// timing does not reveal which names exist (same scrypt parameters as real hashes).
const NO_ACCOUNT_HASH = `scrypt$16384$8$1$${"A".repeat(22)}==$${"A".repeat(43)}=`;

/** The public face of an account: never the password hash. */
export function publicUser(user: { id: string; name: string; displayName: string; role: string }) {
  return { id: user.id, name: user.name, displayName: user.displayName || user.name, role: user.role };
}

/** Sign in, who am I, sign out: a signed HttpOnly, SameSite cookie carries the session. */
export function sessionRouter(deps: ApiDeps): Router {
  const router = Router();
  const throttle = new SignInThrottle(deps.config.signIn);

  router.post("/", async (req, res) => {
    const { name, password } = parseInput(signInSchema, req.body, "sign-in");
    const attempt = await throttle.begin(name, req.ip ?? req.socket.remoteAddress ?? "unknown");
    const user = await deps.store.findUserByName(name);
    const matches = await verifyPassword(password, user?.passwordHash ?? NO_ACCOUNT_HASH);
    // One message for both cases, so the form does not reveal which account names exist.
    if (!user || !matches) throw new AppError("unauthenticated", "That name and password do not match an account.");
    await attempt.succeeded();
    const maxAge = deps.config.sessionHours * 3600_000;
    const token = await deps.signer.sign({ k: "session", u: user.id, s: randomBytes(18).toString("base64url"), e: Date.now() + maxAge });
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: "lax", secure: deps.config.cookieSecure, maxAge, path: "/" });
    res.json({ user: publicUser(user) });
  });

  // Not being signed in is an answer, not an error: every page asks this before sign-in,
  // and a 401 would be logged in the browser's console on each load.
  router.get("/", async (req, res) => {
    const principal = await principalOf(req, deps);
    res.json({ user: principal.kind === "user" ? publicUser(principal.user) : null });
  });

  router.delete("/", async (req, res) => {
    // Clearing the cookie is not enough: a copy of it would still verify until it expires.
    const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
    const session = cookie ? await deps.signer.verify(cookie) : null;
    if (session?.ok && session.claims.k === "session") await deps.store.revokeSession(session.claims.s, session.claims.e);
    res.clearCookie(SESSION_COOKIE, { path: "/" });
    res.status(204).end();
  });

  return router;
}
