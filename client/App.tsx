import { useEffect } from "react";
import { SessionProvider, useSession } from "./sync/session";
import { ControlProvider } from "./sync/control";
import { match, navigate, usePath } from "./router";
import { SignIn } from "./screens/SignIn";
import { Lobby } from "./screens/Lobby";
import { MinuteTaking } from "./screens/MinuteTaking";
import { ChairScreen } from "./screens/ChairScreen";
import { PublicView } from "./screens/PublicView";

/** The app: session, control plane, and the screen for the current path. */
export function App() {
  return (
    <SessionProvider>
      <Routes />
    </SessionProvider>
  );
}

function Routes() {
  const path = usePath();
  const { user, checking } = useSession();
  const publicMatch = match("/public/:id", path);
  const needsSession = !publicMatch && path !== "/signin";

  useEffect(() => {
    if (!checking && needsSession && !user) navigate(`/signin?next=${encodeURIComponent(path)}`, true);
  }, [checking, needsSession, user, path]);

  if (publicMatch) return <PublicView meetingId={publicMatch.id!} />;
  if (path === "/signin") return <SignIn />;
  if (!user) return <p className="loading" role="status">Loading…</p>;

  const chair = match("/meetings/:id/chair", path);
  const meeting = match("/meetings/:id", path);
  return (
    <ControlProvider enabled>
      {chair ? <ChairScreen meetingId={chair.id!} /> : meeting ? <MinuteTaking meetingId={meeting.id!} /> : <Lobby />}
    </ControlProvider>
  );
}
