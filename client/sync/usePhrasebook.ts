import { useCallback, useEffect, useState } from "react";
import { STANDARD_PHRASES, type Phrase } from "../../shared/meeting/phrasebook";
import equal from "fast-deep-equal";
import { api } from "../api/rest";

/** A committee's phrasebook, kept on the device too so abbreviations work offline. */
export function usePhrasebook(committee: string): { phrases: readonly Phrase[]; save(phrases: Phrase[]): Promise<void> } {
  const key = `live-minutes:phrasebook:${committee.trim().toLowerCase()}`;
  const [phrases, setPhrases] = useState<readonly Phrase[]>(() => {
    try {
      return (JSON.parse(localStorage.getItem(key) ?? "null") as Phrase[] | null) ?? STANDARD_PHRASES;
    } catch {
      return STANDARD_PHRASES;
    }
  });
  useEffect(() => {
    if (!committee.trim()) return;
    api.phrasebook(committee).then(
      (book) => {
        // The same phrases as kept on the device keep their array: every field's editor depends on it.
        setPhrases((kept) => (equal(kept, book.phrases) ? kept : book.phrases));
        localStorage.setItem(key, JSON.stringify(book.phrases));
      },
      () => undefined,
    );
  }, [committee, key]);
  const save = useCallback(
    async (next: Phrase[]) => {
      const saved = await api.savePhrasebook(committee, next);
      setPhrases(saved.phrases);
      localStorage.setItem(key, JSON.stringify(saved.phrases));
    },
    [committee, key],
  );
  return { phrases, save };
}
