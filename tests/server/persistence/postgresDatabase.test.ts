import { describe, expect, it } from "vitest";
import { databaseError, describeDatabase, reason } from "../../../server/persistence/postgres/database";

/** server/persistence/postgres/database.ts: how a database is named in messages, never with its password. */
describe("naming a database", () => {
  it("shows the URL without the password, in the user part or the query", () => {
    expect(describeDatabase("postgres://clerk:hunter2@db.example:5432/minutes")).toBe("postgres://clerk@db.example:5432/minutes");
    expect(describeDatabase("postgres://clerk@db.example/minutes?password=hunter2&sslmode=require")).toBe(
      "postgres://clerk@db.example/minutes",
    );
    expect(describeDatabase("not a url hunter2")).not.toContain("hunter2");
  });

  it("says what went wrong even where the error's own message is empty (a host with several addresses)", () => {
    const both = new AggregateError([new Error("connect ECONNREFUSED ::1:5432"), new Error("connect ECONNREFUSED 127.0.0.1:5432")], "");
    expect(reason(both)).toBe("connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432");
    const wrapped = databaseError(
      "postgres://clerk:hunter2@localhost/minutes",
      "saving edits",
      Object.assign(both, { code: "ECONNREFUSED" }),
    );
    expect(wrapped.message).toBe(
      "Cannot reach the database at postgres://clerk@localhost/minutes (saving edits): connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432",
    );
    expect(wrapped.code).toBe("store-unwritable");
  });

  it("tells a refused statement from an unreachable database", () => {
    const refused = databaseError(
      "postgres://clerk@db/minutes",
      "saving a user",
      Object.assign(new Error("value too long"), { code: "22001" }),
    );
    expect(refused.message).toBe("The database at postgres://clerk@db/minutes refused saving a user: value too long");
  });
});
