import { describe, expect, it } from "vitest";
import { LowdbStore } from "../../../server/persistence/lowdbStore";
import { PostgresStore } from "../../../server/persistence/postgres/PostgresStore";
import { startTestServer } from "../../helpers/server";

// The integration tests run twice (npm test): on lowdb, then on PostgreSQL. This one says which
// store a pass really used, so the PostgreSQL pass cannot quietly run on files.
describe("the store under test", () => {
  it(`is ${process.env.TEST_STORE === "postgres" ? "PostgreSQL" : "lowdb"} in this pass, and keeps a meeting across a restart`, async () => {
    const ts = await startTestServer();
    try {
      expect(ts.store).toBeInstanceOf(process.env.TEST_STORE === "postgres" ? PostgresStore : LowdbStore);
      const id = await ts.createMeeting("Kept across a restart");
      await ts.stop();
      const again = await ts.restart();
      expect((await again.store.getMeeting(id))?.title).toBe("Kept across a restart");
      await again.stop();
    } finally {
      await ts.cleanup();
    }
  });
});
