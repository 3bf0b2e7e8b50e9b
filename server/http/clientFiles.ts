import path from "node:path";
import { Router, type Request, type Response } from "express";
import expressStaticGzip from "express-static-gzip";

/** Hashed build output (`/assets/…`): its name changes with its content, so browsers may keep it a year without asking. */
const IMMUTABLE = "public, max-age=31536000, immutable";
/** Everything else (the app shell, sw.js, the asset list, the icon): asked about each time, answered 304 while unchanged, so a release shows at once. */
const REVALIDATE = "no-cache";

/** Paths never served: source maps (kept beside the build for whoever runs the server) and the compressed copies, which are sent only as a Content-Encoding. */
const HIDDEN = /\.(map|br|gz)$/i;

const notFound = (_req: Request, res: Response) => void res.status(404).type("text/plain").send("Not found");

/**
 * Serves the built client from `clientDir`: each file as the brotli or gzip copy written at
 * build when the browser accepts one (express-static-gzip: Content-Encoding and Vary set
 * per Accept-Encoding), with long caching for hashed assets only, and the app shell for
 * every page path, since the client routes in the browser.
 */
export function clientFiles(clientDir: string): Router {
  const router = Router();
  const files = expressStaticGzip(clientDir, {
    enableBrotli: true,
    // Brotli first: it is smaller, and every browser that sends `br` decodes it.
    orderPreference: ["br"],
    index: false,
    serveStatic: {
      index: false,
      cacheControl: false,
      setHeaders: (res, file) => {
        const served = path.relative(clientDir, file).split(path.sep).join("/").replace(HIDDEN, "");
        res.setHeader("Cache-Control", served.startsWith("assets/") ? IMMUTABLE : REVALIDATE);
      },
    },
  });
  router.get(HIDDEN, notFound);
  router.use(files);
  // A missing file (its last segment has an extension) is a 404, not the app shell, which
  // a browser would otherwise run as a script or keep as a hashed asset.
  router.get(/\/[^/]*\.[^/]*$/, notFound);
  router.get(/^(?!\/api\/|\/yjs\/|\/socket\.io\/).*/, (req, res, next) => {
    req.url = "/index.html";
    files(req, res, next);
  });
  return router;
}
