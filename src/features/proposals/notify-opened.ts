import "server-only";
import { notifyAudience } from "@/features/notifications/mutations";
import { followersWhoMayVote } from "@/features/papers/follow-audience";
import { describeProposal } from "@/features/papers/labels";
import { Prisma } from "@/generated/prisma/client";
import { formatDateTime } from "@/lib/dates";
import { proposalPath } from "@/lib/paths";
import type { Tx } from "@/server/db";

/**
 * A proposal opened (or opened again, updated after it passed on a text that changed meanwhile):
 * the paper's followers who may vote on it hear of it (not the proposer), in the transaction that
 * opened it and in one statement, however large the group.
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
  options: {
    now?: Date;
    /** Who hears: by default the paper's followers who may vote. */
    audience?: Prisma.Sql;
    /** The proposal was updated after "needs update" and its vote starts again. */
    again?: boolean;
  } = {},
) {
  const now = options.now ?? new Date();
  const audience = options.audience ?? followersWhoMayVote(paper.id, now);
  const what = describeProposal(proposal);
  const opened = options.again
    ? `updated proposal #${proposal.number} on “${paper.title}” and its vote starts again`
    : `opened proposal #${proposal.number} on “${paper.title}”`;
  return notifyAudience(tx, audience, {
    actorId: proposer.id,
    kind: "PROPOSAL_OPENED",
    text: `${proposer.displayName} ${opened}: ${what}. Voting closes ${formatDateTime(proposal.closesAt)}.`,
    url: proposalPath(proposal.id),
  });
}

/** An audience without the given people (those told something more specific already). */
export function audienceWithout(audience: Prisma.Sql, userIds: string[]): Prisma.Sql {
  if (userIds.length === 0) return audience;
  return Prisma.sql`SELECT a."userId" FROM (${audience}) a WHERE NOT (a."userId" = ANY(${userIds}::uuid[]))`;
}
