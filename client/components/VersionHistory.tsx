import { useCallback, useEffect, useState } from "react";
import { api } from "../api/rest";
import { exportMeetingText } from "../../shared/format/exportText";
import type { MeetingSnapshot } from "../../shared/meeting";

type Version = Awaited<ReturnType<typeof api.versions>>[number];

/** Saved versions of the minutes: list, read one, restore one (the current state is saved first). */
export function VersionHistory({ meetingId, canWrite, onClose }: { meetingId: string; canWrite: boolean; onClose(): void }) {
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [viewing, setViewing] = useState<{ version: Version; snapshot: MeetingSnapshot } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [label, setLabel] = useState("");

  const load = useCallback(
    () =>
      api.versions(meetingId).then(
        (v) => setVersions([...v].reverse()),
        (e: Error) => setMessage(e.message),
      ),
    [meetingId],
  );
  useEffect(() => void load(), [load]);

  return (
    <aside className="drawer" role="dialog" aria-labelledby="history-title">
      <div className="drawer-head">
        <h2 id="history-title">Version history</h2>
        <button type="button" className="btn btn-quiet" onClick={onClose} aria-label="Close version history">
          ✕
        </button>
      </div>
      {message && (
        <p className="banner banner-ok" role="status">
          {message}
        </p>
      )}
      {canWrite && (
        <form
          style={{ display: "flex", gap: "0.4rem", marginBottom: "1rem" }}
          onSubmit={(e) => {
            e.preventDefault();
            void api.saveVersion(meetingId, label).then(
              () => {
                setLabel("");
                setMessage("Version saved.");
                return load();
              },
              (err: Error) => setMessage(err.message),
            );
          }}
        >
          <label className="sr-only" htmlFor="version-label">
            Name for this version
          </label>
          <input
            id="version-label"
            className="input"
            placeholder="Name (e.g. before item 5)"
            value={label}
            onChange={(e) => setLabel(e.target.value)}
          />
          <button className="btn btn-primary" type="submit">
            Save version
          </button>
        </form>
      )}
      {versions?.length === 0 && (
        <p className="empty">No versions yet. One is saved automatically every few minutes while the minutes change.</p>
      )}
      {viewing ? (
        <div>
          <button type="button" className="btn btn-small" onClick={() => setViewing(null)}>
            ← All versions
          </button>
          <h3 style={{ marginTop: "0.75rem" }}>
            {viewing.version.label || "Automatic"} · {new Date(viewing.version.at).toLocaleString("en-GB")}
          </h3>
          <pre
            style={{
              whiteSpace: "pre-wrap",
              fontFamily: "var(--serif)",
              fontSize: "0.9rem",
              background: "var(--canvas)",
              padding: "0.75rem",
              borderRadius: 6,
            }}
          >
            {exportMeetingText(viewing.snapshot, { variant: "compact" })}
          </pre>
          {canWrite && (
            <button
              type="button"
              className="btn btn-danger"
              onClick={() => {
                if (!confirm("Restore this version for everyone? The minutes as they are now are saved as a version first.")) return;
                void api.restoreVersion(meetingId, viewing.version.id).then(
                  () => {
                    setViewing(null);
                    setMessage("Version restored. The minutes before the restore were saved as a version.");
                    return load();
                  },
                  (err: Error) => setMessage(err.message),
                );
              }}
            >
              Restore this version
            </button>
          )}
        </div>
      ) : (
        <ul style={{ listStyle: "none", padding: 0 }}>
          {versions?.map((v) => (
            <li key={v.id} className="entry" style={{ gridTemplateColumns: "1fr auto" }}>
              <span>
                <strong>{v.label || "Automatic"}</strong>
                <br />
                <span className="hint">{new Date(v.at).toLocaleString("en-GB")}</span>
              </span>
              <button
                type="button"
                className="btn btn-small"
                onClick={() =>
                  void api.version(meetingId, v.id).then(
                    (snapshot) => setViewing({ version: v, snapshot }),
                    (e: Error) => setMessage(e.message),
                  )
                }
              >
                View
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
