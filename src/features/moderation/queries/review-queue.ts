import "server-only";
import type { PostStatus } from "@/generated/prisma/enums";
import { pageCountOf, pageRows } from "@/lib/pages";
import { postPath } from "@/lib/paths";
import { authorize } from "@/server/authz/authorize";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { markdownExcerpt } from "../describe";
import { FORMER_MEMBER, personOf } from "./shared";

export const QUEUE_PAGE_SIZE = 20;
/** Reasons shown per post in the queue; the count says how many there are in all. */
export const QUEUE_REASONS_PER_POST = 10;

export type QueueItem = {
  postId: string;
  threadId: string;
  threadTitle: string;
  permalink: string;
  /** Plain-text excerpt; moderators see hidden posts' text, but removed text is never shown. */
  excerpt: string | null;
  author: { handle: string; displayName: string } | null;
  status: PostStatus;
  statusReason: string | null;
  featured: boolean;
  postedAt: Date;
  openReports: number;
  firstReportedAt: Date;
  reasons: { reason: string; reporter: string; reporterHandle: string | null; at: Date }[];
};

/**
 * Open reports in a group, one row per reported post, the longest-waiting first. Four queries
 * whatever the page size: the page of posts (grouped), the total, the posts, and the first few
 * reasons of each.
 */
export async function getReviewQueue(viewer: Actor, groupId: string, page: number) {
  const { group } = await authorize(viewer, "moderation.viewQueue", { groupId });
  const [counted, grouped] = await Promise.all([
    db.$queryRaw<{ n: number }[]>`
      SELECT count(DISTINCT "postId")::int AS n FROM "Report" WHERE "groupId" = ${group.id}::uuid AND status = 'OPEN'`,
    db.report.groupBy({
      by: ["postId"],
      where: { groupId: group.id, status: "OPEN" },
      _count: { _all: true },
      _min: { createdAt: true },
      orderBy: [{ _min: { createdAt: "asc" } }, { postId: "asc" }],
      ...pageRows(page, QUEUE_PAGE_SIZE),
    }),
  ]);
  const total = counted[0]?.n ?? 0;
  const postIds = grouped.map((g) => g.postId);
  const [posts, reasons] = postIds.length
    ? await Promise.all([
        db.post.findMany({
          where: { id: { in: postIds } },
          select: {
            id: true,
            bodyMarkdown: true,
            status: true,
            statusReason: true,
            featuredAt: true,
            createdAt: true,
            thread: { select: { id: true, title: true } },
            author: { select: { handle: true, displayName: true, deletedAt: true } },
          },
        }),
        db.$queryRaw<
          {
            postId: string;
            reason: string;
            createdAt: Date;
            handle: string | null;
            displayName: string | null;
            deletedAt: Date | null;
          }[]
        >`
          SELECT r."postId", r.reason, r."createdAt", u.handle, u."displayName", u."deletedAt"
          FROM (
            SELECT "postId", "reporterId", reason, "createdAt",
                   row_number() OVER (PARTITION BY "postId" ORDER BY "createdAt", id) AS n
            FROM "Report"
            WHERE "groupId" = ${group.id}::uuid AND status = 'OPEN' AND "postId" = ANY(${postIds}::uuid[])
          ) r
          LEFT JOIN "User" u ON u.id = r."reporterId"
          WHERE r.n <= ${QUEUE_REASONS_PER_POST}
          ORDER BY r."postId", r."createdAt"`,
      ])
    : [[], []];
  const postById = new Map(posts.map((p) => [p.id, p]));
  const reasonsByPost = new Map<string, QueueItem["reasons"]>();
  for (const r of reasons) {
    const reporter = personOf(
      r.handle && r.displayName ? { handle: r.handle, displayName: r.displayName, deletedAt: r.deletedAt } : null,
    );
    const list = reasonsByPost.get(r.postId) ?? [];
    list.push({
      reason: r.reason,
      reporter: reporter?.displayName ?? FORMER_MEMBER,
      reporterHandle: reporter?.handle ?? null,
      at: r.createdAt,
    });
    reasonsByPost.set(r.postId, list);
  }
  const items: QueueItem[] = [];
  for (const g of grouped) {
    const post = postById.get(g.postId);
    if (!post) continue; // deleted between the two reads
    items.push({
      postId: post.id,
      threadId: post.thread.id,
      threadTitle: post.thread.title,
      permalink: postPath(post.thread.id, post.id),
      excerpt: post.status === "REMOVED" ? null : markdownExcerpt(post.bodyMarkdown),
      author: personOf(post.author),
      status: post.status,
      statusReason: post.statusReason,
      featured: post.featuredAt !== null,
      postedAt: post.createdAt,
      openReports: g._count._all,
      firstReportedAt: g._min.createdAt ?? post.createdAt,
      reasons: reasonsByPost.get(post.id) ?? [],
    });
  }
  return { items, total, page, pageCount: pageCountOf(total, QUEUE_PAGE_SIZE) };
}
