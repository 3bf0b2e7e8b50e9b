import { describe, expect, it } from "vitest";
import { AddressCap, addressKey } from "../../../server/realtime/connectionCap";

describe("the per-address connection count", () => {
  it("counts IPv4 as it is, IPv4-mapped IPv6 as IPv4, and IPv6 by its /64", () => {
    expect(addressKey("203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("2001:db8:0:12:a:b:c:d")).toBe("2001:db8:0:12::/64");
    expect(addressKey("2001:0db8:0000:0012::1")).toBe("2001:db8:0:12::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey(undefined)).toBe("unknown");
  });

  it("admits up to the limit per address, lets each go once, and has no limit at 0", () => {
    const cap = new AddressCap(2);
    const first = cap.admit("a")!;
    expect(cap.admit("a")).not.toBeNull();
    expect(cap.admit("a")).toBeNull();
    expect(cap.admit("b")).not.toBeNull();
    first();
    first();
    expect(cap.admit("a")).not.toBeNull();
    expect(cap.admit("a")).toBeNull();
    const open = new AddressCap(0);
    for (let i = 0; i < 1000; i++) expect(open.admit("a")).not.toBeNull();
  });
});
