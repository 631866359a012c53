import "server-only";
import type { Tx } from "@/server/db";
import { canReadGroup } from "@/server/authz/permissions";
import { notify, type NewNotification } from "@/features/notifications/mutations";

/** How many followers one post notifies at most; the rest see it in the thread's unread marker. */
const MAX_FOLLOWER_NOTIFICATIONS = 500;

/**
 * Who hears about a new post: the author of the post replied to, anyone mentioned who can
 * read the group, and the thread's followers. Each person once, never the writer.
 */
export async function notifyAboutPost(
  tx: Tx,
  post: { id: string; threadId: string; authorId: string; authorName: string; threadTitle: string; parentAuthorId: string | null; mentions: string[] },
  group: { id: string; joinPolicy: "OPEN" | "APPROVAL" },
) {
  const url = `/threads/${post.threadId}/posts/${post.id}`;
  const told = new Set<string>([post.authorId]);
  const out: NewNotification[] = [];
  const add = (userId: string | null, kind: NewNotification["kind"], text: string) => {
    if (!userId || told.has(userId)) return;
    told.add(userId);
    out.push({ userId, actorId: post.authorId, kind, text, url });
  };

  add(post.parentAuthorId, "REPLY", `${post.authorName} replied to you in “${post.threadTitle}”`);

  if (post.mentions.length > 0) {
    const mentioned = await tx.user.findMany({
      where: { handle: { in: post.mentions.slice(0, 50) }, deletedAt: null },
      select: { id: true, memberships: { where: { groupId: group.id }, select: { status: true, role: true, suspendedUntil: true } } },
    });
    for (const m of mentioned) {
      const membership = m.memberships[0] ?? null;
      // Mentioning someone never leaks a members-only discussion to them.
      if (canReadGroup({ id: m.id, siteRole: "MEMBER", suspendedUntil: null }, group.joinPolicy, membership)) {
        add(m.id, "MENTION", `${post.authorName} mentioned you in “${post.threadTitle}”`);
      }
    }
  }

  const followers = await tx.threadFollow.findMany({
    where: { threadId: post.threadId },
    orderBy: { createdAt: "asc" },
    take: MAX_FOLLOWER_NOTIFICATIONS,
    select: { userId: true },
  });
  for (const f of followers) add(f.userId, "FOLLOWED_THREAD", `${post.authorName} posted in “${post.threadTitle}”`);

  await notify(tx, out);
  return out;
}
