import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { MEETING_ROLES } from "../../shared/protocol/roles";
import type { SigningKey } from "../persistence/Store";
import { mayVerify } from "./signingKeys";

/**
 * Tokens in the format used before JWTs: `base64url(JSON claims).base64url(HMAC-SHA256)`,
 * signed with the data folder's first key. None is made any more; those already handed out
 * verify here until they expire (their `e`), so nobody is signed out by the change.
 */

const meetingClaims = z.object({ k: z.literal("meeting"), m: z.string().min(1), r: z.enum(MEETING_ROLES), e: z.number().int() });
const sessionClaims = z.object({ k: z.literal("session"), u: z.string().min(1), s: z.string().min(1), e: z.number().int() });
const claimsSchema = z.discriminatedUnion("k", [meetingClaims, sessionClaims]);

/** What a legacy token says: the same claims the signer works with. */
export type LegacyClaims = z.infer<typeof claimsSchema>;

/** True for a token of the old shape: two dot-separated parts (a JWT has three). */
export const isLegacyToken = (token: string) => token.split(".").length === 2;

/** The claims of a valid legacy token, or why it is not one. */
export function verifyLegacyToken(
  token: string,
  keys: readonly SigningKey[],
  now: number,
): { ok: true; claims: LegacyClaims } | { ok: false; problem: "malformed" | "bad-signature" | "expired" | "unknown-key" } {
  const [body, signature] = token.split(".");
  if (!body || !signature) return { ok: false, problem: "malformed" };
  const given = Buffer.from(signature, "base64url");
  const signedBy = keys
    .filter((k) => k.legacy)
    .find((k) => {
      const expected = createHmac("sha256", k.secret).update(body).digest();
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  if (!signedBy) return { ok: false, problem: "bad-signature" };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, problem: "malformed" };
  }
  const parsed = claimsSchema.safeParse(json);
  if (!parsed.success) return { ok: false, problem: "malformed" };
  if (parsed.data.e < now) return { ok: false, problem: "expired" };
  if (!mayVerify(signedBy, parsed.data.e)) return { ok: false, problem: "unknown-key" };
  return { ok: true, claims: parsed.data };
}
