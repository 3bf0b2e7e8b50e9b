import {
  addPerson,
  personTextPath,
  quorumState,
  recordAttendance,
  removePerson,
  updatePerson,
  ATTENDANCE,
  MEMBER_ROLES,
  PERSON_KINDS,
  inRoom,
  type MeetingSnapshot,
  type Person,
} from "../../shared/meeting";
import { useEditor } from "./EditorContext";
import { Field } from "./Field";
import { RecordingControl } from "./RecordingControl";

const KIND_LABEL: Record<Person["kind"], string> = { member: "Member", officer: "Officer", guest: "Guest" };

/** Who is present, sends apologies or substitutes, and which officers and guests attended; with quorum, live. */
export function AttendancePanel({ meeting, onClose }: { meeting: MeetingSnapshot; onClose(): void }) {
  const editor = useEditor();
  const { doc, origin, readOnly } = editor;
  const quorum = quorumState(meeting);
  const room = inRoom(meeting);
  const members = meeting.people.filter((p) => p.kind === "member");
  const add = (kind: Person["kind"]) =>
    editor.focus(personTextPath(addPerson(doc, { kind, attendance: "present" }, { origin }), "name").join("/"));
  const now = () => new Date().toISOString();

  return (
    <aside className="drawer" role="dialog" aria-labelledby="attendance-title" style={{ width: "min(720px, 100vw)" }}>
      <div className="drawer-head">
        <h2 id="attendance-title">Attendance</h2>
        <button type="button" className="btn btn-quiet" onClick={onClose} aria-label="Close attendance">
          ✕
        </button>
      </div>
      <div className="quorum" style={{ margin: "0.5rem 0 1rem" }}>
        <div className="stat">
          <span className="hint">Members present</span>
          <strong>{quorum.present}</strong>
        </div>
        <div className="stat">
          <span className="hint">Quorum</span>
          <strong>{quorum.required}</strong>
        </div>
        <div className={`stat ${quorum.quorate ? "" : "banner-error"}`} role="status">
          <span className="hint">State</span>
          <strong>{quorum.quorate ? "Quorate" : "Not quorate"}</strong>
        </div>
      </div>
      <RecordingControl meeting={meeting} />
      {meeting.people.length === 0 && <p className="empty">No one listed yet. Add the committee's members, then officers and guests.</p>}
      <table className="plain">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Attendance</th>
            <th scope="col">In the room</th>
          </tr>
        </thead>
        <tbody>
          {meeting.people.map((p) => (
            <tr key={p.id}>
              <td>
                <Field
                  path={personTextPath(p.id, "name")}
                  label={`Name of ${KIND_LABEL[p.kind].toLowerCase()}`}
                  placeholder="Councillor …"
                />
                {p.kind !== "member" && (
                  <Field
                    path={personTextPath(p.id, "jobTitle")}
                    label={`Job title of ${p.name || "this person"}`}
                    placeholder="Job title"
                  />
                )}
              </td>
              <td>
                <label className="sr-only" htmlFor={`kind-${p.id}`}>
                  Kind
                </label>
                <select
                  id={`kind-${p.id}`}
                  className="input"
                  disabled={readOnly}
                  value={p.kind}
                  onChange={(e) => updatePerson(doc, p.id, { kind: e.target.value as Person["kind"] }, origin)}
                >
                  {PERSON_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {KIND_LABEL[k]}
                    </option>
                  ))}
                </select>
                {p.kind === "member" && (
                  <>
                    <label className="sr-only" htmlFor={`role-${p.id}`}>
                      Role
                    </label>
                    <select
                      id={`role-${p.id}`}
                      className="input"
                      disabled={readOnly}
                      value={p.role}
                      onChange={(e) => updatePerson(doc, p.id, { role: e.target.value as Person["role"] }, origin)}
                    >
                      {MEMBER_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                  </>
                )}
              </td>
              <td>
                <label className="sr-only" htmlFor={`att-${p.id}`}>
                  Attendance
                </label>
                <select
                  id={`att-${p.id}`}
                  className="input"
                  disabled={readOnly}
                  value={p.attendance}
                  onChange={(e) => updatePerson(doc, p.id, { attendance: e.target.value as Person["attendance"] }, origin)}
                >
                  {ATTENDANCE.map((a) => (
                    <option key={a} value={a}>
                      {a}
                    </option>
                  ))}
                </select>
                {p.attendance === "substitute" && (
                  <>
                    <label className="sr-only" htmlFor={`sub-${p.id}`}>
                      Substitute for
                    </label>
                    <select
                      id={`sub-${p.id}`}
                      className="input"
                      disabled={readOnly}
                      value={p.substituteFor ?? ""}
                      onChange={(e) => updatePerson(doc, p.id, { substituteFor: e.target.value || null }, origin)}
                    >
                      <option value="">for…</option>
                      {members
                        .filter((m) => m.id !== p.id)
                        .map((m) => (
                          <option key={m.id} value={m.id}>
                            {m.name}
                          </option>
                        ))}
                    </select>
                  </>
                )}
              </td>
              <td>
                {!readOnly &&
                  (room.has(p.id) ? (
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => recordAttendance(doc, { personId: p.id, kind: "left", at: now() }, origin)}
                    >
                      Left
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => recordAttendance(doc, { personId: p.id, kind: "arrived", at: now() }, origin)}
                    >
                      Arrived
                    </button>
                  ))}{" "}
                <span className="hint">{room.has(p.id) ? "In" : "Out"}</span>
                {!readOnly && (
                  <button
                    type="button"
                    className="btn btn-quiet btn-small"
                    aria-label={`Remove ${p.name || "this person"}`}
                    onClick={() => removePerson(doc, p.id, origin)}
                  >
                    ✕
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!readOnly && (
        <div style={{ display: "flex", gap: "0.4rem", marginTop: "0.75rem" }}>
          <button type="button" className="btn" onClick={() => add("member")}>
            + Member
          </button>
          <button type="button" className="btn" onClick={() => add("officer")}>
            + Officer
          </button>
          <button type="button" className="btn" onClick={() => add("guest")}>
            + Guest
          </button>
        </div>
      )}
    </aside>
  );
}
