import "server-only";
import { notifyAudience } from "@/features/notifications/mutations";
import { followersWhoMayVote } from "@/features/papers/follow-audience";
import { describeProposal } from "@/features/papers/labels";
import { formatDateTime } from "@/lib/dates";
import { proposalPath } from "@/lib/paths";
import type { Tx } from "@/server/db";

/**
 * A proposal opened: the paper's followers who may vote on it hear of it (not the proposer), in
 * the transaction that opened it and in one statement, however large the group.
 */
export async function notifyProposalOpened(
  tx: Tx,
  proposal: {
    id: string;
    number: number;
    closesAt: Date;
    kind: string;
    proposedHeading?: string | null;
    baseHeading?: string | null;
  },
  paper: { id: string; title: string },
  proposer: { id: string; displayName: string },
  now = new Date(),
  /** Who hears: by default the paper's followers who may vote. */
  audience = followersWhoMayVote(paper.id, now),
) {
  const what = describeProposal(proposal);
  return notifyAudience(tx, audience, {
    actorId: proposer.id,
    kind: "PROPOSAL_OPENED",
    text: `${proposer.displayName} opened proposal #${proposal.number} on “${paper.title}”: ${what}. Voting closes ${formatDateTime(proposal.closesAt)}.`,
    url: proposalPath(proposal.id),
  });
}
