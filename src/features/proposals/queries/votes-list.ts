import "server-only";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { proposalAccess } from "./proposal-page";

export const VOTES_PAGE_SIZE = 50;

/**
 * Who voted what on the proposal's current text, newest first, one page at a time. Votes on
 * earlier versions no longer count, so they are not listed. The total comes from the kept
 * tallies, which always equal the votes on the current version, so no count query is needed for
 * them; the votes left on earlier versions are counted only once the text has been edited, so the
 * page mentions them only when there are some.
 */
export async function listProposalVotes(viewer: Actor, proposalId: string, { page }: { page: number }) {
  await proposalAccess(viewer, proposalId);
  const proposal = await db.proposal.findUniqueOrThrow({
    where: { id: proposalId },
    select: { version: true, supportCount: true, opposeCount: true, abstainCount: true },
  });
  const total = proposal.supportCount + proposal.opposeCount + proposal.abstainCount;
  const pageCount = Math.max(1, Math.ceil(total / VOTES_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  const earlier =
    proposal.version > 1
      ? await db.vote.count({ where: { proposalId, proposalVersion: { lt: proposal.version } } })
      : 0;
  const votes =
    total === 0
      ? []
      : await db.vote.findMany({
          where: { proposalId, proposalVersion: proposal.version },
          orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
          skip: (current - 1) * VOTES_PAGE_SIZE,
          take: VOTES_PAGE_SIZE,
          select: {
            id: true,
            choice: true,
            reason: true,
            perspective: true,
            updatedAt: true,
            user: { select: { handle: true, displayName: true, deletedAt: true } },
          },
        });
  return {
    votes: votes.map((v) => ({
      id: v.id,
      choice: v.choice,
      reason: v.reason,
      perspective: v.perspective,
      at: v.updatedAt,
      voter: v.user && !v.user.deletedAt ? { handle: v.user.handle, displayName: v.user.displayName } : null,
    })),
    version: proposal.version,
    total,
    /** Votes cast on an earlier version of the text and not renewed since: they no longer count. */
    earlier,
    page: current,
    pageCount,
  };
}

export type VotesList = Awaited<ReturnType<typeof listProposalVotes>>;
