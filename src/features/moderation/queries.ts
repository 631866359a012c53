import "server-only";
import type { ModerationActionKind, PostStatus } from "@/generated/prisma/enums";
import { postPath, threadPath } from "@/lib/paths";
import { authorize, loadGroupAccess } from "@/server/authz/authorize";
import {
  type Actor,
  GROUP_ROLE_PERMISSIONS,
  type GroupPermission,
  type GroupRoleName,
  groupPermissionsOf,
  isSuspended,
  SITE_ADMIN_GROUP_PERMISSIONS,
} from "@/server/authz/permissions";
import { assertCanReadLists } from "@/server/authz/refusals";
import { db } from "@/server/db";
import { describeModerationAction, detailString, markdownExcerpt } from "./describe";

export const QUEUE_PAGE_SIZE = 20;
export const LOG_PAGE_SIZE = 30;
/** Reasons shown per post in the queue; the count says how many there are in all. */
export const QUEUE_REASONS_PER_POST = 10;

const FORMER_MEMBER = "former member";

const pageCountOf = (total: number, size: number) => Math.max(1, Math.ceil(total / size));

type PersonRow = { handle: string; displayName: string; deletedAt: Date | null } | null;
/** A person as shown next to their contributions; null once the account is gone. */
function personOf(user: PersonRow) {
  return user && !user.deletedAt ? { handle: user.handle, displayName: user.displayName } : null;
}

/** Group settings about moderation. Public: the log page states them too. */
export async function getModerationSettings(groupId: string) {
  const group = await db.group.findUnique({ where: { id: groupId }, select: { autoHideReportThreshold: true } });
  return { autoHideReportThreshold: group?.autoHideReportThreshold ?? null };
}

/** What the viewer may do in a group, for deciding which controls to show (every mutation checks again). */
export async function groupModerationRights(viewer: Actor, groupId: string) {
  const { membership } = await loadGroupAccess(db, viewer, groupId);
  const granted = groupPermissionsOf(viewer, membership);
  return {
    viewQueue: granted.has("moderation.viewQueue"),
    actOnPost: granted.has("moderation.actOnPost"),
    actOnThread: granted.has("moderation.actOnThread"),
    suspendMember: granted.has("moderation.suspendMember"),
    /** Owners may suspend owners; moderators may not. */
    suspendOwners:
      granted.has("moderation.suspendMember") && (membership?.role === "OWNER" || viewer?.siteRole === "ADMIN"),
    report: granted.has("post.report"),
  };
}

/** The same, for the group a thread is in now; null for an unknown thread. */
export async function threadModerationRights(viewer: Actor, threadId: string) {
  const thread = await db.thread.findUnique({ where: { id: threadId }, select: { groupId: true } });
  return thread ? { groupId: thread.groupId, ...(await groupModerationRights(viewer, thread.groupId)) } : null;
}

/** Group roles that carry a permission, read from the permission map. */
function rolesWith(permission: GroupPermission): GroupRoleName[] {
  return (Object.keys(GROUP_ROLE_PERMISSIONS) as GroupRoleName[]).filter((role) =>
    GROUP_ROLE_PERMISSIONS[role].includes(permission),
  );
}

export const MOVE_TARGETS_LIMIT = 200;

/** Groups a thread may be moved to by the viewer: where they may moderate threads, except `excludeGroupId`. */
export async function listMoveTargets(viewer: Actor, excludeGroupId: string): Promise<{ id: string; name: string }[]> {
  if (!viewer || isSuspended(viewer.suspendedUntil)) return [];
  if (viewer.siteRole === "ADMIN" && SITE_ADMIN_GROUP_PERMISSIONS.includes("moderation.actOnThread")) {
    return db.group.findMany({
      where: { id: { not: excludeGroupId } },
      orderBy: { name: "asc" },
      take: MOVE_TARGETS_LIMIT,
      select: { id: true, name: true },
    });
  }
  const rows = await db.membership.findMany({
    where: {
      userId: viewer.id,
      status: "ACTIVE",
      role: { in: rolesWith("moderation.actOnThread") },
      groupId: { not: excludeGroupId },
      OR: [{ suspendedUntil: null }, { suspendedUntil: { lte: new Date() } }],
    },
    orderBy: { group: { name: "asc" } },
    take: MOVE_TARGETS_LIMIT,
    select: { group: { select: { id: true, name: true } } },
  });
  return rows.map((r) => r.group);
}

// ---------------------------------------------------------------------------
// The review queue
// ---------------------------------------------------------------------------

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
  const { group, membership } = await authorize(viewer, "moderation.viewQueue", { groupId });
  const [counted, grouped] = await Promise.all([
    db.$queryRaw<{ n: number }[]>`
      SELECT count(DISTINCT "postId")::int AS n FROM "Report" WHERE "groupId" = ${group.id}::uuid AND status = 'OPEN'`,
    db.report.groupBy({
      by: ["postId"],
      where: { groupId: group.id, status: "OPEN" },
      _count: { _all: true },
      _min: { createdAt: true },
      orderBy: [{ _min: { createdAt: "asc" } }, { postId: "asc" }],
      skip: (page - 1) * QUEUE_PAGE_SIZE,
      take: QUEUE_PAGE_SIZE,
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

// ---------------------------------------------------------------------------
// Moderation in the open: the public log
// ---------------------------------------------------------------------------

export type LogEntry = {
  id: string;
  at: Date;
  /** Who acted. Automatic hides never name the member whose report tipped the balance. */
  actor: { type: "person"; handle: string; displayName: string } | { type: "former" } | { type: "automatic" };
  kind: ModerationActionKind;
  /** The rest of the sentence after who acted, e.g. `locked the thread "Waiting lists"`. */
  sentence: string;
  reason: string;
  /** The post's permalink or the thread's page, while they still exist. */
  href: string | null;
};

/**
 * Every moderation action in a group, newest first, for anyone who can read the group.
 * Shows who, what, when and why; never the text of a post.
 */
export async function getModerationLog(viewer: Actor, groupId: string, page: number) {
  const { group, membership } = await loadGroupAccess(db, viewer, groupId);
  assertCanReadLists(viewer, group, membership, "log");
  const [total, rows, settings] = await Promise.all([
    db.moderationAction.count({ where: { groupId: group.id } }),
    db.moderationAction.findMany({
      where: { groupId: group.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * LOG_PAGE_SIZE,
      take: LOG_PAGE_SIZE,
      select: {
        id: true,
        kind: true,
        reason: true,
        details: true,
        createdAt: true,
        actor: { select: { handle: true, displayName: true, deletedAt: true } },
        subject: { select: { handle: true, displayName: true, deletedAt: true } },
        post: { select: { id: true, threadId: true } },
        thread: { select: { id: true, title: true } },
      },
    }),
    getModerationSettings(group.id),
  ]);
  const entries: LogEntry[] = rows.map((row) => {
    const actor = personOf(row.actor);
    const subject = personOf(row.subject);
    return {
      id: row.id,
      at: row.createdAt,
      actor:
        row.kind === "AUTO_HIDE_POST"
          ? { type: "automatic" }
          : actor
            ? { type: "person", ...actor }
            : { type: "former" },
      kind: row.kind,
      sentence: describeModerationAction({
        kind: row.kind,
        viewingGroupId: group.id,
        details: row.details,
        subject: subject ? { handle: subject.handle } : null,
        // The title as it was when the action was taken, if recorded.
        threadTitle:
          detailString(row.details, "threadTitle") ?? detailString(row.details, "title") ?? row.thread?.title ?? null,
      }),
      reason: row.reason,
      href: row.post ? postPath(row.post.threadId, row.post.id) : row.thread ? threadPath(row.thread.id) : null,
    };
  });
  return {
    entries,
    total,
    page,
    pageCount: pageCountOf(total, LOG_PAGE_SIZE),
    autoHideReportThreshold: settings.autoHideReportThreshold,
  };
}

// ---------------------------------------------------------------------------
// Suspensions
// ---------------------------------------------------------------------------

export const SUSPENSIONS_LIMIT = 100;

/**
 * Suspensions from a group in force now, also of people who left while suspended (read from the
 * log, which is what keeps them out when they try to rejoin).
 */
export async function listSuspensions(viewer: Actor, groupId: string) {
  const { group, membership } = await authorize(viewer, "moderation.suspendMember", { groupId });
  const rows = await db.$queryRaw<
    {
      userId: string;
      until: Date;
      reason: string;
      handle: string;
      displayName: string;
      deletedAt: Date | null;
      isMember: boolean;
    }[]
  >`
    SELECT s."subjectId" AS "userId", s.until, s.reason, u.handle, u."displayName", u."deletedAt", (m."userId" IS NOT NULL) AS "isMember"
    FROM (
      SELECT DISTINCT ON ("subjectId") "subjectId", kind, (details->>'until')::timestamptz AS until, reason
      FROM "ModerationAction"
      WHERE "groupId" = ${group.id}::uuid AND kind IN ('SUSPEND_MEMBER', 'UNSUSPEND_MEMBER') AND "subjectId" IS NOT NULL
      ORDER BY "subjectId", "createdAt" DESC
    ) s
    JOIN "User" u ON u.id = s."subjectId"
    LEFT JOIN "Membership" m ON m."groupId" = ${group.id}::uuid AND m."userId" = s."subjectId" AND m.status = 'ACTIVE'
    WHERE s.kind = 'SUSPEND_MEMBER' AND s.until > now()
    ORDER BY s.until
    LIMIT ${SUSPENSIONS_LIMIT}`;
  return rows.map((r) => ({
    userId: r.userId,
    until: r.until,
    reason: r.reason,
    person: personOf(r),
    isMember: r.isMember,
  }));
}

/** Members of a group suspended now (for showing suspend or lift on the members page); null if the viewer may not suspend. */
export async function suspendedMembersOf(viewer: Actor, groupId: string) {
  const rights = await groupModerationRights(viewer, groupId);
  if (!rights.suspendMember) return null;
  const rows = await db.membership.findMany({
    where: { groupId, status: "ACTIVE", suspendedUntil: { gt: new Date() } },
    orderBy: { suspendedUntil: "asc" },
    take: 1000,
    select: { userId: true, suspendedUntil: true },
  });
  return new Map(rows.map((r) => [r.userId, r.suspendedUntil!]));
}
