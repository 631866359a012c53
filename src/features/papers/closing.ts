import "server-only";
import { db, QUEUED_TRANSACTION, type Tx } from "@/server/db";
import { logError, logInfo } from "@/server/log";
import { notify, type NewNotification } from "@/features/notifications/mutations";
import { applyProposal, changesNothing } from "./apply-proposal";
import { currentText, lockPaper, writeRevision } from "./persist-change";
import { publishCurrentText } from "@/features/publishing/publish";
import { acceptCommission } from "@/features/commissions/acceptance";
import { lockProposal } from "./proposal-mutations";
import { failureReason, passes, tallyOf } from "./rules";
import { proposalPath, publicationPath } from "@/lib/paths";

export type CloseOutcome = "MERGED" | "PUBLISHED" | "ACCEPTED" | "NEEDS_UPDATE" | "REJECTED" | "NOT_DUE";

async function tellPeople(tx: Tx, proposal: { id: string; number: number; version: number; authorId: string | null }, paperTitle: string, outcome: Exclude<CloseOutcome, "NOT_DUE">, revision?: number) {
  const voters = await tx.vote.findMany({ where: { proposalId: proposal.id, proposalVersion: proposal.version, userId: { not: null } }, select: { userId: true } });
  const label = `Proposal #${proposal.number} on “${paperTitle}”`;
  const text = {
    MERGED: `${label} passed and was merged into the paper (revision ${revision}).`,
    PUBLISHED: `${label} passed: the paper is published as version ${revision}.`,
    ACCEPTED: `${label} passed: the group takes the commission on, and drafting is open.`,
    REJECTED: `${label} closed without passing.`,
    NEEDS_UPDATE: `${label} passed, but the text changed meanwhile; it needs updating before it can be merged.`,
  }[outcome];
  const url = proposalPath(proposal.id);
  const list: NewNotification[] = voters.filter((v) => v.userId !== proposal.authorId).map((v) => ({ userId: v.userId!, kind: "PROPOSAL_CLOSED", text, url }));
  if (proposal.authorId) {
    list.push(
      outcome === "NEEDS_UPDATE"
        ? { userId: proposal.authorId, kind: "PROPOSAL_NEEDS_UPDATE", text: `Your ${text.charAt(0).toLowerCase()}${text.slice(1)}`, url }
        : { userId: proposal.authorId, kind: "PROPOSAL_CLOSED", text, url },
    );
  }
  await notify(tx, list);
}

/**
 * Closes one proposal whose voting period has ended: judges the tally against the rules it
 * opened under, and merges it if it passed. The proposal row lock plus the status check make
 * this run exactly once however many workers (or page views) race to close it; the paper lock
 * makes merges into one paper happen one after another, each on the text the previous one left.
 */
export async function closeProposal(proposalId: string, now = new Date()): Promise<CloseOutcome> {
  const outcome = await db.$transaction(async (tx) => {
    const proposal = await lockProposal(tx, proposalId);
    if (proposal.status !== "OPEN" || proposal.closesAt > now) return "NOT_DUE" as const;
    const tally = tallyOf(proposal);
    const paper = await tx.paper.findUniqueOrThrow({ where: { id: proposal.paperId }, select: { title: true, status: true } });
    const closed = { closedAt: now };

    if (!passes(tally, proposal)) {
      await tx.proposal.update({ where: { id: proposal.id }, data: { ...closed, status: "REJECTED", statusNote: failureReason(tally, proposal) }, select: { id: true } });
      await tellPeople(tx, proposal, paper.title, "REJECTED");
      return "REJECTED" as const;
    }
    if (proposal.kind === "ACCEPT_COMMISSION") {
      const decided = await acceptCommission(tx, proposal, now);
      await tellPeople(tx, proposal, paper.title, decided);
      return decided;
    }

    await lockPaper(tx, proposal.paperId);
    const state = await currentText(tx, proposal.paperId);
    if (proposal.kind === "PUBLISH") return publishIfUnchanged(tx, proposal, state, paper, closed);
    const applied = paper.status === "DRAFTING" ? applyProposal(state.snapshot, { ...proposal, kind: proposal.kind }) : { ok: false as const, note: "The paper is no longer being drafted." };
    if (!applied.ok) {
      await tx.proposal.update({ where: { id: proposal.id }, data: { ...closed, status: "NEEDS_UPDATE", statusNote: applied.note }, select: { id: true } });
      await tellPeople(tx, proposal, paper.title, "NEEDS_UPDATE");
      return "NEEDS_UPDATE" as const;
    }
    if (changesNothing(state.snapshot, applied.change)) {
      // Someone already made this exact change: the group agreed with the text it has.
      await tx.proposal.update({ where: { id: proposal.id }, data: { ...closed, status: "MERGED", statusNote: "Passed; the paper already had this text, so nothing needed to change." }, select: { id: true } });
      await tellPeople(tx, proposal, paper.title, "MERGED", state.paper.revisionNumber);
      return "MERGED" as const;
    }
    const { number, addedSectionId } = await writeRevision(tx, state, applied.change, { kind: "PROPOSAL", authorId: proposal.authorId, proposalId: proposal.id });
    // A merged "add a section" proposal points at the section it created, like the other kinds do.
    const sectionId = addedSectionId ?? proposal.sectionId;
    await tx.proposal.update({ where: { id: proposal.id }, data: { ...closed, sectionId, status: "MERGED", statusNote: `Merged as revision ${number}.` }, select: { id: true } });
    await tellPeople(tx, proposal, paper.title, "MERGED", number);
    return "MERGED" as const;
  }, QUEUED_TRANSACTION);
  if (outcome !== "NOT_DUE") logInfo("proposal closed", { proposalId, outcome });
  return outcome;
}

/**
 * A passed vote to publish publishes the text it was about. If the draft changed while the vote
 * ran, members approved a different text, so it is marked "needs update" instead.
 */
async function publishIfUnchanged(
  tx: Tx,
  proposal: { id: string; number: number; version: number; authorId: string | null; baseRevisionNumber: number; publicationNote: string | null },
  state: Awaited<ReturnType<typeof currentText>>,
  paper: { title: string; status: string },
  closed: { closedAt: Date },
): Promise<CloseOutcome> {
  if (paper.status !== "DRAFTING" || state.paper.revisionNumber !== proposal.baseRevisionNumber) {
    const note =
      paper.status !== "DRAFTING"
        ? "The paper is no longer being drafted."
        : `The draft changed while this vote ran (it is now revision ${state.paper.revisionNumber}, the vote was on revision ${proposal.baseRevisionNumber}). Propose publishing again, so that members vote on the text that would be published.`;
    await tx.proposal.update({ where: { id: proposal.id }, data: { ...closed, status: "NEEDS_UPDATE", statusNote: note }, select: { id: true } });
    await tellPeople(tx, proposal, paper.title, "NEEDS_UPDATE");
    return "NEEDS_UPDATE";
  }
  const { version, contributors } = await publishCurrentText(tx, state, { proposalId: proposal.id, correctionNote: proposal.publicationNote });
  await tx.proposal.update({ where: { id: proposal.id }, data: { ...closed, status: "PASSED", statusNote: `Published as version ${version}.` }, select: { id: true } });
  await tellPeople(tx, proposal, paper.title, "PUBLISHED", version);
  const url = (await publicationUrl(tx, state.paper.id, version)) ?? proposalPath(proposal.id);
  await notify(
    tx,
    contributors.people
      .filter((p) => p.userId && p.userId !== proposal.authorId)
      .map((p) => ({ userId: p.userId!, kind: "PAPER_PUBLISHED" as const, text: `“${state.paper.title}”, which you helped write, is published as version ${version}.`, url })),
  );
  return "PUBLISHED";
}

async function publicationUrl(tx: Tx, paperId: string, version: number) {
  const paper = await tx.paper.findUnique({ where: { id: paperId }, select: { slug: true, group: { select: { slug: true } } } });
  return paper ? publicationPath(paper.group.slug, paper.slug, version) : null;
}

/** Closes every proposal that is due, oldest first; `paperId` limits it to one paper (closing on read). */
export async function closeDueProposals({ paperId, now = new Date(), limit = 100 }: { paperId?: string; now?: Date; limit?: number } = {}) {
  const due = await db.proposal.findMany({
    where: { status: "OPEN", closesAt: { lte: now }, ...(paperId ? { paperId } : {}) },
    orderBy: [{ closesAt: "asc" }, { number: "asc" }],
    take: limit,
    select: { id: true },
  });
  const outcomes: CloseOutcome[] = [];
  for (const { id } of due) {
    try {
      outcomes.push(await closeProposal(id, now));
    } catch (error) {
      // One proposal that cannot close must not hold up the others; it is retried on the next tick.
      logError("closing a proposal failed", error, { proposalId: id });
    }
  }
  return outcomes;
}
