import { z } from "zod";

const count = z.number().int().min(0).max(10_000);
const names = z.array(z.string().min(1)).default([]);

/** A recorded vote: counts always, and the names (person ids) when the vote was named. */
export const voteSchema = z.object({
  for: count.default(0),
  against: count.default(0),
  abstain: count.default(0),
  named: z.object({ for: names, against: names, abstain: names }).nullable().default(null),
});
export type Vote = z.infer<typeof voteSchema>;
export type VoteInput = z.input<typeof voteSchema>;

/** A vote; named lists, when given, decide the counts so the two can never disagree. */
export function createVote(input: VoteInput = {}): Vote {
  const vote = voteSchema.parse(input);
  if (!vote.named) return vote;
  return { ...vote, for: vote.named.for.length, against: vote.named.against.length, abstain: vote.named.abstain.length };
}

/** Carried when more voted for than against; a tie is lost unless the chair's casting vote is recorded as a motion outcome. */
export function voteCarried(vote: Vote): boolean {
  return vote.for > vote.against;
}
