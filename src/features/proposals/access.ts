import "server-only";
import { assertDrafting, loadPaperAccess } from "@/features/papers/access";
import { throughParent } from "@/server/authz/authorize";
import type { Actor } from "@/server/authz/permissions";
import type { db, Tx } from "@/server/db";
import { conflict, notFound } from "@/server/errors";

/** A proposal's paper, its group, and what the actor may do there; NOT_FOUND when they may not read it. */
export async function loadProposalAccess(client: Tx | typeof db, actor: Actor, proposalId: string) {
  const proposal = await client.proposal.findUnique({ where: { id: proposalId }, select: { id: true, paperId: true } });
  if (!proposal) throw notFound("That proposal");
  return throughParent("That proposal", loadPaperAccess(client, actor, proposal.paperId));
}

/** Votes need a paper being drafted, except the vote on taking a commissioned paper on. */
export function assertVotingOpenOn(paper: { status: string }, proposalKind: string) {
  if (proposalKind !== "ACCEPT_COMMISSION") return assertDrafting(paper);
  if (paper.status !== "AWAITING_ACCEPTANCE") throw conflict("The group has already decided on this commission.");
}
