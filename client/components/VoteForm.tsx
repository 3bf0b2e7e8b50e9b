import { useState } from "react";
import type { Vote } from "../../shared/meeting";

type Side = "for" | "against" | "abstain";
const SIDES: Side[] = ["for", "against", "abstain"];
const SIDE_LABEL: Record<Side, string> = { for: "For", against: "Against", abstain: "Abstain" };

/**
 * The chair's record of a vote: counts, or by name (a roll call) from the members free to vote on
 * the item, whose names then decide the counts. The server checks each name again.
 */
export function VoteForm({
  voters,
  current,
  onRecord,
}: {
  voters: readonly { id: string; name: string }[];
  current: Vote | null;
  onRecord(vote: Vote): void;
}) {
  const [byName, setByName] = useState(current?.named != null);
  const [counts, setCounts] = useState({ for: current?.for ?? 0, against: current?.against ?? 0, abstain: current?.abstain ?? 0 });
  const [sides, setSides] = useState<Record<string, Side | "">>(() => {
    const out: Record<string, Side | ""> = {};
    for (const side of SIDES) for (const id of current?.named?.[side] ?? []) out[id] = side;
    return out;
  });
  const named = { for: [] as string[], against: [] as string[], abstain: [] as string[] };
  for (const v of voters) if (sides[v.id]) named[sides[v.id] as Side].push(v.id);

  return (
    <form
      style={{ marginTop: "0.5rem" }}
      onSubmit={(e) => {
        e.preventDefault();
        onRecord(
          byName
            ? { for: named.for.length, against: named.against.length, abstain: named.abstain.length, named }
            : { ...counts, named: null },
        );
      }}
    >
      <fieldset className="vote-kind">
        <legend className="sr-only">How the vote is recorded</legend>
        <label>
          <input type="radio" name="vote-kind" checked={!byName} onChange={() => setByName(false)} /> Counts
        </label>
        <label>
          <input type="radio" name="vote-kind" checked={byName} onChange={() => setByName(true)} /> By name (recorded vote)
        </label>
      </fieldset>
      {byName ? (
        voters.length === 0 ? (
          <p className="hint">No member present may vote on this item: mark attendance first.</p>
        ) : (
          <table className="plain">
            <caption className="sr-only">How each member voted</caption>
            <tbody>
              {voters.map((v) => (
                <tr key={v.id}>
                  <th scope="row">{v.name}</th>
                  <td>
                    <select
                      className="input"
                      aria-label={`How ${v.name} voted`}
                      value={sides[v.id] ?? ""}
                      onChange={(e) => setSides({ ...sides, [v.id]: e.target.value as Side | "" })}
                    >
                      <option value="">Did not vote</option>
                      {SIDES.map((s) => (
                        <option key={s} value={s}>
                          {SIDE_LABEL[s]}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : (
        <div className="vote-grid">
          {SIDES.map((k) => (
            <label key={k} className="form-field">
              <span>{SIDE_LABEL[k]}</span>
              <input
                className="input"
                type="number"
                min={0}
                value={counts[k]}
                onChange={(e) => setCounts({ ...counts, [k]: Math.max(0, Number(e.target.value) || 0) })}
              />
            </label>
          ))}
        </div>
      )}
      <p className="hint" aria-live="polite">
        {byName && `For ${named.for.length}, Against ${named.against.length}, Abstain ${named.abstain.length}`}
      </p>
      <button className="btn btn-primary" type="submit">
        Record vote
      </button>
    </form>
  );
}
