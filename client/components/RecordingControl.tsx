import { useState } from "react";
import { setMeetingInfo, type MeetingSnapshot } from "../../shared/meeting";
import { useEditor } from "./EditorContext";

/** The webcast's address and start time: the HTML export links each comment to its moment in it. */
export function RecordingControl({ meeting }: { meeting: MeetingSnapshot }) {
  const { doc, origin, readOnly } = useEditor();
  const [url, setUrl] = useState(meeting.recording?.url ?? "");
  const [error, setError] = useState<string | null>(null);
  const save = (startedAt: string) => {
    try {
      setMeetingInfo(doc, { recording: { url: url.trim(), startedAt } }, origin);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section aria-labelledby="recording-title" style={{ margin: "0.5rem 0 1rem" }}>
      <h3 id="recording-title">Webcast</h3>
      {meeting.recording && (
        <p className="hint">
          Recording started at {new Date(meeting.recording.startedAt).toLocaleTimeString("en-GB")}: comments link to their moment in it.
        </p>
      )}
      {!readOnly && (
        <div style={{ display: "flex", gap: "0.4rem", flexWrap: "wrap" }}>
          <label className="sr-only" htmlFor="recording-url">
            Webcast address
          </label>
          <input
            id="recording-url"
            className="input"
            style={{ flex: 1, minWidth: "14rem" }}
            type="url"
            placeholder="https://…/webcast"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
          <button type="button" className="btn" disabled={!url.trim()} onClick={() => save(new Date().toISOString())}>
            Recording started now
          </button>
          {meeting.recording && (
            <button type="button" className="btn btn-quiet" disabled={!url.trim()} onClick={() => save(meeting.recording!.startedAt)}>
              Update address
            </button>
          )}
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error.replace(/^Invalid meeting recording .*?: /, "The webcast address is not valid: ")}
        </p>
      )}
    </section>
  );
}
