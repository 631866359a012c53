import "server-only";
import { loadGroupAccess } from "@/server/authz/authorize";
import type { Actor } from "@/server/authz/permissions";
import { assertCanRead } from "@/server/authz/refusals";
import type { db, Tx } from "@/server/db";
import { conflict, notFound } from "@/server/errors";

const PAPER_FACTS = {
  id: true,
  groupId: true,
  slug: true,
  title: true,
  status: true,
  revisionNumber: true,
  votingPeriodHours: true,
  quorum: true,
  thresholdPercent: true,
  publishThresholdPercent: true,
  requireBothPerspectives: true,
} as const;

/** A paper, its group, and what the actor may do there; NOT_FOUND when they may not read it. */
export async function loadPaperAccess(client: Tx | typeof db, actor: Actor, paperId: string) {
  const paper = await client.paper.findUnique({ where: { id: paperId }, select: PAPER_FACTS });
  if (!paper) throw notFound("That paper");
  const access = await loadGroupAccess(client, actor, paper.groupId);
  // Papers of members-only groups are not acknowledged to outsiders.
  assertCanRead(actor, access.group, access.membership, "That paper");
  return { paper, ...access };
}

/** Only papers being drafted take proposals, fixes and votes. */
export function assertDrafting(paper: { status: string }) {
  if (paper.status === "DRAFTING") return;
  const why: Record<string, string> = {
    AWAITING_ACCEPTANCE: "The group has not yet decided to take this paper on.",
    DECLINED: "The group declined this paper.",
    ARCHIVED: "This paper is archived.",
  };
  throw conflict(why[paper.status] ?? "This paper is not open for changes.");
}
