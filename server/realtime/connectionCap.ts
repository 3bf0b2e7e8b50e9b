import { isIPv6 } from "node:net";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { AppError } from "../errors";
import { refuseUpgrade } from "./upgradeRefusal";

/**
 * The address connections are counted under: IPv4 as it is (an IPv4-mapped IPv6 address
 * too), IPv6 by its /64 network, since one household or office is given a whole /64 and
 * can pick any address in it.
 */
export function addressKey(remoteAddress: string | undefined): string {
  const address = (remoteAddress ?? "unknown").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  if (!isIPv6(address)) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, "").toLowerCase())
    .join(":")}::/64`;
}

/** Open connections counted per remote address, up to `limit` each (0: no limit). */
export class AddressCap {
  private readonly open = new Map<string, number>();

  constructor(readonly limit: number) {}

  /** Counts one more connection from `key`; returns the function that un-counts it (once), or null when `key` is at the limit. */
  admit(key: string): (() => void) | null {
    const count = this.open.get(key) ?? 0;
    if (this.limit > 0 && count >= this.limit) return null;
    this.open.set(key, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(key) ?? 1) - 1;
      if (left > 0) this.open.set(key, left);
      else this.open.delete(key);
    };
  }

  /** The refusal's words, naming the address and the limit. */
  refusal(key: string): string {
    return `Too many connections from ${key}: at most ${this.limit} are allowed at once (MAX_CONNECTIONS_PER_ADDRESS).`;
  }
}

/** An upgrade handler such as the Yjs endpoint's. */
interface UpgradeEndpoint {
  handles(req: IncomingMessage): boolean;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

/**
 * The endpoint with its upgrades counted against `cap` before anything else is done (no
 * token check, no meeting load): one over the limit is refused as `too-many-connections`
 * (429) with the reason, and a counted one is let go when its socket closes, however the
 * upgrade ends.
 */
export function capUpgrades<E extends UpgradeEndpoint>(endpoint: E, cap: AddressCap): E {
  return {
    ...endpoint,
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      const key = addressKey(req.socket.remoteAddress);
      const release = cap.admit(key);
      if (!release) {
        refuseUpgrade(socket, new AppError("too-many-connections", cap.refusal(key)));
        return;
      }
      socket.once("close", release);
      endpoint.handleUpgrade(req, socket, head);
    },
  };
}
