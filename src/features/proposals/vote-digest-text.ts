/** What the proposer is told of the votes since their last digest. Pure, unit-tested. */

export type VoteCounts = { support: number; oppose: number; abstain: number; withReason: number };

const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export function voteDigestText(counts: VoteCounts, proposal: { number: number }, paperTitle: string): string {
  const total = counts.support + counts.oppose + counts.abstain;
  const title = paperTitle.length > 150 ? `${paperTitle.slice(0, 149)}…` : paperTitle;
  const sides = [
    counts.support ? `${counts.support} support` : "",
    counts.oppose ? `${counts.oppose} oppose` : "",
    counts.abstain ? `${counts.abstain} abstain` : "",
  ].filter(Boolean);
  const reasons =
    counts.withReason === 0
      ? ""
      : counts.withReason === total
        ? total === 1
          ? "; with a reason"
          : "; all gave a reason"
        : `; ${counts.withReason} gave a reason`;
  return `${n(total, "new vote", "new votes")} on your proposal #${proposal.number} on “${title}”: ${sides.join(", ")}${reasons}.`;
}
