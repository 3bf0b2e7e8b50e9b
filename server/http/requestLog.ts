import { randomUUID } from "node:crypto";
import type { RequestHandler, Response } from "express";
import type { Logger } from "../logger";

/** An id a proxy in front may have given the request: kept when it is plain enough to log and echo. */
const GIVEN_ID = /^[\w.:-]{1,64}$/;

/**
 * Gives every HTTP request an id (a proxy's `X-Request-Id`, or a new one), echoes it in the
 * response's `X-Request-Id`, and keeps it for the handlers' loggers (`requestLogger`). Each request is logged once, at debug, when its answer is sent: the
 * path only, since a query may hold a token.
 */
export function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.headers["x-request-id"];
    const requestId = typeof given === "string" && GIVEN_ID.test(given) ? given : randomUUID();
    const scoped = log.with({ requestId });
    res.locals.requestId = requestId;
    res.setHeader("X-Request-Id", requestId);
    const started = performance.now();
    // Read now: routers rewrite req.url as they go.
    const { method, path } = req;
    res.once("finish", () =>
      scoped.debug("request", { method, path, status: res.statusCode, ms: Math.round(performance.now() - started) }),
    );
    next();
  };
}

/** An area's logger for the request `res` answers: its lines carry the request's id (given by requestLog). */
export function requestLogger(res: Response, log: Logger): Logger {
  const requestId = res.locals.requestId as string | undefined;
  return requestId ? log.with({ requestId }) : log;
}
