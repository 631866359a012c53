import "server-only";
import type { Actor } from "@/server/authz/permissions";
import { assertSelf, requireActor } from "@/server/authz/refusals";
import { db, type Tx } from "@/server/db";
import { loadPaperAccess } from "./access";

/**
 * Taking part follows the paper: starting it, proposing on it, voting on it. Inside the caller's
 * transaction, once: an existing row is left as it is, so someone who unfollowed stays unfollowed.
 * (A vote does the same insert inside its one statement: proposals/record-vote.ts.)
 */
export async function followPaperIn(tx: Tx, paperId: string, userId: string) {
  await tx.$executeRaw`
    INSERT INTO "PaperFollow" ("paperId", "userId") VALUES (${paperId}::uuid, ${userId}::uuid)
    ON CONFLICT DO NOTHING`;
}

/** Following decides only what lands in one's own notifications, so a suspended account may (as for threads). */
export async function followPaper(actor: Actor, input: { paperId: string }) {
  const me = requireActor(actor);
  await loadPaperAccess(db, me, input.paperId);
  assertSelf(me, "notifications.manage");
  await db.paperFollow.upsert({
    where: { paperId_userId: { paperId: input.paperId, userId: me.id } },
    create: { paperId: input.paperId, userId: me.id },
    update: { mutedAt: null },
    select: { paperId: true },
  });
}

/**
 * Unfollowing keeps the row, marked muted, so that proposing or voting later does not follow the
 * paper again behind the person's back; "Follow" clears the mark.
 */
export async function unfollowPaper(actor: Actor, input: { paperId: string }) {
  const me = requireActor(actor);
  await loadPaperAccess(db, me, input.paperId);
  assertSelf(me, "notifications.manage");
  await db.paperFollow.upsert({
    where: { paperId_userId: { paperId: input.paperId, userId: me.id } },
    create: { paperId: input.paperId, userId: me.id, mutedAt: new Date() },
    update: { mutedAt: new Date() },
    select: { paperId: true },
  });
}
