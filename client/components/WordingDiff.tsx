import { diffWords } from "diff";
import type { Wording } from "../../shared/meeting";

/** One line of wording, with what was taken out struck through and what was put in marked. */
function DiffLine({ before, after }: { before: string; after: string }) {
  return (
    <>
      {diffWords(before, after).map((part, i) =>
        part.added ? <ins key={i}>{part.value}</ins> : part.removed ? <del key={i}>{part.value}</del> : <span key={i}>{part.value}</span>,
      )}
    </>
  );
}

/** What changed between the wording a screen showed (`seen`) and the wording held now (`current`), word by word. */
export function WordingDiff({ seen, current }: { seen: Wording; current: Wording }) {
  const bullets = Math.max(seen.bullets.length, current.bullets.length);
  return (
    <div className="wording-diff">
      <p className="chair-resolution">
        <DiffLine before={seen.text} after={current.text} />
      </p>
      {bullets > 0 && (
        <ul className="chair-resolution">
          {Array.from({ length: bullets }, (_, i) => (
            <li key={i}>
              <DiffLine before={seen.bullets[i] ?? ""} after={current.bullets[i] ?? ""} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
