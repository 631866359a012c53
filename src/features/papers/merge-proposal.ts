import "server-only";
import type { Proposal } from "@/generated/prisma/client";
import type { Tx } from "@/server/db";
import { applyProposal, changesNothing } from "./apply-proposal";
import { currentText, lockPaper, writeRevision } from "./persist-change";

const TEXT_KINDS = ["AMEND_SECTION", "ADD_SECTION", "REMOVE_SECTION", "RETITLE"] as const;
type TextKind = (typeof TEXT_KINDS)[number];
const isTextKind = (kind: string): kind is TextKind => (TEXT_KINDS as readonly string[]).includes(kind);

/**
 * How a proposal gets merged: the outcome handler for a passed text change (amend, add or
 * remove a section, retitle), called by features/proposals/close-proposal.ts under the proposal
 * lock. Takes the paper lock, three-way merges the proposal into the text as it is now
 * (apply-proposal.ts) and writes the result as the next revision (persist-change.ts). Where the
 * text changed the same passage meanwhile, the proposal is marked "needs update" instead.
 */
export async function mergeProposal(
  tx: Tx,
  proposal: Proposal,
  closedAt: Date,
): Promise<{ outcome: "MERGED" | "NEEDS_UPDATE"; revision?: number }> {
  const { kind } = proposal;
  if (!isTextKind(kind)) throw new Error(`mergeProposal: a ${kind} proposal changes no text`);
  await lockPaper(tx, proposal.paperId);
  const paper = await tx.paper.findUniqueOrThrow({ where: { id: proposal.paperId }, select: { status: true } });
  const state = await currentText(tx, proposal.paperId);
  const applied =
    paper.status === "DRAFTING"
      ? applyProposal(state.snapshot, { ...proposal, kind })
      : { ok: false as const, note: "The paper is no longer being drafted." };
  if (!applied.ok) {
    await tx.proposal.update({
      where: { id: proposal.id },
      data: { closedAt, status: "NEEDS_UPDATE", statusNote: applied.note },
      select: { id: true },
    });
    return { outcome: "NEEDS_UPDATE" };
  }
  if (changesNothing(state.snapshot, applied.change)) {
    // Someone already made this exact change: the group agreed with the text it has.
    await tx.proposal.update({
      where: { id: proposal.id },
      data: {
        closedAt,
        status: "MERGED",
        statusNote: "Passed; the paper already had this text, so nothing needed to change.",
      },
      select: { id: true },
    });
    return { outcome: "MERGED", revision: state.paper.revisionNumber };
  }
  const { number, addedSectionId } = await writeRevision(tx, state, applied.change, {
    kind: "PROPOSAL",
    authorId: proposal.authorId,
    proposalId: proposal.id,
  });
  // A merged "add a section" proposal points at the section it created, like the other kinds do.
  const sectionId = addedSectionId ?? proposal.sectionId;
  await tx.proposal.update({
    where: { id: proposal.id },
    data: { closedAt, sectionId, status: "MERGED", statusNote: `Merged as revision ${number}.` },
    select: { id: true },
  });
  return { outcome: "MERGED", revision: number };
}
