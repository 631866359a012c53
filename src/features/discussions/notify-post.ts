import "server-only";
import { type NewNotification, notify } from "@/features/notifications/mutations";
import type { GroupRole, MembershipStatus, SiteRole } from "@/generated/prisma/enums";
import { postPath } from "@/lib/paths";
import { canReadGroup } from "@/server/authz/permissions";
import type { Tx } from "@/server/db";

/** Of `userIds`, those who can read the group now, in one query (the people and their membership there). */
async function whoCanRead(
  tx: Tx,
  group: { id: string; joinPolicy: "OPEN" | "APPROVAL" },
  userIds: string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const users = await tx.$queryRaw<
    {
      id: string;
      siteRole: SiteRole;
      role: GroupRole | null;
      status: MembershipStatus | null;
      suspendedUntil: Date | null;
    }[]
  >`
    SELECT u.id, u."siteRole"::text AS "siteRole", m.role::text AS role, m.status::text AS status, m."suspendedUntil"
    FROM "User" u
    LEFT JOIN "Membership" m ON m."userId" = u.id AND m."groupId" = ${group.id}::uuid
    WHERE u.id = ANY(${[...new Set(userIds)]}::uuid[]) AND u."deletedAt" IS NULL`;
  return new Set(
    users
      .filter((u) =>
        canReadGroup(
          { id: u.id, siteRole: u.siteRole, suspendedUntil: null },
          group.joinPolicy,
          u.role && u.status ? { role: u.role, status: u.status, suspendedUntil: u.suspendedUntil } : null,
        ),
      )
      .map((u) => u.id),
  );
}

/** How many followers one post notifies at most; the rest see it in the thread's unread marker. */
const MAX_FOLLOWER_NOTIFICATIONS = 500;

/**
 * Who hears about a new post: the author of the post replied to, anyone mentioned who can
 * read the group, and the thread's followers. Each person once, never the writer.
 */
export async function notifyAboutPost(
  tx: Tx,
  post: {
    id: string;
    threadId: string;
    authorId: string;
    authorName: string;
    threadTitle: string;
    parentAuthorId: string | null;
    mentions: string[];
  },
  group: { id: string; joinPolicy: "OPEN" | "APPROVAL" },
) {
  const url = postPath(post.threadId, post.id);
  const told = new Set<string>([post.authorId]);
  const out: NewNotification[] = [];
  const add = (userId: string | null, kind: NewNotification["kind"], text: string) => {
    if (!userId || told.has(userId)) return;
    told.add(userId);
    out.push({ userId, actorId: post.authorId, kind, text, url, threadId: post.threadId, postId: post.id });
  };

  // One after the other: a transaction is one connection, which runs one query at a time.
  const mentioned =
    post.mentions.length > 0
      ? await tx.user.findMany({
          where: { handle: { in: post.mentions.slice(0, 50) }, deletedAt: null },
          select: { id: true },
        })
      : [];
  const followers = await tx.threadFollow.findMany({
    where: { threadId: post.threadId },
    orderBy: { createdAt: "asc" },
    take: MAX_FOLLOWER_NOTIFICATIONS,
    select: { userId: true },
  });

  // Nobody hears about a members-only discussion they can no longer read (they left, or the
  // thread moved): one query decides for everyone concerned.
  const candidates = [post.parentAuthorId, ...mentioned.map((m) => m.id), ...followers.map((f) => f.userId)].filter(
    (id): id is string => !!id,
  );
  const readers = await whoCanRead(tx, group, candidates);

  if (post.parentAuthorId && readers.has(post.parentAuthorId))
    add(post.parentAuthorId, "REPLY", `${post.authorName} replied to you in “${post.threadTitle}”`);
  for (const m of mentioned)
    if (readers.has(m.id)) add(m.id, "MENTION", `${post.authorName} mentioned you in “${post.threadTitle}”`);
  for (const f of followers)
    if (readers.has(f.userId)) add(f.userId, "FOLLOWED_THREAD", `${post.authorName} posted in “${post.threadTitle}”`);

  await notify(tx, out);
  return out;
}
