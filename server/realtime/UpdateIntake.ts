import * as Y from "yjs";
import * as syncProtocol from "y-protocols/sync";
import { CLOSE, DENIAL, MESSAGE, closeReason } from "../../shared/protocol/closeCodes";
import { LIMITS } from "../../shared/protocol/limits";
import type { Logger } from "../logger";
import { inspectUpdate, type PathCache } from "./updateGuard";
import type { Peer } from "./Room";
import { TokenBucket } from "./rateLimit";
import { denial, message } from "./wireMessages";

/** Sends a y-websocket permission-denied message: how a refusal reaches any stock client. */
export function deny(peer: Peer, reason: string): void {
  peer.send(denial(reason));
}

/**
 * One writer's updates on their way into the meeting's document: each is judged by the
 * update guard and applied (less any refused part). A stock provider sends its typing the
 * moment it reconnects, before its sync step 2 has brought what it typed offline, so an
 * update may build on changes the server has not got yet. Such an update is held here,
 * never in the document (where Yjs would keep it, and save it, for ever), and judged
 * again once the changes it builds on have arrived: a lock set meanwhile still holds.
 */
export class UpdateIntake {
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  /** Milliseconds of the event loop this writer's updates may take: one connection cannot stall every meeting. */
  private readonly work = new TokenBucket(LIMITS.workMsPerSecond, LIMITS.workBurstMs);

  constructor(
    private readonly doc: Y.Doc,
    private readonly paths: PathCache,
    private readonly peer: Peer,
    private readonly log: Logger,
    private readonly meetingId: string,
  ) {}

  /** Takes one update from the writer; throws for a malformed one (the caller closes the connection). */
  receive(update: Uint8Array): void {
    const started = performance.now();
    const outcome = this.take(update);
    if (outcome === "applied" && this.held.length > 0) this.retryHeld();
    if (outcome !== "closed" && !this.work.take(performance.now() - started)) {
      const why = `its updates took more than ${LIMITS.workMsPerSecond} ms of the server's time a second (a burst of ${LIMITS.workBurstMs} ms)`;
      this.log.warn("connection closed for the work its updates cost", { meetingId: this.meetingId, peer: this.peer.name });
      this.peer.close(CLOSE.rateLimited, closeReason(`work limit: ${why}`));
    }
  }

  /** Updates waiting on changes the server has not got. */
  get waiting(): number {
    return this.held.length;
  }

  private take(update: Uint8Array, fromHold = false): "applied" | "held" | "closed" {
    const verdict = inspectUpdate(this.doc, update, this.paths);
    if (!verdict.ok) {
      if (verdict.kind === "pending") return fromHold ? "held" : this.hold(update, verdict.reason);
      this.log.info("client update refused", {
        meetingId: this.meetingId,
        kind: verdict.kind,
        reason: verdict.reason,
        peer: this.peer.name,
      });
      if (verdict.kind === "malformed") throw new Error(verdict.reason);
      deny(this.peer, `${DENIAL.refused}${verdict.reason}`);
      // Nothing of it was applied and its client's later updates would build on it, so the
      // connection ends; a reconnect's sync sends what the server lacks in one piece.
      this.peer.close(CLOSE.rejected, closeReason(`update refused: ${verdict.reason}`));
      return "closed";
    }
    Y.applyUpdate(this.doc, verdict.update, this.peer);
    const refused = verdict.refused;
    if (refused) {
      this.log.info("part of a client update refused", {
        meetingId: this.meetingId,
        reason: refused.reason,
        resync: refused.resync,
        peer: this.peer.name,
      });
      // The sender deletes what the server kept as deleted, so both copies read the same.
      if (refused.undo) this.peer.send(message(MESSAGE.sync, (e) => syncProtocol.writeUpdate(e, refused.undo!)));
      deny(this.peer, `${refused.resync ? DENIAL.resync : DENIAL.refused}${refused.reason}`);
    }
    return "applied";
  }

  private hold(update: Uint8Array, reason: string): "held" | "closed" {
    if (this.held.length >= LIMITS.heldUpdates || this.heldBytes + update.byteLength > LIMITS.heldBytes) {
      const why = `more than ${LIMITS.heldUpdates} updates or ${LIMITS.heldBytes} bytes wait on changes the server never got (${reason})`;
      this.log.info("client update refused", { meetingId: this.meetingId, kind: "pending", reason: why, peer: this.peer.name });
      deny(this.peer, `${DENIAL.refused}${why}`);
      this.peer.close(CLOSE.rejected, closeReason(`update refused: ${why}`));
      this.held = [];
      this.heldBytes = 0;
      return "closed";
    }
    this.held.push(update);
    this.heldBytes += update.byteLength;
    return "held";
  }

  // Held updates are tried in the order they came until none moves; each may unblock the next.
  private retryHeld(): void {
    for (let moved = true; moved && this.held.length > 0;) {
      moved = false;
      for (let i = 0; i < this.held.length; i++) {
        const update = this.held[i]!;
        const outcome = this.take(update, true);
        if (outcome === "held") continue;
        if (outcome === "closed") return;
        this.held.splice(i--, 1);
        this.heldBytes -= update.byteLength;
        moved = true;
      }
    }
  }
}
