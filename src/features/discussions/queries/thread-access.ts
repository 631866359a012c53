import "server-only";
import { cache } from "react";
import type { ThreadSubject } from "@/generated/prisma/enums";
import { isParamOfShape } from "@/lib/route-params";
import { type GroupAccessColumns, membershipOf } from "@/server/authz/access-row";
import { type Actor, groupPermissionsOf, type MembershipFacts } from "@/server/authz/permissions";
import { assertCanRead } from "@/server/authz/refusals";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";

type AccessRow = GroupAccessColumns & {
  id: string;
  groupId: string;
  title: string;
  subject: ThreadSubject;
  lockedAt: Date | null;
  pinnedAt: Date | null;
  lastSeq: number;
  postCount: number;
  createdAt: Date;
  paperId: string | null;
  sectionId: string | null;
  proposalId: string | null;
  authorId: string | null;
  authorHandle: string | null;
  authorName: string | null;
  authorDeletedAt: Date | null;
  titleEdited: boolean;
  othersReplied: boolean | null;
  following: boolean;
  lastReadSeq: number | null;
};

/**
 * A thread, its group, and what the viewer may do there; NOT_FOUND when they may not read it
 * (members-only threads are not acknowledged to outsiders). Every read of a thread's posts starts
 * here, and within one request the lookup runs once however many reads the page makes.
 *
 * One statement, where Prisma took eight (thread, group, membership, the thread's details, its
 * author, whether its title changed, the follow row, the read mark): the facts loadThreadAccess
 * loads, decided by the same permission map (groupPermissionsOf, assertCanRead), with what the
 * thread page shows of the viewer. `othersReplied` is asked only of the thread's own author (it
 * decides whether they may still change the title).
 */
export const threadAccess = cache(async (viewer: Actor, threadId: string) => {
  // A malformed id names no thread; it must not reach the uuid cast, where it would be an error.
  if (!isParamOfShape("uuid", threadId)) throw notFound("That thread");
  const viewerId = viewer?.id ?? null;
  const [row] = await db.$queryRaw<AccessRow[]>`
    SELECT t.id, t."groupId", t.title, t.subject::text AS subject, t."lockedAt", t."pinnedAt",
           t."lastSeq", t."postCount", t."createdAt", t."paperId", t."sectionId", t."proposalId",
           t."authorId", a.handle AS "authorHandle", a."displayName" AS "authorName",
           a."deletedAt" AS "authorDeletedAt",
           EXISTS (SELECT 1 FROM "ThreadTitleChange" c WHERE c."threadId" = t.id) AS "titleEdited",
           CASE WHEN t."authorId" = ${viewerId}::uuid THEN EXISTS (
             SELECT 1 FROM "Post" o
             WHERE o."threadId" = t.id AND o.seq > 1 AND (o."authorId" IS NULL OR o."authorId" <> t."authorId")
           ) END AS "othersReplied",
           g.slug AS "groupSlug", g.name AS "groupName", g."joinPolicy"::text AS "joinPolicy",
           m.role::text AS "memberRole", m.status::text AS "memberStatus",
           m."suspendedUntil" AS "memberSuspendedUntil",
           EXISTS (
             SELECT 1 FROM "ThreadFollow" f WHERE f."threadId" = t.id AND f."userId" = ${viewerId}::uuid
           ) AS following,
           (SELECT r."lastReadSeq" FROM "ThreadRead" r
            WHERE r."userId" = ${viewerId}::uuid AND r."threadId" = t.id) AS "lastReadSeq"
    FROM "Thread" t
    JOIN "Group" g ON g.id = t."groupId"
    LEFT JOIN "User" a ON a.id = t."authorId"
    LEFT JOIN "Membership" m ON m."groupId" = t."groupId" AND m."userId" = ${viewerId}::uuid
    WHERE t.id = ${threadId}::uuid`;
  if (!row) throw notFound("That thread");
  const group = { id: row.groupId, slug: row.groupSlug, name: row.groupName, joinPolicy: row.joinPolicy };
  const membership: MembershipFacts = membershipOf(row);
  assertCanRead(viewer, group, membership, "That thread");
  const thread = {
    id: row.id,
    groupId: row.groupId,
    title: row.title,
    subject: row.subject,
    lockedAt: row.lockedAt,
    pinnedAt: row.pinnedAt,
    lastSeq: row.lastSeq,
    postCount: row.postCount,
  };
  return {
    thread,
    group,
    membership,
    permissions: groupPermissionsOf(viewer, membership),
    /** What the thread page shows besides: the thread's details and the viewer's follow and read state. */
    details: {
      createdAt: row.createdAt,
      paperId: row.paperId,
      sectionId: row.sectionId,
      proposalId: row.proposalId,
      authorId: row.authorId,
      author:
        row.authorHandle !== null && row.authorName !== null && !row.authorDeletedAt
          ? { handle: row.authorHandle, displayName: row.authorName }
          : null,
      titleEdited: row.titleEdited,
      othersReplied: row.othersReplied ?? false,
      following: row.following,
      lastReadSeq: row.lastReadSeq,
    },
  };
});

export async function moderatesIn(viewer: Actor, threadId: string) {
  return (await threadAccess(viewer, threadId)).permissions.has("moderation.actOnPost");
}
