import { describe, expect, it } from "vitest";
import { createLogger } from "../../server/logger";

/** One parsed log line. */
type Line = Record<string, unknown>;

function capture(level: Parameters<typeof createLogger>[0]) {
  const lines: Line[] = [];
  const raw: string[] = [];
  const log = createLogger(level, (line) => {
    raw.push(line);
    lines.push(JSON.parse(line) as Line);
  });
  return { log, lines, raw };
}

describe("createLogger (pino)", () => {
  it("writes one JSON object a line with its level's name, an ISO time, the category and the message, fields beside them", () => {
    const { log, lines, raw } = capture("info");
    log.info("listening", { port: 3000 });
    expect(raw).toHaveLength(1);
    expect(raw[0]).not.toContain("\n");
    expect(lines[0]).toEqual({
      level: "info",
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      category: "app",
      port: 3000,
      message: "listening",
    });
  });

  it("gives each area a child logger whose category extends its parent's, and binds a request's or connection's id to every line, no key written twice", () => {
    const { log, raw, lines } = capture("debug");
    const yjs = log.child("yjs");
    const connection = yjs.with({ connectionId: "c-1" });
    connection.warn("malformed message; closing that connection", { meetingId: "m" });
    connection.child("intake").info("client update refused");
    yjs.info("no connection here");
    expect(lines).toEqual([
      expect.objectContaining({
        level: "warn",
        category: "app.yjs",
        connectionId: "c-1",
        meetingId: "m",
        message: "malformed message; closing that connection",
      }),
      expect.objectContaining({ category: "app.yjs.intake", connectionId: "c-1", message: "client update refused" }),
      expect.objectContaining({ category: "app.yjs", message: "no connection here" }),
    ]);
    expect(lines[2]).not.toHaveProperty("connectionId");
    for (const line of raw) expect(line.match(/"category":/g)).toHaveLength(1);
  });

  it("writes only lines at LOG_LEVEL and above, and nothing when silent", () => {
    const warn = capture("warn");
    warn.log.debug("d");
    warn.log.info("i");
    warn.log.warn("w");
    warn.log.error("e");
    expect(warn.lines.map((l) => l.message)).toEqual(["w", "e"]);
    const silent = capture("silent");
    silent.log.error("e");
    silent.log.child("x").with({ requestId: "r" }).error("e");
    expect(silent.raw).toEqual([]);
  });
});
