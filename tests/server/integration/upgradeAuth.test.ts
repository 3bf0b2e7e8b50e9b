import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forgeToken, startTestServer, type TestServer } from "../../helpers/server";
import { connectRaw } from "../../helpers/rawClient";

describe("the Yjs upgrade is checked before it is accepted", () => {
  let ts: TestServer;
  let meetingId: string;
  let otherId: string;
  let publicId: string;
  beforeAll(async () => {
    ts = await startTestServer();
    meetingId = await ts.createMeeting("Private");
    otherId = await ts.createMeeting("Other");
    publicId = await ts.createMeeting("Public", { public: true });
  });
  afterAll(async () => {
    await ts.stop();
    await ts.cleanup();
  });

  /** The HTTP status and the error message of a refused upgrade. */
  const refusal = (url: string, headers?: Record<string, string>) =>
    connectRaw(url, headers).then(
      (c) => {
        c.ws.close();
        return { status: 101, body: "" };
      },
      (e: { status: number; body: string }) => ({ status: e.status, body: (JSON.parse(e.body) as { error: string }).error }),
    );

  it("refuses a missing token on a private meeting, saying so", async () => {
    expect(await refusal(`${ts.wsUrl}/${meetingId}`)).toEqual({
      status: 401,
      body: expect.stringMatching(/is not public: sign in or give a token/),
    });
  });

  it("refuses a wrong token, saying what is wrong with it", async () => {
    const forged = await forgeToken(ts, { k: "meeting", m: meetingId, r: "clerk", e: Date.now() + 60_000 });
    expect(await refusal(`${ts.wsUrl}/${meetingId}?token=${forged}`)).toEqual({
      status: 401,
      body: expect.stringMatching(/signature does not match/),
    });
    expect(await refusal(`${ts.wsUrl}/${meetingId}?token=garbage`)).toEqual({ status: 401, body: expect.stringMatching(/malformed/) });
    expect(await refusal(`${ts.wsUrl}/${meetingId}?token=${await ts.token(meetingId, "clerk", -1)}`)).toEqual({
      status: 401,
      body: expect.stringMatching(/expired/),
    });
  });

  it("refuses a token for another meeting", async () => {
    expect(await refusal(`${ts.wsUrl}/${meetingId}?token=${await ts.token(otherId, "clerk")}`)).toEqual({
      status: 403,
      body: expect.stringMatching(new RegExp(`token is for meeting "${otherId}", not "${meetingId}"`)),
    });
  });

  it("refuses an unknown meeting, a bad id and a foreign browser origin", async () => {
    expect(await refusal(`${ts.wsUrl}/nosuchmeeting?token=${await ts.token("nosuchmeeting", "clerk")}`)).toEqual({
      status: 404,
      body: expect.stringMatching(/No meeting with id "nosuchmeeting"/),
    });
    expect(await refusal(`${ts.wsUrl}/bad%20id`)).toEqual({ status: 400, body: expect.stringMatching(/is not a meeting id/) });
    expect(await refusal(`${ts.wsUrl}/${publicId}`, { Origin: "https://evil.example" })).toEqual({
      status: 403,
      body: expect.stringMatching(/Origin https:\/\/evil.example may not connect/),
    });
  });

  it("lets anyone read a public meeting, and a valid token in", async () => {
    const anon = await connectRaw(`${ts.wsUrl}/${publicId}`, { Origin: ts.url });
    await anon.synced;
    anon.ws.close();
    const clerk = await connectRaw(`${ts.wsUrl}/${meetingId}?token=${await ts.token(meetingId, "clerk")}`);
    await clerk.synced;
    clerk.ws.close();
  });
});
