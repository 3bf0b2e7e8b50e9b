import type { Refusal } from "../sync/refusals";

const OUTCOME: Record<Refusal["outcome"], string> = {
  undone: "It was taken back here; everything else you typed was saved.",
  reloaded: "The minutes were reloaded from the server; everything else you typed was saved.",
  kept: "Nothing was lost: your changes are kept on this device and were not sent.",
};

/** Tells the clerk what the server refused of their changes, and what became of the rest. */
export function RefusalBanner({ refusal, onRetry, onDiscard }: { refusal: Refusal; onRetry(): void; onDiscard(): void }) {
  return (
    <p className="banner banner-warn" role="alert">
      The server did not accept a change: {refusal.reason}. {OUTCOME[refusal.outcome]}{" "}
      {refusal.outcome === "kept" && (
        <>
          <button type="button" className="btn btn-quiet" onClick={onRetry}>
            Connect again
          </button>{" "}
          <button
            type="button"
            className="btn btn-quiet"
            onClick={() =>
              window.confirm("Discard the changes kept on this device that the server refused, and load the minutes from the server?") &&
              onDiscard()
            }
          >
            Discard unsent changes
          </button>
        </>
      )}
    </p>
  );
}
