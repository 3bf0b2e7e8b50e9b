import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { StatusReporter } from "../../../server/realtime/statusReporter";

type Status = { unsaved: number; error: string | null };

describe("StatusReporter (the meeting:saved throttle)", () => {
  let sent: Status[];
  let reporter: StatusReporter<Status>;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    sent = [];
    reporter = new StatusReporter<Status>(250, (s) => sent.push(s));
  });
  afterEach(() => vi.useRealTimers());

  it("sends the first status at once, then at most one per interval, ending on the latest", () => {
    for (let i = 1; i <= 10; i++) {
      reporter.report({ unsaved: i, error: null });
      vi.advanceTimersByTime(20);
    }
    expect(sent).toEqual([{ unsaved: 1, error: null }]);
    vi.advanceTimersByTime(250);
    expect(sent).toEqual([{ unsaved: 1, error: null }, { unsaved: 10, error: null }]);
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(2);
  });

  it("sends a change between saving and failing at once, either way", () => {
    reporter.report({ unsaved: 0, error: null });
    reporter.report({ unsaved: 3, error: "ENOSPC" });
    reporter.report({ unsaved: 4, error: "ENOSPC" });
    reporter.report({ unsaved: 0, error: null });
    expect(sent).toEqual([{ unsaved: 0, error: null }, { unsaved: 3, error: "ENOSPC" }, { unsaved: 0, error: null }]);
  });

  it("sends what is pending when disposed, and nothing after", () => {
    reporter.report({ unsaved: 1, error: null });
    reporter.report({ unsaved: 2, error: null });
    reporter.dispose();
    expect(sent.at(-1)).toEqual({ unsaved: 2, error: null });
    reporter.report({ unsaved: 3, error: "ENOSPC" });
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(2);
  });
});
