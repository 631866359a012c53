import "server-only";
import { type NewNotification, notify } from "@/features/notifications/mutations";
import type { GroupRole, MembershipStatus, SiteRole } from "@/generated/prisma/enums";
import { postPath } from "@/lib/paths";
import { canReadGroup } from "@/server/authz/permissions";
import type { Tx } from "@/server/db";

/** How many followers one post notifies at most; the rest see it in the thread's unread marker. */
const MAX_FOLLOWER_NOTIFICATIONS = 500;
/** How many mentions in one post are looked up. */
const MAX_MENTIONS = 50;

type Concerned = {
  id: string;
  siteRole: SiteRole;
  role: GroupRole | null;
  status: MembershipStatus | null;
  suspendedUntil: Date | null;
  mentioned: boolean;
  followedAt: Date | null;
};

/**
 * Everyone a new post may concern (the author of the post replied to, the people mentioned, the
 * thread's first followers), each once, with what decides whether they may read the group: one
 * query instead of three. Followers come in the order they followed.
 */
async function concernedPeople(
  tx: Tx,
  post: { threadId: string; parentAuthorId: string | null; mentions: string[] },
  group: { id: string },
) {
  const rows = await tx.$queryRaw<Concerned[]>`
    WITH followers AS (
      SELECT "userId", "createdAt" FROM "ThreadFollow" WHERE "threadId" = ${post.threadId}::uuid
      ORDER BY "createdAt" ASC LIMIT ${MAX_FOLLOWER_NOTIFICATIONS}
    ), mentioned AS (
      SELECT id FROM "User" WHERE handle = ANY(${post.mentions.slice(0, MAX_MENTIONS)}::text[])
    ), candidates AS (
      SELECT "userId" AS id FROM followers
      UNION SELECT id FROM mentioned
      UNION SELECT ${post.parentAuthorId}::uuid WHERE ${post.parentAuthorId}::uuid IS NOT NULL
    )
    SELECT u.id, u."siteRole"::text AS "siteRole", m.role::text AS role, m.status::text AS status,
           m."suspendedUntil", u.id IN (SELECT id FROM mentioned) AS mentioned, f."createdAt" AS "followedAt"
    FROM candidates c
    JOIN "User" u ON u.id = c.id AND u."deletedAt" IS NULL
    LEFT JOIN followers f ON f."userId" = u.id
    LEFT JOIN "Membership" m ON m."userId" = u.id AND m."groupId" = ${group.id}::uuid
    ORDER BY f."createdAt" ASC NULLS LAST, u.id`;
  return rows.map((r) => ({
    ...r,
    membership: r.role && r.status ? { role: r.role, status: r.status, suspendedUntil: r.suspendedUntil } : null,
  }));
}

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

  const people = await concernedPeople(tx, post, group);
  // Nobody hears about a members-only discussion they can no longer read (they left, or the
  // thread moved).
  const readers = people.filter((p) =>
    canReadGroup({ id: p.id, siteRole: p.siteRole, suspendedUntil: null }, group.joinPolicy, p.membership),
  );

  if (readers.some((p) => p.id === post.parentAuthorId))
    add(post.parentAuthorId, "REPLY", `${post.authorName} replied to you in “${post.threadTitle}”`);
  for (const p of readers)
    if (p.mentioned) add(p.id, "MENTION", `${post.authorName} mentioned you in “${post.threadTitle}”`);
  for (const p of readers)
    if (p.followedAt) add(p.id, "FOLLOWED_THREAD", `${post.authorName} posted in “${post.threadTitle}”`);

  await notify(tx, out);
  return out;
}
