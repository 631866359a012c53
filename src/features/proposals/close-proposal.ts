import "server-only";
import { notify } from "@/features/notifications/mutations";
import { db, QUEUED_TRANSACTION } from "@/server/db";
import { logError, logInfo } from "@/server/log";
import { lockProposal } from "./mutations";
import { notifyOutcome } from "./notify-outcome";
import type { HandledOutcome, OutcomeHandlers } from "./outcome-handlers";
import { failureReason, passes, tallyOf } from "./rules";

export type CloseOutcome = HandledOutcome | "REJECTED" | "NOT_DUE";

/**
 * Closes one proposal whose voting period has ended: judges the tally against the rules it
 * opened under and, if it passed, hands it to the handler for its kind (papers merge text,
 * publishing publishes, commissions accept: see outcome-handlers.ts and the wiring in
 * src/composition/decisions.ts). The proposal row lock plus the status check make this run
 * exactly once however many workers (or page views) race to close it; handlers take the paper
 * lock after it, so merges into one paper happen one after another, each on the text the
 * previous one left.
 */
export async function closeProposal(
  handlers: OutcomeHandlers,
  proposalId: string,
  now = new Date(),
): Promise<CloseOutcome> {
  const outcome = await db.$transaction(async (tx) => {
    const proposal = await lockProposal(tx, proposalId);
    if (proposal.status !== "OPEN" || proposal.closesAt > now) return "NOT_DUE" as const;
    const tally = tallyOf(proposal);
    const paper = await tx.paper.findUniqueOrThrow({ where: { id: proposal.paperId }, select: { title: true } });

    if (!passes(tally, proposal)) {
      const reason = failureReason(tally, proposal);
      await tx.proposal.update({
        where: { id: proposal.id },
        data: { closedAt: now, status: "REJECTED", statusNote: reason },
        select: { id: true },
      });
      await notifyOutcome(tx, proposal, paper.title, "REJECTED", { reason });
      return "REJECTED" as const;
    }
    const result = await handlers[proposal.kind](tx, proposal, now);
    await notifyOutcome(tx, proposal, paper.title, result.outcome, { revision: result.revision });
    if (result.notifications?.length) await notify(tx, result.notifications);
    return result.outcome;
  }, QUEUED_TRANSACTION);
  if (outcome !== "NOT_DUE") logInfo("proposal closed", { proposalId, outcome });
  return outcome;
}

/** Closes every proposal that is due, oldest first; `paperId` limits it to one paper. */
export async function closeDueProposals(
  handlers: OutcomeHandlers,
  { paperId, now = new Date(), limit = 100 }: { paperId?: string; now?: Date; limit?: number } = {},
) {
  const due = await db.proposal.findMany({
    where: { status: "OPEN", closesAt: { lte: now }, ...(paperId ? { paperId } : {}) },
    orderBy: [{ closesAt: "asc" }, { number: "asc" }],
    take: limit,
    select: { id: true },
  });
  const outcomes: CloseOutcome[] = [];
  for (const { id } of due) {
    try {
      outcomes.push(await closeProposal(handlers, id, now));
    } catch (error) {
      // One proposal that cannot close must not hold up the others; it is retried on the next tick.
      logError("closing a proposal failed", error, { proposalId: id });
    }
  }
  return outcomes;
}
