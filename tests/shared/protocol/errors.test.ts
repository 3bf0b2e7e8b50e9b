import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, ERRORS, closeCode, describeIssues, errorBody, httpStatus } from "../../../shared/protocol/errors";
import { CLOSE } from "../../../shared/protocol/closeCodes";
import { ModelError } from "../../../shared/meeting";

describe("one table of errors", () => {
  it("gives every code an HTTP error status, and a close code only from the named ones", () => {
    const named = new Set<number>(Object.values(CLOSE));
    for (const [code, route] of Object.entries(ERRORS)) {
      expect(route.status, code).toBeGreaterThanOrEqual(400);
      expect(route.status, code).toBeLessThan(600);
      if (route.close !== null) expect(named.has(route.close), `${code} closes with ${route.close}`).toBe(true);
    }
  });

  it("closes a connection for a missing meeting, a flood, a malformed frame and an oversized one with their named codes", () => {
    expect(closeCode("not-found")).toBe(CLOSE.gone);
    expect(closeCode("rate-limited")).toBe(CLOSE.rateLimited);
    expect(closeCode("bad-request")).toBe(CLOSE.malformed);
    expect(closeCode("too-large")).toBe(CLOSE.tooLarge);
  });

  it("makes the model's errors AppErrors whose status is their code's, keeping name, code and details", () => {
    const missing = new ModelError("item-not-found", 'No agenda item with id "x" in this meeting.');
    expect(missing).toBeInstanceOf(AppError);
    expect(missing).toMatchObject({ name: "ModelError", code: "item-not-found", status: 404 });
    expect(httpStatus(new ModelError("resolution-confirmed", "locked"))).toBe(423);
    expect(httpStatus(new ModelError("invalid-input", "bad"))).toBe(400);
    const conflict = new ModelError("conflict", "changed", { seen: "a", current: "b" });
    expect(httpStatus(conflict)).toBe(409);
    expect(errorBody(conflict)).toEqual({ code: "conflict", message: "changed", details: { seen: "a", current: "b" } });
    expect(errorBody(missing)).toEqual({ code: "item-not-found", message: 'No agenda item with id "x" in this meeting.' });
  });

  it("answers anything that is not an AppError as internal, saying nothing of it", () => {
    const fault = Object.assign(new Error("secret path /srv/x"), { code: "looks-like-ours" });
    expect(httpStatus(fault)).toBe(500);
    expect(errorBody(fault)).toEqual({ code: "internal", message: "Internal error." });
    expect(errorBody("a string")).toEqual({ code: "internal", message: "Internal error." });
  });
});

describe("describeIssues", () => {
  const schema = z.object({ title: z.string().min(1, "a title is needed"), items: z.array(z.object({ at: z.iso.datetime() })) }).strict();

  it("names each bad field by its path, every issue in one line", () => {
    const parsed = schema.safeParse({ title: "", items: [{ at: "yesterday" }] });
    expect(parsed.success).toBe(false);
    expect(describeIssues(parsed.error!)).toBe("title: a title is needed; items.0.at: Invalid ISO datetime");
  });

  it("names an issue with the value as a whole by the label given, or gives its message alone", () => {
    const parsed = schema.safeParse({ title: "T", items: [], extra: 1 });
    expect(describeIssues(parsed.error!, "(body)")).toBe('(body): Unrecognized key: "extra"');
    expect(describeIssues(z.number().safeParse("x").error!)).toBe("Invalid input: expected number, received string");
  });
});
