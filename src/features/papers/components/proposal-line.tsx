import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { closesIn } from "@/lib/dates";
import { proposalPath } from "@/lib/paths";
import { describeProposal, PROPOSAL_KIND_LABELS } from "../labels";
import type { ProposalSummary } from "../queries/paper-page";
import { PersonName } from "./person-name";
import { TallyText } from "./tally-text";

/** One open proposal in a list: number, what it does, who, when voting closes, and the tally so far. */
export function ProposalLine({
  proposal,
  now,
  showWhat = false,
}: {
  proposal: ProposalSummary;
  now: Date;
  showWhat?: boolean;
}) {
  return (
    <li className="text-sm">
      <Link href={proposalPath(proposal.id)} className="font-semibold text-accent underline">
        #{proposal.number} {showWhat ? describeProposal(proposal) : PROPOSAL_KIND_LABELS[proposal.kind]}
      </Link>{" "}
      <span className="text-muted">
        by <PersonName person={proposal.author} /> ·{" "}
        <RelativeTime date={proposal.closesAt} now={now}>
          {closesIn(proposal.closesAt, now)}
        </RelativeTime>{" "}
        · <TallyText tally={proposal.tally} />
      </span>
    </li>
  );
}
