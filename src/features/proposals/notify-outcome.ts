import "server-only";
import { type NewNotification, notify, notifyAudience } from "@/features/notifications/mutations";
import { followersWhoMayRead } from "@/features/papers/follow-audience";
import { Prisma } from "@/generated/prisma/client";
import { proposalPath } from "@/lib/paths";
import type { Tx } from "@/server/db";
import type { HandledOutcome } from "./outcome-handlers";

/**
 * Tells a closed proposal's voters, its author and the paper's followers how it ended, with the
 * reason when it did not pass (or must be updated). Followers are told in one statement.
 */
export async function notifyOutcome(
  tx: Tx,
  proposal: { id: string; number: number; version: number; authorId: string | null; paperId: string },
  paperTitle: string,
  outcome: HandledOutcome | "REJECTED",
  details: { revision?: number; reason?: string | null } = {},
) {
  const voters = await tx.vote.findMany({
    where: { proposalId: proposal.id, proposalVersion: proposal.version, userId: { not: null } },
    select: { userId: true },
  });
  const label = `Proposal #${proposal.number} on “${paperTitle}”`;
  const why = details.reason?.trim() ? ` ${details.reason.trim()}` : "";
  const text = {
    MERGED: `${label} passed and was merged into the paper (revision ${details.revision}).`,
    PUBLISHED: `${label} passed: the paper is published as version ${details.revision}.`,
    ACCEPTED: `${label} passed: the group takes the commission on, and drafting is open.`,
    REJECTED: `${label} closed without passing.${why}`,
    NEEDS_UPDATE: `${label} passed, but the text changed meanwhile; it needs updating before it can be merged.`,
  }[outcome];
  const url = proposalPath(proposal.id);
  const list: NewNotification[] = voters.flatMap(({ userId }) =>
    userId && userId !== proposal.authorId ? [{ userId, kind: "PROPOSAL_CLOSED" as const, text, url }] : [],
  );
  if (proposal.authorId) {
    list.push(
      outcome === "NEEDS_UPDATE"
        ? {
            userId: proposal.authorId,
            kind: "PROPOSAL_NEEDS_UPDATE",
            text: `Your ${text.charAt(0).toLowerCase()}${text.slice(1)}`,
            url,
          }
        : { userId: proposal.authorId, kind: "PROPOSAL_CLOSED", text, url },
    );
  }
  await notify(tx, list);
  // Followers who may read the paper and were not told above (as voters or as the author).
  const followers = Prisma.sql`
    SELECT f."userId" FROM (${followersWhoMayRead(proposal.paperId)}) f
    WHERE f."userId" IS DISTINCT FROM ${proposal.authorId}::uuid
      AND NOT EXISTS (
        SELECT 1 FROM "Vote" v
        WHERE v."proposalId" = ${proposal.id}::uuid AND v."proposalVersion" = ${proposal.version} AND v."userId" = f."userId"
      )`;
  await notifyAudience(tx, followers, { kind: "PROPOSAL_CLOSED", text, url });
}
