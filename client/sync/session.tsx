import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import type { ApiError } from "../api/rest";
import { api, type SessionUser } from "../api/rest";

const CACHE_KEY = "live-minutes:user";

interface SessionState {
  user: SessionUser | null;
  /** True until the first check with the server (or the offline cache) is done. */
  checking: boolean;
  signIn(name: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/** Who is signed in. The last known user is kept locally so the app opens while offline. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(() => {
    try {
      return JSON.parse(localStorage.getItem(CACHE_KEY) ?? "null") as SessionUser | null;
    } catch {
      return null;
    }
  });
  const [checking, setChecking] = useState(true);

  const remember = (next: SessionUser | null) => {
    setUser(next);
    if (next) localStorage.setItem(CACHE_KEY, JSON.stringify(next));
    else localStorage.removeItem(CACHE_KEY);
  };

  useEffect(() => {
    api
      .session()
      .then(
        ({ user }) => remember(user),
        (error: ApiError) => {
          // Offline: trust the cached user; the server will check the cookie when we reconnect.
          if (error.code !== "offline") remember(null);
        },
      )
      .finally(() => setChecking(false));
  }, []);

  const signIn = useCallback(async (name: string, password: string) => remember((await api.signIn(name, password)).user), []);
  const signOut = useCallback(async () => {
    await api.signOut().catch(() => undefined);
    remember(null);
  }, []);

  return <SessionContext.Provider value={{ user, checking, signIn, signOut }}>{children}</SessionContext.Provider>;
}

/** The session: user, sign in, sign out. */
export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}
