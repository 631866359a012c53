import type { RulesNow } from "../queries/proposal-form";

function period(hours: number) {
  return hours % 24 === 0
    ? `${hours / 24} ${hours === 24 ? "day" : "days"}`
    : `${hours} ${hours === 1 ? "hour" : "hours"}`;
}

/** What happens after submitting: when voting closes and what it takes to pass. */
export function ProposalRulesNote({ rules, lead }: { rules: RulesNow; lead: string }) {
  return (
    <p className="rounded-md border border-line bg-white px-4 py-3 text-sm">
      {lead} Voting then runs for {period(rules.votingPeriodHours)}. The change passes with at least {rules.quorum}{" "}
      {rules.quorum === 1 ? "vote" : "votes"} and {rules.thresholdPercent}% support among those who support or oppose
      {rules.requireBothPerspectives
        ? ", including a majority of the practitioners and of the service users who vote"
        : ""}
      ; it is then merged into the paper automatically.
    </p>
  );
}
