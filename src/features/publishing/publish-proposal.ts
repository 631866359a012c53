import "server-only";
import type { NewNotification } from "@/features/notifications/mutations";
import { currentText, lockPaper } from "@/features/papers/persist-change";
import type { Proposal } from "@/generated/prisma/client";
import { proposalPath, publicationPath } from "@/lib/paths";
import type { Tx } from "@/server/db";
import { publishCurrentText } from "./publish";

/**
 * The outcome handler for a passed vote to publish, called by features/proposals/close-proposal.ts
 * under the proposal lock: publishes the text the vote was about. If the draft changed while the
 * vote ran, members approved a different text, so it is marked "needs update" instead. The
 * paper's contributors are told it is published (after the voters, by closeProposal).
 */
export async function publishProposal(
  tx: Tx,
  proposal: Proposal,
  closedAt: Date,
): Promise<{ outcome: "PUBLISHED" | "NEEDS_UPDATE"; revision?: number; notifications?: NewNotification[] }> {
  await lockPaper(tx, proposal.paperId);
  const paper = await tx.paper.findUniqueOrThrow({ where: { id: proposal.paperId }, select: { status: true } });
  const state = await currentText(tx, proposal.paperId);
  if (paper.status !== "DRAFTING" || state.paper.revisionNumber !== proposal.baseRevisionNumber) {
    const note =
      paper.status !== "DRAFTING"
        ? "The paper is no longer being drafted."
        : `The draft changed while this vote ran (it is now revision ${state.paper.revisionNumber}, the vote was on revision ${proposal.baseRevisionNumber}). Propose publishing again, so that members vote on the text that would be published.`;
    await tx.proposal.update({
      where: { id: proposal.id },
      data: { closedAt, status: "NEEDS_UPDATE", statusNote: note },
      select: { id: true },
    });
    return { outcome: "NEEDS_UPDATE" };
  }
  const { version, contributors } = await publishCurrentText(tx, state, {
    proposalId: proposal.id,
    correctionNote: proposal.publicationNote,
  });
  await tx.proposal.update({
    where: { id: proposal.id },
    data: { closedAt, status: "PASSED", statusNote: `Published as version ${version}.` },
    select: { id: true },
  });
  const url = (await publicationUrl(tx, state.paper.id, version)) ?? proposalPath(proposal.id);
  const notifications = contributors.people.flatMap(({ userId }) =>
    userId && userId !== proposal.authorId
      ? [
          {
            userId,
            kind: "PAPER_PUBLISHED" as const,
            text: `“${state.paper.title}”, which you helped write, is published as version ${version}.`,
            url,
          },
        ]
      : [],
  );
  return { outcome: "PUBLISHED", revision: version, notifications };
}

async function publicationUrl(tx: Tx, paperId: string, version: number) {
  const paper = await tx.paper.findUnique({
    where: { id: paperId },
    select: { slug: true, group: { select: { slug: true } } },
  });
  return paper ? publicationPath(paper.group.slug, paper.slug, version) : null;
}
