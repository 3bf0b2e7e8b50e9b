import { SignJWT, errors, jwtVerify } from "jose";
import { z } from "zod";
import { MEETING_ROLES, type MeetingRole } from "../../shared/protocol/roles";
import type { SigningKey, Store } from "../persistence/Store";
import { isLegacyToken, verifyLegacyToken } from "./legacyTokens";
import { mayVerify, signingKeyOf } from "./signingKeys";

/** A meeting token: grants one role in one meeting, for integrations, tests and shared links. `e` is when it expires (ms since the epoch). */
export interface MeetingClaims {
  k: "meeting";
  m: string;
  r: MeetingRole;
  e: number;
}
/** A session: who signed in (`u`), its id (`s`), by which signing out revokes it, and when it expires (`e`, ms). */
export interface SessionClaims {
  k: "session";
  u: string;
  s: string;
  e: number;
}
/** What a token says. */
export type Claims = MeetingClaims | SessionClaims;

/** The JWT claims set each kind of token carries (with `iat` and `exp` in seconds, as JWT has them). */
const payloadSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("meeting"), meeting: z.string().min(1), role: z.enum(MEETING_ROLES), exp: z.number() }),
  z.object({ kind: z.literal("session"), sub: z.string().min(1), sid: z.string().min(1), exp: z.number() }),
]);

/** Why a token was refused, for the error sent back. */
export type TokenProblem = "malformed" | "bad-signature" | "expired" | "wrong-kind" | "unknown-key";

/** How long the keys read from the store are trusted before being read again, so a rotation made by the CLI is seen. */
const KEYS_FRESH_MS = 5000;
/** The least time between reads forced by a key id not held (a flood of made-up ids costs a few reads a second). */
const MIN_REREAD_MS = 250;

/**
 * Signs and checks tokens and session cookies as JWTs (jose, HS256) with the data folder's
 * keys, so the CLI and the server agree without sharing state. Each token names its key in
 * the header (`kid`): the newest key signs, older ones still verify what they signed
 * (server/auth/signingKeys.ts). Tokens in the format used before JWTs verify until they expire.
 */
export class TokenSigner {
  private cache: { keys: SigningKey[]; readAt: number } | null = null;
  private lastReread = 0;

  constructor(private readonly store: Pick<Store, "signingKeys">) {}

  /** The keys, from the cache while it is fresh; `reread` (a key id not held) reads them again unless that was just done. */
  private async keys(reread = false): Promise<SigningKey[]> {
    const now = Date.now();
    const stale = !this.cache || now - this.cache.readAt >= KEYS_FRESH_MS;
    if (!stale && !(reread && now - this.lastReread >= MIN_REREAD_MS)) return this.cache!.keys;
    if (reread) this.lastReread = now;
    this.cache = { keys: await this.store.signingKeys(), readAt: now };
    return this.cache.keys;
  }

  /** A compact JWT with the claims, signed with the key in use. */
  async sign(claims: Claims): Promise<string> {
    const key = signingKeyOf(await this.keys());
    const payload =
      claims.k === "meeting" ? { kind: "meeting", meeting: claims.m, role: claims.r } : { kind: "session", sub: claims.u, sid: claims.s };
    return new SignJWT(payload)
      .setProtectedHeader({ alg: "HS256", typ: "JWT", kid: key.kid })
      .setIssuedAt()
      .setExpirationTime(Math.floor(claims.e / 1000))
      .sign(key.secret);
  }

  /** The claims of a valid token, or the reason it is not valid. */
  async verify(token: string, now = Date.now()): Promise<{ ok: true; claims: Claims } | { ok: false; problem: TokenProblem }> {
    if (isLegacyToken(token)) return verifyLegacyToken(token, await this.keys(), now);
    let key: SigningKey | undefined;
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(
        token,
        async ({ kid }) => {
          key = (await this.keys()).find((k) => k.kid === kid) ?? (await this.keys(true)).find((k) => k.kid === kid);
          if (!key) throw new UnknownKey();
          return key.secret;
        },
        // The algorithm is pinned: a token cannot choose "none" or another key type.
        { algorithms: ["HS256"], typ: "JWT", requiredClaims: ["exp"], currentDate: new Date(now) },
      ));
    } catch (error) {
      return { ok: false, problem: problemOf(error) };
    }
    const parsed = payloadSchema.safeParse(payload);
    if (!parsed.success)
      return {
        ok: false,
        problem:
          typeof payload === "object" && payload !== null && ["meeting", "session"].includes((payload as { kind?: unknown }).kind as string)
            ? "malformed"
            : "wrong-kind",
      };
    const p = parsed.data;
    const e = p.exp * 1000;
    if (!mayVerify(key!, e)) return { ok: false, problem: "unknown-key" };
    return {
      ok: true,
      claims: p.kind === "meeting" ? { k: "meeting", m: p.meeting, r: p.role, e } : { k: "session", u: p.sub, s: p.sid, e },
    };
  }
}

/** Thrown by the key lookup when the token names a key this server does not hold. */
class UnknownKey extends Error {}

function problemOf(error: unknown): TokenProblem {
  if (error instanceof UnknownKey) return "unknown-key";
  if (error instanceof errors.JWTExpired) return "expired";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "bad-signature";
  // Not a JWS, not JSON, another algorithm, no exp or another typ: nothing this server made.
  return "malformed";
}

/** Plain-words explanations of token problems. */
export const TOKEN_PROBLEMS: Record<TokenProblem, string> = {
  malformed: "the token is malformed",
  "bad-signature": "the token's signature does not match (wrong token, or signed for other data)",
  expired: "the token has expired",
  "wrong-kind": "the token is not a meeting or session token of this server",
  "unknown-key": "the token was signed with a key this server does not hold (signed for other data, or with a key dropped since)",
};
