import { useEffect, useState } from "react";
import { useControl } from "../sync/control";
import type { LinkStatus } from "../sync/useMeeting";
import { ConnectionStatus } from "./ConnectionStatus";

/**
 * The connection and the server's saving of a meeting. It hears `meeting:saved` itself, so
 * the server reporting a save (every few hundred milliseconds while clerks type) re-renders
 * this line alone, not the screen.
 */
export function SaveStatus({ meetingId, status, synced }: { meetingId: string; status: LinkStatus; synced: boolean }) {
  const { socket } = useControl();
  const [saved, setSaved] = useState<{ savedAt: string | null; error: string | null } | null>(null);
  useEffect(() => {
    if (!socket) return;
    const handleSaved = (s: { meetingId: string; savedAt: string | null; error: string | null }) =>
      s.meetingId === meetingId && setSaved(s);
    socket.on("meeting:saved", handleSaved);
    return () => void socket.off("meeting:saved", handleSaved);
  }, [socket, meetingId]);
  return <ConnectionStatus status={status} synced={synced} saved={saved} />;
}
