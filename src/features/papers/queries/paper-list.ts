import "server-only";
import { loadGroupAccess } from "@/server/authz/authorize";
import { type Actor, groupPermissionsOf } from "@/server/authz/permissions";
import { assertCanReadLists } from "@/server/authz/refusals";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { PERSON, personOf } from "./paper-access";

export const PAPERS_PAGE_SIZE = 20;

/** The group and the viewer's standing; papers of members-only groups are for members. */
async function readableGroup(viewer: Actor, where: { slug: string } | { id: string }) {
  const found = await db.group.findUnique({
    where: "slug" in where ? { slug: where.slug.toLowerCase() } : where,
    select: { id: true, paperCount: true },
  });
  if (!found) throw notFound("That group");
  const { group, membership } = await loadGroupAccess(db, viewer, found.id);
  assertCanReadLists(viewer, group, membership, "papers");
  return { group, total: found.paperCount, permissions: groupPermissionsOf(viewer, membership) };
}

async function papersOf(groupId: string, skip: number, take: number) {
  const papers = await db.paper.findMany({
    where: { groupId },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    skip,
    take,
    select: {
      id: true,
      slug: true,
      title: true,
      question: true,
      status: true,
      revisionNumber: true,
      updatedAt: true,
      createdBy: PERSON,
    },
  });
  const open = papers.length
    ? await db.proposal.groupBy({
        by: ["paperId"],
        where: { paperId: { in: papers.map((p) => p.id) }, status: "OPEN" },
        _count: { _all: true },
      })
    : [];
  const openBy = new Map(open.map((o) => [o.paperId, o._count._all]));
  return papers.map(({ createdBy, ...p }) => ({
    ...p,
    startedBy: personOf(createdBy),
    openProposals: openBy.get(p.id) ?? 0,
  }));
}

export type PaperListItem = Awaited<ReturnType<typeof papersOf>>[number];

/** A group's papers, most recently changed first, a page at a time. */
export async function listGroupPapers(viewer: Actor, groupSlug: string, page: number) {
  const { group, total, permissions } = await readableGroup(viewer, { slug: groupSlug });
  const pageCount = Math.max(1, Math.ceil(total / PAPERS_PAGE_SIZE));
  const current = Math.min(page, pageCount);
  return {
    group,
    papers: await papersOf(group.id, (current - 1) * PAPERS_PAGE_SIZE, PAPERS_PAGE_SIZE),
    total,
    page: current,
    pageCount,
    canStart: permissions.has("paper.create"),
  };
}

/** The few latest papers for the group page. */
export async function latestGroupPapers(viewer: Actor, groupId: string, take = 3) {
  const { total, permissions } = await readableGroup(viewer, { id: groupId });
  return {
    papers: total > 0 ? await papersOf(groupId, 0, take) : [],
    total,
    canStart: permissions.has("paper.create"),
  };
}
