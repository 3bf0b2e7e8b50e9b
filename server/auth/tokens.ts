import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { MEETING_ROLES } from "../../shared/protocol/roles";

/** A meeting token: grants one role in one meeting, for integrations, tests and shared links. */
const meetingClaims = z.object({ k: z.literal("meeting"), m: z.string().min(1), r: z.enum(MEETING_ROLES), e: z.number().int() });
/** A session: who signed in, until when, and its id, by which signing out revokes it. */
const sessionClaims = z.object({ k: z.literal("session"), u: z.string().min(1), s: z.string().min(1), e: z.number().int() });
const claimsSchema = z.discriminatedUnion("k", [meetingClaims, sessionClaims]);
export type Claims = z.infer<typeof claimsSchema>;
export type MeetingClaims = z.infer<typeof meetingClaims>;
export type SessionClaims = z.infer<typeof sessionClaims>;

/** Why a token was refused, for the error sent back. */
export type TokenProblem = "malformed" | "bad-signature" | "expired";

/** Signs and checks tokens with the data directory's key, so the CLI and the server agree without sharing state. */
export class TokenSigner {
  constructor(private readonly key: Uint8Array) {}

  private mac(body: string): Buffer {
    return createHmac("sha256", this.key).update(body).digest();
  }

  /** `body.signature`, both base64url. */
  sign(claims: Claims): string {
    const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
    return `${body}.${this.mac(body).toString("base64url")}`;
  }

  /** The claims of a valid token, or the reason it is not valid. */
  verify(token: string, now = Date.now()): { ok: true; claims: Claims } | { ok: false; problem: TokenProblem } {
    const [body, signature, extra] = token.split(".");
    if (!body || !signature || extra !== undefined) return { ok: false, problem: "malformed" };
    const given = Buffer.from(signature, "base64url");
    const expected = this.mac(body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, problem: "bad-signature" };
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    } catch {
      return { ok: false, problem: "malformed" };
    }
    const parsed = claimsSchema.safeParse(json);
    if (!parsed.success) return { ok: false, problem: "malformed" };
    if (parsed.data.e < now) return { ok: false, problem: "expired" };
    return { ok: true, claims: parsed.data };
  }
}

/** Plain-words explanations of token problems. */
export const TOKEN_PROBLEMS: Record<TokenProblem, string> = {
  malformed: "the token is malformed",
  "bad-signature": "the token's signature does not match (wrong token, or signed for other data)",
  expired: "the token has expired",
};
