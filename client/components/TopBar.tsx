import type { ReactNode } from "react";
import { Link, navigate } from "../router";
import { useSession } from "../sync/session";

/** The bar across every signed-in screen: brand, what is open, actions, and the account. */
export function TopBar({ title, subtitle, children }: { title?: string; subtitle?: string; children?: ReactNode }) {
  const { user, signOut } = useSession();
  return (
    <header className="topbar">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Link href="/" className="brand" aria-label="live-minutes: all meetings">
        <img src="/favicon.svg" alt="" />
        <span>live-minutes</span>
      </Link>
      <div className="topbar-title">
        {title && <h1>{title}</h1>}
        {subtitle && <p>{subtitle}</p>}
      </div>
      <div className="topbar-actions">
        {children}
        {user && (
          <button
            type="button"
            className="btn btn-quiet"
            onClick={() => void signOut().then(() => navigate("/signin"))}
            title={`Signed in as ${user.displayName} (${user.role})`}
          >
            Sign out
          </button>
        )}
      </div>
    </header>
  );
}
