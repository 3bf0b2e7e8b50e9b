import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "../errors";

/** How many sign-ins may fail within a window, per account name and per client address. */
export interface SignInLimits {
  perAccount: number;
  perAddress: number;
  windowSeconds: number;
}

/** A sign-in under way: say how it ended. */
export interface SignInAttempt {
  /** The password matched: the account's failures are forgiven, and this attempt is not held against the address. */
  succeeded(): Promise<void>;
}

/** "14 minutes", "40 seconds": how long until the window lets attempts in again. */
function waitWords(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/**
 * Throttles password guessing, with rate-limiter-flexible. Each attempt takes a point from
 * the account's budget and the address's before the password is checked, so a burst of
 * guesses sent at once is counted as it arrives, not after each slow scrypt; a success
 * gives its points back. Once either budget is spent, attempts are refused with 429 (a
 * Retry-After in seconds on the error) until the window that spent it ends, even with the
 * right password. Unknown names are counted like real ones, so the refusal reveals nothing.
 *
 * The counts live in this process (RateLimiterMemory): a restart forgets them. Servers that
 * share accounts would pass a shared limiter (rate-limiter-flexible's Redis one) instead.
 */
export class SignInThrottle {
  private readonly byAccount: RateLimiterAbstract;
  private readonly byAddress: RateLimiterAbstract;

  constructor(
    limits: SignInLimits,
    limiter: (points: number, prefix: string) => RateLimiterAbstract = (points, keyPrefix) =>
      new RateLimiterMemory({ points, duration: limits.windowSeconds, keyPrefix }),
  ) {
    this.byAccount = limiter(limits.perAccount, "sign-in-account");
    this.byAddress = limiter(limits.perAddress, "sign-in-address");
  }

  /** Counts an attempt to sign in as `name` from `address`; throws `rate-limited` when either has failed too often. */
  async begin(name: string, address: string): Promise<SignInAttempt> {
    const account = name.trim().toLowerCase();
    await this.take(this.byAddress, address, (wait) => `Too many failed sign-ins from this address (${address}): try again in ${wait}.`);
    try {
      await this.take(this.byAccount, account, (wait) => `Too many failed sign-ins for "${name}": try again in ${wait}.`);
    } catch (error) {
      // Refused before any password was tried: that is no guess to hold against the address.
      await this.byAddress.reward(address, 1);
      throw error;
    }
    return {
      succeeded: async () => {
        await this.byAccount.delete(account);
        await this.byAddress.reward(address, 1);
      },
    };
  }

  private async take(limiter: RateLimiterAbstract, key: string, message: (wait: string) => string): Promise<void> {
    try {
      await limiter.consume(key, 1);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      throw new AppError("rate-limited", message(waitWords(refusal.msBeforeNext)), {
        retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)),
      });
    }
  }
}
