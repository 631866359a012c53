import "server-only";
import { cache } from "react";
import { loadPaperAccess } from "@/features/papers/access";
import { type Actor, canInGroup } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { postingStateOf } from "../timeline";

/**
 * What a commissioned paper's page says about its commission: who commissioned it, where the
 * group's decision stands, the deadline, and what the viewer may do about taking it on.
 * Null for papers nobody commissioned.
 */
export const getPaperCommission = cache(async (viewer: Actor, paperId: string, now = new Date()) => {
  const posting = await db.commissionPosting.findUnique({
    where: { paperId },
    select: {
      status: true,
      decidedAt: true,
      commission: {
        select: {
          id: true,
          title: true,
          deadlineAt: true,
          disclosure: true,
          organisation: { select: { slug: true, name: true, verifiedAt: true } },
        },
      },
      paper: {
        select: {
          publications: { orderBy: { version: "desc" }, take: 1, select: { publishedAt: true } },
          proposals: {
            where: { kind: "ACCEPT_COMMISSION", status: "OPEN" },
            take: 1,
            select: { id: true, number: true, closesAt: true },
          },
        },
      },
    },
  });
  if (!posting) return null;
  const { membership } = await loadPaperAccess(db, viewer, paperId);
  const declined =
    posting.status === "DECLINED"
      ? await db.moderationAction.findFirst({
          where: { kind: "DECLINE_COMMISSION", details: { path: ["paperId"], equals: paperId } },
          orderBy: { createdAt: "desc" },
          select: { reason: true, createdAt: true },
        })
      : null;
  const { commission } = posting;
  const awaiting = posting.status === "PROPOSED";
  return {
    commissionId: commission.id,
    title: commission.title,
    organisation: {
      slug: commission.organisation.slug,
      name: commission.organisation.name,
      verified: commission.organisation.verifiedAt !== null,
    },
    disclosure: commission.disclosure,
    deadlineAt: commission.deadlineAt,
    state: postingStateOf(
      { status: posting.status, publishedAt: posting.paper.publications[0]?.publishedAt ?? null },
      commission.deadlineAt,
      now,
    ),
    decidedAt: posting.decidedAt,
    declineReason: declined?.reason ?? null,
    openAcceptance: posting.paper.proposals[0] ?? null,
    can: {
      proposeAcceptance: awaiting && !posting.paper.proposals[0] && canInGroup(viewer, "proposal.create", membership),
      decline: awaiting && canInGroup(viewer, "commission.decline", membership),
    },
  };
});

export type PaperCommission = NonNullable<Awaited<ReturnType<typeof getPaperCommission>>>;
