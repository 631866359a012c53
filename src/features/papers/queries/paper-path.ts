import "server-only";
import { paperPath } from "@/lib/paths";
import { db } from "@/server/db";

/** The paper's page path, for redirects and cache refreshes after a change. */
export async function pathOfPaper(paperId: string) {
  const paper = await db.paper.findUniqueOrThrow({
    where: { id: paperId },
    select: { slug: true, group: { select: { slug: true } } },
  });
  return paperPath(paper.group.slug, paper.slug);
}

/** The page path of a proposal's paper. */
export async function pathOfProposalPaper(proposalId: string) {
  const proposal = await db.proposal.findUniqueOrThrow({ where: { id: proposalId }, select: { paperId: true } });
  return pathOfPaper(proposal.paperId);
}
