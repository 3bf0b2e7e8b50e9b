import { useEffect, useState } from "react";
import type { MeetingSnapshot } from "../../shared/meeting";
import { MEETING_ROLES, type MeetingRole } from "../../shared/protocol/roles";
import { api, type MeetingInfo } from "../api/rest";
import { TopBar } from "../components/TopBar";
import { StatusControl } from "../components/StatusControl";
import { Link, navigate } from "../router";

type User = Awaited<ReturnType<typeof api.users>>[number];
type Details = { title: string; committee: string; date: string; startTime: string; venue: string; quorum: string; public: boolean };

const ROLE_LABEL: Record<MeetingRole | "", string> = { "": "No role", clerk: "Clerk", chair: "Chair", viewer: "Viewer" };

/** A manager's set-up of one meeting: its details and quorum, who clerks and chairs it (by name), its status, and deleting it. */
export function MeetingSetup({ meetingId }: { meetingId: string }) {
  const [meeting, setMeeting] = useState<MeetingInfo | null>(null);
  const [snapshot, setSnapshot] = useState<MeetingSnapshot | null>(null);
  const [details, setDetails] = useState<Details | null>(null);
  const [users, setUsers] = useState<User[]>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState("");
  const [earlier, setEarlier] = useState<MeetingInfo[]>([]);
  const [toApprove, setToApprove] = useState("");

  useEffect(() => {
    let current = true;
    Promise.all([api.meeting(meetingId), api.users(), api.meetings()]).then(
      ([{ meeting, snapshot }, users, all]) => {
        if (!current) return;
        // Minutes this meeting could approve: others of its committee, closed or circulated.
        setEarlier(
          all.filter(
            (m) =>
              m.id !== meeting.id &&
              m.committee.trim().toLowerCase() === meeting.committee.trim().toLowerCase() &&
              (m.status === "closed" || m.status === "circulated"),
          ),
        );
        setMeeting(meeting);
        setSnapshot(snapshot);
        setUsers(users);
        setDetails({
          title: meeting.title,
          committee: meeting.committee,
          date: snapshot.date,
          startTime: snapshot.startTime,
          venue: snapshot.venue,
          quorum: snapshot.quorum === null ? "" : String(snapshot.quorum),
          public: meeting.public,
        });
      },
      (e: Error) => current && setMessage({ ok: false, text: e.message }),
    );
    return () => {
      current = false;
    };
  }, [meetingId]);

  if (!meeting || !details || !snapshot)
    return message ? (
      <p className="banner banner-error" role="alert">
        {message.text}
      </p>
    ) : (
      <p className="loading" role="status">
        Loading the meeting…
      </p>
    );

  const set = (key: keyof Details) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setDetails({ ...details, [key]: e.target.type === "checkbox" ? e.target.checked : e.target.value });
  const saveDetails = () =>
    api
      .updateMeeting(meetingId, {
        title: details.title,
        committee: details.committee,
        date: details.date,
        startTime: details.startTime,
        venue: details.venue,
        quorum: details.quorum === "" ? null : Number(details.quorum),
        public: details.public,
      })
      .then(
        (record) => {
          setMeeting({ ...meeting, ...record });
          setMessage({ ok: true, text: "Meeting details saved." });
        },
        (e: Error) => setMessage({ ok: false, text: e.message }),
      );
  const assign = (user: User, role: MeetingRole | "") =>
    api.assignRole(meetingId, user.id, role || null).then(
      ({ roles }) => {
        setMeeting({ ...meeting, roles });
        setMessage({
          ok: true,
          text: role
            ? `${user.displayName || user.name} is now ${ROLE_LABEL[role].toLowerCase()} of this meeting.`
            : `${user.displayName || user.name} has no role in this meeting now.`,
        });
      },
      (e: Error) => setMessage({ ok: false, text: e.message }),
    );
  const members = snapshot.people.filter((p) => p.kind === "member");
  const others = snapshot.people.filter((p) => p.kind !== "member");

  return (
    <>
      <TopBar title={`Set up: ${meeting.title || "Meeting"}`} subtitle={meeting.committee}>
        <StatusControl
          meetingId={meetingId}
          status={meeting.status}
          actor="manager"
          onChanged={(record) => setMeeting({ ...meeting, ...record })}
        />
        <Link className="btn btn-quiet" href={`/meetings/${meetingId}`}>
          Open the minutes
        </Link>
      </TopBar>
      <main id="main" className="setup" tabIndex={-1}>
        {message && (
          <p className={`banner ${message.ok ? "banner-ok" : "banner-error"}`} role="status">
            {message.text}
          </p>
        )}
        <form
          className="card"
          aria-labelledby="setup-details"
          onSubmit={(e) => {
            e.preventDefault();
            void saveDetails();
          }}
        >
          <h2 id="setup-details">Meeting details</h2>
          <div className="form-field">
            <label htmlFor="setup-title">Title</label>
            <input id="setup-title" className="input" required value={details.title} onChange={set("title")} />
          </div>
          <div className="field-row">
            <div className="form-field">
              <label htmlFor="setup-committee">Committee</label>
              <input id="setup-committee" className="input" value={details.committee} onChange={set("committee")} />
            </div>
            <div className="form-field">
              <label htmlFor="setup-venue">Venue</label>
              <input id="setup-venue" className="input" value={details.venue} onChange={set("venue")} />
            </div>
          </div>
          <div className="field-row">
            <div className="form-field">
              <label htmlFor="setup-date">Date</label>
              <input id="setup-date" className="input" type="date" value={details.date} onChange={set("date")} />
            </div>
            <div className="form-field">
              <label htmlFor="setup-time">Start time</label>
              <input id="setup-time" className="input" type="time" value={details.startTime} onChange={set("startTime")} />
            </div>
            <div className="form-field">
              <label htmlFor="setup-quorum">Quorum (members)</label>
              <input id="setup-quorum" className="input" type="number" min={1} max={500} value={details.quorum} onChange={set("quorum")} />
            </div>
          </div>
          <label className="check">
            <input type="checkbox" checked={details.public} onChange={set("public")} /> Members of the public may watch live and read the
            minutes once circulated
          </label>
          <button type="submit" className="btn btn-primary">
            Save details
          </button>
        </form>

        <section className="card" aria-labelledby="setup-roles">
          <h2 id="setup-roles">Who clerks and chairs this meeting</h2>
          <p className="hint">Clerks minute; the chair confirms resolutions. Accounts with no role here keep their usual access.</p>
          <table className="plain">
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Account</th>
                <th scope="col">Role in this meeting</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>{u.displayName || u.name}</td>
                  <td>{u.role === "admin" ? "manager" : u.role}</td>
                  <td>
                    <select
                      className="input"
                      aria-label={`Role of ${u.displayName || u.name} in this meeting`}
                      value={meeting.roles[u.id] ?? ""}
                      onChange={(e) => void assign(u, e.target.value as MeetingRole | "")}
                    >
                      {(["", ...MEETING_ROLES] as const).map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABEL[r]}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section className="card" aria-labelledby="setup-people">
          <h2 id="setup-people">Members, officers and guests</h2>
          <p className="hint">
            A new meeting of a committee starts with its last meeting's members and officers. Clerks mark attendance, and add or remove
            people, in the meeting's Attendance panel.
          </p>
          {snapshot.people.length === 0 ? (
            <p>
              Nobody is listed yet. <Link href={`/meetings/${meetingId}`}>Open the minutes</Link> and add them under Attendance.
            </p>
          ) : (
            <ul>
              {members.map((p) => (
                <li key={p.id}>
                  {p.name}
                  {p.role !== "member" && ` (${p.role === "chair" ? "Chair" : "Vice-Chair"})`}
                </li>
              ))}
              {others.map((p) => (
                <li key={p.id}>
                  {p.name} ({p.kind}
                  {p.jobTitle && `, ${p.jobTitle}`})
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="card" aria-labelledby="setup-approval">
          <h2 id="setup-approval">Minutes of the previous meeting</h2>
          <p className="hint">
            Adds an agenda item whose resolution, once the chair confirms it, approves the earlier minutes as a correct record.
          </p>
          {earlier.length === 0 ? (
            <p>No earlier meeting of this committee has closed or circulated minutes awaiting approval.</p>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void api.addApprovalItem(meetingId, toApprove).then(
                  () => {
                    setEarlier(earlier.filter((m) => m.id !== toApprove));
                    setToApprove("");
                    setMessage({ ok: true, text: "Added the item “Minutes of the previous meeting” to the agenda." });
                  },
                  (error: Error) => setMessage({ ok: false, text: error.message }),
                );
              }}
            >
              <div className="form-field">
                <label htmlFor="setup-approve">Meeting whose minutes to approve</label>
                <select id="setup-approve" className="input" value={toApprove} onChange={(e) => setToApprove(e.target.value)}>
                  <option value="">Choose a meeting</option>
                  {earlier.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.title || "Meeting"} ({m.date || "no date"}, {m.status})
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="btn" disabled={!toApprove}>
                Add to the agenda
              </button>
            </form>
          )}
        </section>

        <section className="card" aria-labelledby="setup-delete">
          <h2 id="setup-delete">Delete this meeting</h2>
          <p className="hint">
            Deleting removes the meeting, its minutes and its versions for everyone. Type the meeting's title to confirm.
          </p>
          <div className="field-row">
            <div className="form-field">
              <label htmlFor="setup-delete-title">Title of the meeting to delete</label>
              <input id="setup-delete-title" className="input" value={confirmDelete} onChange={(e) => setConfirmDelete(e.target.value)} />
            </div>
          </div>
          <button
            type="button"
            className="btn btn-danger"
            disabled={confirmDelete.trim() !== meeting.title.trim()}
            onClick={() =>
              void api.deleteMeeting(meetingId).then(
                () => navigate("/"),
                (e: Error) => setMessage({ ok: false, text: e.message }),
              )
            }
          >
            Delete meeting
          </button>
        </section>
      </main>
    </>
  );
}
