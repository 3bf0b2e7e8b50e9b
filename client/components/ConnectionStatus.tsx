import type { LinkStatus } from "../sync/useMeeting";

/** Connection and saving, always visible, in words as well as colour. */
export function ConnectionStatus({
  status,
  synced,
  saved,
}: {
  status: LinkStatus;
  synced: boolean;
  saved: { savedAt: string | null; error: string | null } | null;
}) {
  let text: string;
  if (status === "offline") text = "Offline — your changes are kept on this device and will sync";
  else if (status === "connecting") text = "Connecting…";
  else if (!synced) text = "Syncing…";
  else if (saved?.error) text = "Connected — the server cannot save right now; it is retrying";
  else if (saved?.savedAt)
    text = `Saved ${new Date(saved.savedAt).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" })}`;
  else text = "Connected — all changes saved";
  return (
    <span className={`status status-${status}`} role="status" aria-live="polite" data-status={status} data-synced={synced}>
      {text}
    </span>
  );
}
