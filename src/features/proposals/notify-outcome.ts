import "server-only";
import { type NewNotification, notify } from "@/features/notifications/mutations";
import { proposalPath } from "@/lib/paths";
import type { Tx } from "@/server/db";
import type { HandledOutcome } from "./outcome-handlers";

/** Tells a closed proposal's voters and its author how it ended. */
export async function notifyOutcome(
  tx: Tx,
  proposal: { id: string; number: number; version: number; authorId: string | null },
  paperTitle: string,
  outcome: HandledOutcome | "REJECTED",
  revision?: number,
) {
  const voters = await tx.vote.findMany({
    where: { proposalId: proposal.id, proposalVersion: proposal.version, userId: { not: null } },
    select: { userId: true },
  });
  const label = `Proposal #${proposal.number} on “${paperTitle}”`;
  const text = {
    MERGED: `${label} passed and was merged into the paper (revision ${revision}).`,
    PUBLISHED: `${label} passed: the paper is published as version ${revision}.`,
    ACCEPTED: `${label} passed: the group takes the commission on, and drafting is open.`,
    REJECTED: `${label} closed without passing.`,
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
}
