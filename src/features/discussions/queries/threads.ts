import "server-only";
import { cache } from "react";
import { paperPath, proposalPath, provenancePath, sectionPath } from "@/lib/paths";
import { loadGroupAccess } from "@/server/authz/authorize";
import { type Actor, canForSelf } from "@/server/authz/permissions";
import { assertCanReadLists, participationRefusal } from "@/server/authz/refusals";
import { db } from "@/server/db";
import type { ThreadSort } from "../policy";
import { threadAccess } from "./thread-access";
import { titleEditingFor } from "./title-history";

export const THREADS_PAGE_SIZE = 25;

const THREAD_ORDER = {
  activity: [{ pinnedAt: { sort: "desc", nulls: "last" } }, { lastPostAt: "desc" }],
  newest: [{ createdAt: "desc" }],
  replies: [{ postCount: "desc" }, { lastPostAt: "desc" }],
} as const;

/** What a row of a thread list needs. */
export const LISTED_THREAD = {
  id: true,
  title: true,
  postCount: true,
  lastSeq: true,
  lastPostAt: true,
  lockedAt: true,
  author: { select: { handle: true, displayName: true, deletedAt: true } },
} as const;

/** A thread's starter as lists show them: nobody for a former member. */
export const listedAuthor = (a: { handle: string; displayName: string; deletedAt: Date | null } | null) =>
  a && !a.deletedAt ? { handle: a.handle, displayName: a.displayName } : null;

/**
 * For listed threads, how many posts each has that the viewer has not seen: null when they never
 * opened it (everything is new), undefined for someone signed out. One statement for the list.
 */
export async function unreadCounter(viewer: Actor, threads: { id: string }[]) {
  const reads = viewer
    ? await db.threadRead.findMany({
        where: { userId: viewer.id, threadId: { in: threads.map((t) => t.id) } },
        select: { threadId: true, lastReadSeq: true },
      })
    : [];
  const readUpTo = new Map(reads.map((r) => [r.threadId, r.lastReadSeq]));
  return (t: { id: string; lastSeq: number }): number | null | undefined => {
    if (!viewer) return undefined;
    const seen = readUpTo.get(t.id);
    return seen === undefined ? null : Math.max(0, t.lastSeq - seen);
  };
}

/** A group's own threads (not those attached to papers), with unread counts for the viewer. */
export async function listGroupThreads(
  viewer: Actor,
  groupId: string,
  { sort, page }: { sort: ThreadSort; page: number },
) {
  const { group, membership } = await loadGroupAccess(db, viewer, groupId);
  assertCanReadLists(viewer, group, membership, "threads");
  const where = { groupId, subject: "GROUP" as const };
  const [total, threads] = await Promise.all([
    db.group.findUniqueOrThrow({ where: { id: groupId }, select: { threadCount: true } }).then((g) => g.threadCount),
    db.thread.findMany({
      where,
      orderBy: [...THREAD_ORDER[sort]] as never,
      skip: (page - 1) * THREADS_PAGE_SIZE,
      take: THREADS_PAGE_SIZE,
      select: { ...LISTED_THREAD, createdAt: true, pinnedAt: true },
    }),
  ]);
  const unreadOf = await unreadCounter(viewer, threads);
  return {
    threads: threads.map((t) => {
      return {
        id: t.id,
        title: t.title,
        replies: t.postCount - 1,
        lastPostAt: t.lastPostAt,
        createdAt: t.createdAt,
        pinned: !!t.pinnedAt,
        locked: !!t.lockedAt,
        author: listedAuthor(t.author),
        unread: unreadOf(t),
      };
    }),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / THREADS_PAGE_SIZE)),
  };
}
const PAPER_REF = { select: { slug: true, title: true } } as const;

/** For a paper's, a section's or a proposal's discussion: the way back to what it discusses. */
async function subjectLinkOf(
  groupSlug: string,
  ids: { paperId: string | null; sectionId: string | null; proposalId: string | null },
) {
  if (ids.sectionId) {
    const s = await db.section.findUniqueOrThrow({
      where: { id: ids.sectionId },
      select: { anchor: true, heading: true, removedAt: true, paper: PAPER_REF },
    });
    // A removed section is no longer in the paper; its "how this was written" page still shows it.
    const href = s.removedAt
      ? provenancePath(groupSlug, s.paper.slug, s.anchor)
      : sectionPath(groupSlug, s.paper.slug, s.anchor);
    return {
      href,
      text: `Discussion of ${s.removedAt ? "the removed " : ""}section “${s.heading}” in the paper ${s.paper.title}`,
    };
  }
  if (ids.proposalId) {
    const p = await db.proposal.findUniqueOrThrow({
      where: { id: ids.proposalId },
      select: { id: true, number: true, paper: PAPER_REF },
    });
    return { href: proposalPath(p.id), text: `Discussion of proposal #${p.number} on ${p.paper.title}` };
  }
  if (ids.paperId) {
    const p = await db.paper.findUniqueOrThrow({ where: { id: ids.paperId }, select: { slug: true, title: true } });
    return { href: paperPath(groupSlug, p.slug), text: `Discussion of the paper ${p.title}` };
  }
  return null;
}

/**
 * The thread page's header: the thread, its group, the viewer's standing, and where they read up
 * to. All of it from the one access lookup (threadAccess), and a second statement only for a
 * paper's, a section's or a proposal's discussion (the way back). Cached per request, so the page
 * and its metadata share it.
 */
export const getThreadHeader = cache(async (viewer: Actor, threadId: string) => {
  const { thread, group, membership, permissions, details } = await threadAccess(viewer, threadId);
  const can = (p: string) => permissions.has(p as never);
  return {
    thread: { ...thread, createdAt: details.createdAt, author: details.author, titleEdited: details.titleEdited },
    /** Whether the viewer may change the title now: as its author, as a moderator, or not. */
    titleEditing: titleEditingFor(viewer, { ...thread, ...details }, can),
    subjectLink: thread.subject === "GROUP" ? null : await subjectLinkOf(group.slug, details),
    group,
    membership,
    can,
    /** Why this member may not reply (suspended, say), where joining or signing in would not help. */
    replyRefusal: participationRefusal(viewer, "post.create", membership),
    /** Someone who left the group may still delete the posts they wrote there (not edit them). */
    deleteAfterLeaving: membership?.status !== "ACTIVE" && canForSelf(viewer, "post.deleteAfterLeaving"),
    following: details.following,
    lastReadSeq: details.lastReadSeq,
  };
});
