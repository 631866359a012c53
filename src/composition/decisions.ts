import "server-only";
import { cache } from "react";
import { acceptCommission } from "@/features/commissions/acceptance";
import { mergeProposal } from "@/features/papers/merge-proposal";
import { paperAccessBySlug } from "@/features/papers/queries/paper-access";
import {
  type CloseOutcome,
  closeDueProposals as closeDueWith,
  closeProposal as closeWith,
} from "@/features/proposals/close-proposal";
import type { OutcomeHandlers } from "@/features/proposals/outcome-handlers";
import { isProposalDue, proposalAccess } from "@/features/proposals/queries/proposal-page";
import { publishProposal } from "@/features/publishing/publish-proposal";
import type { Actor } from "@/server/authz/permissions";
import { isAppError } from "@/server/errors";
import { logError } from "@/server/log";

export type { CloseOutcome };

/**
 * What a passed proposal does, by kind: the one place that says who handles each outcome.
 * Text changes are merged by papers, a vote to publish is published by publishing, a vote to
 * take a commission on is accepted by commissions. proposals/close-proposal.ts calls them.
 */
export const outcomeHandlers: OutcomeHandlers = {
  AMEND_SECTION: mergeProposal,
  ADD_SECTION: mergeProposal,
  REMOVE_SECTION: mergeProposal,
  RETITLE: mergeProposal,
  PUBLISH: publishProposal,
  ACCEPT_COMMISSION: acceptCommission,
};

/** Closes one proposal whose voting period has ended (NOT_DUE when it is open or already closed). */
export const closeProposal = (proposalId: string, now?: Date) => closeWith(outcomeHandlers, proposalId, now);

/** Closes every due proposal (of one paper with `paperId`); the job runs this every minute. */
export const closeDueProposals = (options?: { paperId?: string; now?: Date; limit?: number }) =>
  closeDueWith(outcomeHandlers, options);

/**
 * The explicit "bring this paper up to date" call at the top of the paper pages (the paper,
 * its history, a section's provenance, the editorial fix form), the fallback to the job: due
 * proposals are closed (and merged or published if they passed) before the page's pure queries
 * read the text, so a page never shows a stale open proposal. Call it in generateMetadata too
 * where that reads the same cached query. A paper the viewer may not read is left alone (the
 * page's query refuses it); if closing fails the page still renders. Cached per request.
 */
export const closeDueProposalsOfPaper = cache(async (viewer: Actor, groupSlug: string, paperSlug: string) => {
  let paperId: string;
  try {
    const access = await paperAccessBySlug(viewer, groupSlug, paperSlug);
    // The lookup already asked whether anything is due: most views have nothing more to ask.
    if (!access.hasDueProposals) return;
    paperId = access.paper.id;
  } catch (error) {
    if (isAppError(error)) return;
    throw error;
  }
  try {
    await closeDueProposals({ paperId });
  } catch (error) {
    logError("closing on read failed", error, { paperId });
  }
});

/**
 * The same for the proposal page: a proposal whose voting period has ended is closed before the
 * page reads it, so the page shows the outcome. Closing is idempotent, so racing views close it once.
 */
export const closeProposalIfDue = cache(async (viewer: Actor, proposalId: string) => {
  try {
    await proposalAccess(viewer, proposalId);
  } catch (error) {
    if (isAppError(error)) return;
    throw error;
  }
  if (await isProposalDue(proposalId)) await closeProposal(proposalId);
});
