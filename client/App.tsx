import { lazy, Suspense, useEffect } from "react";
import { SessionProvider, useSession } from "./sync/session";
import { ControlProvider } from "./sync/control";
import { match, navigate, usePath } from "./router";
import { SignIn } from "./screens/SignIn";

// Each screen loads on first use: the public and the chair never download the clerks' editor.
const Lobby = lazy(() => import("./screens/Lobby").then((m) => ({ default: m.Lobby })));
const MinuteTaking = lazy(() => import("./screens/MinuteTaking").then((m) => ({ default: m.MinuteTaking })));
const ChairScreen = lazy(() => import("./screens/ChairScreen").then((m) => ({ default: m.ChairScreen })));
const MeetingSetup = lazy(() => import("./screens/MeetingSetup").then((m) => ({ default: m.MeetingSetup })));
const PublicView = lazy(() => import("./screens/PublicView").then((m) => ({ default: m.PublicView })));
const loading = (
  <p className="loading" role="status">
    Loading…
  </p>
);

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

  if (publicMatch)
    return (
      <Suspense fallback={loading}>
        <PublicView meetingId={publicMatch.id!} />
      </Suspense>
    );
  if (path === "/signin") return <SignIn />;
  if (!user) return loading;

  const chair = match("/meetings/:id/chair", path);
  const setup = match("/meetings/:id/setup", path);
  const meeting = match("/meetings/:id", path);
  return (
    <ControlProvider enabled>
      <Suspense fallback={loading}>
        {chair ? (
          <ChairScreen meetingId={chair.id!} />
        ) : setup ? (
          <MeetingSetup meetingId={setup.id!} />
        ) : meeting ? (
          <MinuteTaking meetingId={meeting.id!} />
        ) : (
          <Lobby />
        )}
      </Suspense>
    </ControlProvider>
  );
}
