import * as authProtocol from "y-protocols/auth";
import type { WebsocketProvider } from "y-websocket";
import { DENIAL, MESSAGE } from "../../shared/protocol/closeCodes";

/** What the server refused of this clerk's changes, and what became of the rest. */
export interface Refusal {
  /** The server's words. */
  reason: string;
  /**
   * undone: the refused part was taken back here too, everything else was saved;
   * reloaded: the minutes were reloaded from the server, everything else was saved;
   * kept: nothing of the change was applied, and this device keeps it unsent.
   */
  outcome: "undone" | "reloaded" | "kept";
}

/**
 * Reads the server's refusals (y-websocket permission-denied messages) instead of the
 * provider's console warning. A refusal of part of a change comes with the rest applied;
 * `onResync` is called when this copy removed or replaced something the server keeps and
 * must be reloaded. Other denials (a presence update the server ignored) change nothing
 * the clerk needs to know.
 */
export function listenForRefusals(
  provider: WebsocketProvider,
  on: { refused(refusal: Refusal): void; resync(refusal: Refusal): void },
): void {
  provider.messageHandlers[MESSAGE.auth] = (_encoder, decoder) => {
    authProtocol.readAuthMessage(decoder, provider.doc, (_doc, reason) => {
      if (reason.startsWith(DENIAL.resync)) on.resync({ reason: reason.slice(DENIAL.resync.length), outcome: "reloaded" });
      else if (reason.startsWith(DENIAL.refused)) on.refused({ reason: reason.slice(DENIAL.refused.length), outcome: "undone" });
    });
  };
}
