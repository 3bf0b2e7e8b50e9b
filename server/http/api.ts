import express, { Router, type ErrorRequestHandler } from "express";
import { AppError, errorBody } from "../errors";
import type { ApiDeps } from "./context";
import { meetingsRouter } from "./meetings";
import { sessionRouter } from "./session";
import { usersRouter } from "./users";
import { phrasebooksRouter } from "./phrasebooks";
import { houseStylesRouter } from "./houseStyles";
import { writeGuard } from "./writeGuard";
import { requestLogger } from "./requestLog";

/** The REST API under /api (see docs/api.md); every error is JSON `{ error: { code, message } }`. */
export function apiRouter(deps: ApiDeps): Router {
  const router = Router();
  router.use(writeGuard(deps.config.allowedOrigins));
  router.use(express.json({ limit: "4mb" }));
  router.get("/health", (_req, res) => {
    // ok is false while any meeting's edits are held in memory because the store refuses them.
    const unsaved = deps.rooms.saveProblems();
    res.status(unsaved.length ? 503 : 200).json({ ok: unsaved.length === 0, meetingsInMemory: deps.rooms.loaded, unsaved });
  });
  router.use("/session", sessionRouter(deps));
  router.use("/users", usersRouter(deps));
  router.use("/meetings", meetingsRouter(deps));
  router.use("/phrasebooks", phrasebooksRouter(deps));
  router.use("/styles", houseStylesRouter(deps));
  router.use((req) => {
    throw new AppError("not-found", `No API route ${req.method} ${req.originalUrl}.`);
  });
  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    // The router could not decode a path parameter (`%ZZ`): the client's mistake, not ours.
    if (error instanceof URIError)
      return res
        .status(400)
        .json({ error: { code: "bad-request", message: `The path ${req.originalUrl} is not valid percent-encoding.` } });
    // body-parser's own errors: malformed JSON, too large.
    const parserStatus = typeof error?.status === "number" && error.type ? error.status : null;
    if (parserStatus) {
      const code = parserStatus === 413 ? "too-large" : "bad-request";
      return res.status(parserStatus).json({
        error: {
          code,
          message: parserStatus === 413 ? "The request body is too large." : `The request body is not valid JSON: ${error.message}`,
        },
      });
    }
    const status =
      error instanceof AppError
        ? error.status
        : (error as { code?: string }).code === "invalid-input"
          ? 400
          : ["item-not-found", "entry-not-found", "person-not-found", "text-not-found"].includes((error as { code?: string }).code ?? "")
            ? 404
            : (error as { code?: string }).code === "resolution-confirmed"
              ? 423
              : 500;
    if (status === 500)
      requestLogger(res, deps.log).error("request failed", {
        method: req.method,
        path: req.originalUrl.split("?")[0],
        error: (error as Error).message,
        stack: (error as Error).stack,
      });
    if (error instanceof AppError && error.retryAfterSeconds !== undefined) res.setHeader("Retry-After", String(error.retryAfterSeconds));
    res.status(status).json({ error: errorBody(error) });
  };
  router.use(onError);
  return router;
}
