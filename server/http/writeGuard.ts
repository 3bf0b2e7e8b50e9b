import type { Request, RequestHandler } from "express";
import { crossSiteReason } from "../auth/origin";
import { AppError } from "../errors";

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** True when the request carries a body: a length above 0, or a chunked one. */
function hasBody(req: Request): boolean {
  return req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
}

/**
 * Guards every state-changing API call against cross-site request forgery. The session
 * cookie is SameSite=Lax, which still lets a page on another port of the same host (the
 * same "site") send it; so a browser request from any origin but this server's own or one
 * in ALLOWED_ORIGINS is refused. A body must be JSON: an HTML form can send text/plain,
 * urlencoded or multipart without a CORS preflight, never application/json.
 */
export function writeGuard(allowedOrigins: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    if (!WRITES.has(req.method)) return next();
    const foreign = crossSiteReason(req, allowedOrigins);
    if (foreign)
      throw new AppError(
        "forbidden",
        `Refused ${req.method} ${req.originalUrl} from ${foreign}: only this server's own pages (and ALLOWED_ORIGINS) may change anything.`,
      );
    if (hasBody(req) && !req.is("application/json")) {
      const type = req.headers["content-type"];
      throw new AppError(
        "unsupported-media-type",
        `${req.method} ${req.originalUrl} sent ${type ? `Content-Type "${type}"` : "no Content-Type"}: send the body as application/json.`,
      );
    }
    next();
  };
}
