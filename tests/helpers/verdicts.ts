import * as Y from "yjs";
import { expect } from "vitest";
import type { Verdict } from "../../server/realtime/updateGuard";

/** Applies what the guard let through to `server`, as the room does; returns the verdict for further checks. */
export function applyVerdict(server: Y.Doc, verdict: Verdict): Verdict {
  if (verdict.ok) Y.applyUpdate(server, verdict.update);
  return verdict;
}

/** Asserts the update passed whole. */
export function expectAccepted(verdict: Verdict): void {
  expect(verdict).toMatchObject({ ok: true, refused: null });
}

/** Asserts part of the update was refused, for `reason`. */
export function expectPartRefused(verdict: Verdict, reason: RegExp): void {
  expect(verdict.ok).toBe(true);
  if (!verdict.ok) return;
  expect(verdict.refused?.reason).toMatch(reason);
}

/** Asserts the update was refused whole, of `kind`, for `reason`. */
export function expectRefusedWhole(verdict: Verdict, kind: string, reason: RegExp = /./): void {
  expect(verdict).toMatchObject({ ok: false, kind });
  expect(verdict.ok || verdict.reason).toMatch(reason);
}
