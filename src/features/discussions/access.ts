import "server-only";
import { isParamOfShape } from "@/lib/route-params";
import { type GroupAccessColumns, membershipOf } from "@/server/authz/access-row";
import { loadGroupAccess, throughParent } from "@/server/authz/authorize";
import type { Actor, MembershipFacts } from "@/server/authz/permissions";
import { assertCanRead, type SignedIn } from "@/server/authz/refusals";
import { db, type Tx } from "@/server/db";
import { notFound } from "@/server/errors";

/** A thread, its group, and what the actor may do there; NOT_FOUND when they may not read it. */
export async function loadThreadAccess(client: Tx | typeof db, actor: Actor, threadId: string) {
  const thread = await client.thread.findUnique({
    where: { id: threadId },
    select: {
      id: true,
      groupId: true,
      title: true,
      subject: true,
      lockedAt: true,
      pinnedAt: true,
      lastSeq: true,
      postCount: true,
    },
  });
  if (!thread) throw notFound("That thread");
  const access = await loadGroupAccess(client, actor, thread.groupId);
  // Members-only threads are not acknowledged to outsiders.
  assertCanRead(actor, access.group, access.membership, "That thread");
  return { thread, ...access };
}

/**
 * A post and the access to its thread. Someone who may not read the thread is told there is no such
 * post, in the same words as for a post that does not exist: nothing says it is there.
 */
export async function loadPostAccess(client: Tx | typeof db, actor: Actor, postId: string) {
  const post = await client.post.findUnique({
    where: { id: postId },
    select: { id: true, threadId: true, seq: true, authorId: true, status: true, bodyMarkdown: true },
  });
  if (!post) throw notFound("That post");
  return { post, ...(await throughParent("That post", loadThreadAccess(client, actor, post.threadId))) };
}

type ReplyFactsRow = GroupAccessColumns & {
  id: string;
  groupId: string;
  title: string;
  lockedAt: Date | null;
  authorName: string | null;
};

/**
 * What a reply needs before it is written, in one round trip instead of four: the thread, its
 * group, the writer's membership there (the facts loadThreadAccess loads, checked by the same
 * rules) and the writer's display name for the notices. NOT_FOUND as loadThreadAccess says it.
 */
export async function loadReplyAccess(me: SignedIn, threadId: string) {
  // A malformed id names no thread; it must not reach the uuid cast, where it would be an error.
  if (!isParamOfShape("uuid", threadId)) throw notFound("That thread");
  const [row] = await db.$queryRaw<ReplyFactsRow[]>`
    SELECT t.id, t."groupId", t.title, t."lockedAt",
           g.slug AS "groupSlug", g.name AS "groupName", g."joinPolicy"::text AS "joinPolicy",
           m.role::text AS "memberRole", m.status::text AS "memberStatus", m."suspendedUntil" AS "memberSuspendedUntil",
           (SELECT u."displayName" FROM "User" u WHERE u.id = ${me.id}::uuid) AS "authorName"
    FROM "Thread" t
    JOIN "Group" g ON g.id = t."groupId"
    LEFT JOIN "Membership" m ON m."groupId" = t."groupId" AND m."userId" = ${me.id}::uuid
    WHERE t.id = ${threadId}::uuid`;
  if (!row) throw notFound("That thread");
  const group = { id: row.groupId, slug: row.groupSlug, name: row.groupName, joinPolicy: row.joinPolicy };
  const membership: MembershipFacts = membershipOf(row);
  assertCanRead(me, group, membership, "That thread");
  if (row.authorName === null) throw new Error(`No user ${me.id} for a signed-in writer`);
  const thread = { id: row.id, groupId: row.groupId, title: row.title, lockedAt: row.lockedAt };
  return { thread, group, membership, authorName: row.authorName };
}
