import express, { Router, type ErrorRequestHandler } from "express";
import { AppError, errorBody, httpStatus } from "../errors";
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
  const onError: ErrorRequestHandler = (thrown, req, res, _next) => {
    const error = fromExpress(thrown, req.originalUrl) ?? thrown;
    // Every error the server and the model throw is an AppError, answered as its code's row
    // in the table says; anything else is a fault of ours, answered 500 and logged.
    const status = httpStatus(error);
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

/** Errors Express's router and body-parser raise, named as the client's mistakes they are; null for anything else. */
function fromExpress(error: unknown, url: string): AppError | null {
  // The router could not decode a path parameter (`%ZZ`).
  if (error instanceof URIError) return new AppError("bad-request", `The path ${url} is not valid percent-encoding.`);
  const parser = error as { status?: unknown; type?: unknown; message?: string } | null;
  if (typeof parser?.status !== "number" || !parser.type) return null;
  if (parser.status === 413) return new AppError("too-large", "The request body is too large.");
  if (parser.status === 415) return new AppError("unsupported-media-type", `The request body cannot be read: ${parser.message}`);
  return new AppError("bad-request", `The request body is not valid JSON: ${parser.message}`);
}
