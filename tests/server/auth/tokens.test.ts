import { createHmac } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { SignJWT, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_TOKEN_HOURS, rotateKeys } from "../../../server/auth/signingKeys";
import { TOKEN_PROBLEMS, TokenSigner } from "../../../server/auth/tokens";
import { LowdbStore } from "../../../server/persistence/lowdbStore";
import { MemoryStore } from "../../../server/persistence/memoryStore";
import type { SigningKey } from "../../../server/persistence/Store";
import { tempDir } from "../../helpers/tempDir";

const HOUR = 3600_000;
const meeting = (e = Date.now() + HOUR) => ({ k: "meeting" as const, m: "m1", r: "clerk" as const, e });
/** A signer over a fixed list of keys. */
const over = (keys: SigningKey[]) => new TokenSigner({ signingKeys: async () => keys });

describe("TokenSigner: tokens as JWTs (jose, HS256) naming their key", () => {
  it("signs a standard JWT, HS256 with the key's id in its header, that jose verifies with that key alone", async () => {
    const store = new MemoryStore();
    const [key] = await store.signingKeys();
    const token = await new TokenSigner(store).sign({ k: "session", u: "user-1", s: "session-1", e: Date.now() + HOUR });
    expect(token.split(".")).toHaveLength(3);
    expect(decodeProtectedHeader(token)).toEqual({ alg: "HS256", typ: "JWT", kid: key!.kid });
    const { payload } = await jwtVerify(token, key!.secret, { algorithms: ["HS256"] });
    expect(payload).toMatchObject({ kind: "session", sub: "user-1", sid: "session-1", exp: expect.any(Number), iat: expect.any(Number) });
  });

  it("gives back the claims it signed, expiry to the second", async () => {
    const signer = new TokenSigner(new MemoryStore());
    const e = Date.now() + 5 * HOUR;
    const result = await signer.verify(await signer.sign(meeting(e)));
    expect(result).toEqual({ ok: true, claims: { k: "meeting", m: "m1", r: "clerk", e: Math.floor(e / 1000) * 1000 } });
  });

  it("says what is wrong with a token: malformed, another algorithm or none, a bad signature, expired, the wrong kind, a key it does not hold", async () => {
    const store = new MemoryStore();
    const [key] = await store.signingKeys();
    const signer = new TokenSigner(store);
    const payload = { kind: "meeting", meeting: "m1", role: "clerk" };
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const cases: [string, string][] = [
      ["garbage", "malformed"],
      ["a.b.c", "malformed"],
      [`${b64({ alg: "none", typ: "JWT", kid: key!.kid })}.${b64({ ...payload, exp: 9e9 })}.`, "malformed"],
      [
        await new SignJWT(payload)
          .setProtectedHeader({ alg: "HS512", typ: "JWT", kid: key!.kid })
          .setExpirationTime("1h")
          .sign(new Uint8Array(64).fill(1)),
        "malformed",
      ],
      [await over([{ ...key!, secret: new Uint8Array(32).fill(7) }]).sign(meeting()), "bad-signature"],
      [await signer.sign(meeting(Date.now() - HOUR)), "expired"],
      [
        await new SignJWT({ kind: "refresh", sub: "u" })
          .setProtectedHeader({ alg: "HS256", typ: "JWT", kid: key!.kid })
          .setExpirationTime("1h")
          .sign(key!.secret),
        "wrong-kind",
      ],
      [await over([{ ...key!, kid: "not-ours" }]).sign(meeting()), "unknown-key"],
    ];
    for (const [token, problem] of cases) expect(await signer.verify(token), token).toEqual({ ok: false, problem });
    expect(TOKEN_PROBLEMS["bad-signature"]).toContain("signature does not match");
    expect(TOKEN_PROBLEMS["wrong-kind"]).toContain("not a meeting or session token");
  });
});

describe("key rotation", () => {
  it("after a rotation the new key signs, and a token the old key signed verifies until it expires", async () => {
    const store = new MemoryStore();
    const before = new TokenSigner(store);
    const old = await before.sign(meeting());
    const oldExpired = await before.sign(meeting(Date.now() - 1000));
    const [{ kid: oldKid }] = (await store.signingKeys()) as [SigningKey];
    const keys = await store.updateSigningKeys((current) => rotateKeys(current).keys);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toMatchObject({ kid: oldKid, retiredAt: expect.any(String) });

    // The signer already running sees the new key's tokens at once (an id it does not know makes it read the keys again).
    const fresh = await new TokenSigner(store).sign(meeting());
    expect(decodeProtectedHeader(fresh).kid).toBe(keys[0]!.kid);
    expect(await before.verify(fresh)).toMatchObject({ ok: true });
    expect(await before.verify(old)).toMatchObject({ ok: true, claims: { m: "m1" } });
    expect(await new TokenSigner(store).verify(old)).toMatchObject({ ok: true });
    expect(await new TokenSigner(store).verify(oldExpired)).toEqual({ ok: false, problem: "expired" });
  });

  it("a retired key vouches for no token that outlives what it could have signed, and is dropped once nothing it signed can be alive", async () => {
    const store = new MemoryStore();
    const [key] = await store.signingKeys();
    const retiredAt = new Date(Date.now() - HOUR);
    const [, retired] = rotateKeys([key!], retiredAt).keys;
    const verifier = over([retired!]);
    // Made with the old secret after the fact (say it got out): it expires later than anything signed before retirement could.
    const withOldSecret = over([{ ...retired!, retiredAt: null }]);
    expect(await verifier.verify(await withOldSecret.sign(meeting(retiredAt.getTime() + (MAX_TOKEN_HOURS + 1) * HOUR)))).toEqual({
      ok: false,
      problem: "unknown-key",
    });
    expect(await verifier.verify(await withOldSecret.sign(meeting(retiredAt.getTime() + 2 * HOUR)))).toMatchObject({ ok: true });
    const later = new Date(retiredAt.getTime() + (MAX_TOKEN_HOURS + 1) * HOUR);
    expect(rotateKeys([retired!], later).dropped.map((k) => k.kid)).toEqual([key!.kid]);
  });

  it("with dropOld, every older key goes at once, and what they signed is refused", async () => {
    const store = new MemoryStore();
    const old = await new TokenSigner(store).sign(meeting());
    const rotation = rotateKeys(await store.signingKeys(), new Date(), { dropOld: true });
    await store.updateSigningKeys(() => rotation.keys);
    expect(rotation.keys).toEqual([rotation.added]);
    expect(await new TokenSigner(store).verify(old)).toEqual({ ok: false, problem: "unknown-key" });
  });
});

describe("tokens in the format used before JWTs", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  const legacySecret = Buffer.alloc(32, 9);
  /** A token exactly as the signer before JWTs made it: base64url(JSON).base64url(HMAC-SHA256). */
  const legacyToken = (claims: object, secret: Buffer = legacySecret) => {
    const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
    return `${body}.${createHmac("sha256", secret).update(body).digest("base64url")}`;
  };
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir("live-minutes-legacy-"));
    // A data folder as the server before JWTs left it: one key in secret.json.
    await writeFile(path.join(dir, "secret.json"), JSON.stringify({ key: legacySecret.toString("base64") }));
  });
  afterAll(async () => {
    await cleanup();
  });

  it("keep verifying until they expire, with the data folder's old key, which also signs the new JWTs until a rotation", async () => {
    const store = new LowdbStore(dir);
    await store.open();
    const [first, ...rest] = await store.signingKeys();
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ legacy: true, retiredAt: null });
    expect(Buffer.from(first!.secret).equals(legacySecret)).toBe(true);

    const signer = new TokenSigner(store);
    const e = Date.now() + HOUR;
    expect(await signer.verify(legacyToken({ k: "meeting", m: "m1", r: "chair", e }))).toEqual({
      ok: true,
      claims: { k: "meeting", m: "m1", r: "chair", e },
    });
    expect(await signer.verify(legacyToken({ k: "session", u: "u1", s: "s1", e }))).toEqual({
      ok: true,
      claims: { k: "session", u: "u1", s: "s1", e },
    });
    expect(await signer.verify(legacyToken({ k: "meeting", m: "m1", r: "chair", e: Date.now() - 1 }))).toEqual({
      ok: false,
      problem: "expired",
    });
    expect(await signer.verify(legacyToken({ k: "meeting", m: "m1", r: "chair", e }, Buffer.alloc(32, 1)))).toEqual({
      ok: false,
      problem: "bad-signature",
    });
    expect(await signer.verify(legacyToken({ k: "admin", e }))).toEqual({ ok: false, problem: "malformed" });

    // A rotation keeps the old key, now retired, so the old tokens still verify.
    await store.updateSigningKeys((keys) => rotateKeys(keys).keys);
    expect(await new TokenSigner(store).verify(legacyToken({ k: "meeting", m: "m1", r: "viewer", e }))).toMatchObject({ ok: true });
    expect(decodeProtectedHeader(await new TokenSigner(store).sign(meeting())).kid).not.toBe(first!.kid);
  });
});
