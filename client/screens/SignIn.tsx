import { useState, type FormEvent } from "react";
import { useSession } from "../sync/session";
import { navigate } from "../router";

/** Sign in with name and password; returns to where the user was going. */
export function SignIn() {
  const { signIn } = useSession();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(name, password);
      const next = new URLSearchParams(location.search).get("next");
      navigate(next && next.startsWith("/") ? next : "/", true);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="signin">
      <main className="signin-card">
        <div className="brand" style={{ color: "var(--brand)", marginBottom: "1rem" }}>
          <img src="/favicon.svg" alt="" /> live-minutes
        </div>
        <h1>Sign in</h1>
        <p className="hint">Minute committee meetings together, live.</p>
        <form onSubmit={handleSubmit} noValidate>
          <div className="form-field">
            <label htmlFor="signin-name">Name</label>
            <input
              id="signin-name"
              className="input"
              autoComplete="username"
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              autoFocus
            />
          </div>
          <div className="form-field">
            <label htmlFor="signin-password">Password</label>
            <input
              id="signin-password"
              className="input"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          </div>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <button
            className="btn btn-primary"
            type="submit"
            disabled={busy || !name || !password}
            style={{ width: "100%", justifyContent: "center" }}
          >
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </form>
        {/* A plain link: the archive is served by the server as pages of its own, for anyone. */}
        <p className="hint" style={{ marginTop: "1rem" }}>
          Looking for a committee's minutes? <a href="/archive">Read the published minutes</a> without signing in.
        </p>
      </main>
    </div>
  );
}
