import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { StatusReporter } from "../../../server/realtime/statusReporter";

type Status = { unsaved: number; error: string | null };

describe("StatusReporter (the meeting:saved throttle)", () => {
  let sent: Status[];
  let current: Status;
  let reporter: StatusReporter<Status>;
  /** The status changes to `status`, and the reporter is told. */
  const change = (status: Status) => {
    current = status;
    reporter.report(status.error !== null);
  };
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    sent = [];
    current = { unsaved: 0, error: null };
    reporter = new StatusReporter<Status>(
      250,
      () => current,
      (s) => sent.push({ ...s }),
    );
  });
  afterEach(() => vi.useRealTimers());

  it("sends the first status at once, then at most one per interval, ending on the latest", () => {
    for (let i = 1; i <= 10; i++) {
      change({ unsaved: i, error: null });
      vi.advanceTimersByTime(20);
    }
    expect(sent).toEqual([{ unsaved: 1, error: null }]);
    vi.advanceTimersByTime(250);
    expect(sent).toEqual([
      { unsaved: 1, error: null },
      { unsaved: 10, error: null },
    ]);
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(2);
  });

  it("sends a change between saving and failing at once, either way", () => {
    change({ unsaved: 0, error: null });
    change({ unsaved: 3, error: "ENOSPC" });
    change({ unsaved: 4, error: "ENOSPC" });
    change({ unsaved: 0, error: null });
    expect(sent).toEqual([
      { unsaved: 0, error: null },
      { unsaved: 3, error: "ENOSPC" },
      { unsaved: 0, error: null },
    ]);
  });

  it("sends what is pending when disposed, and nothing after", () => {
    change({ unsaved: 1, error: null });
    change({ unsaved: 2, error: null });
    reporter.dispose();
    expect(sent.at(-1)).toEqual({ unsaved: 2, error: null });
    change({ unsaved: 3, error: "ENOSPC" });
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(2);
  });
});
