import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { NotificationKind } from "@/generated/prisma/enums";
import { type Actor, canForSelf } from "@/server/authz/permissions";
import { db, type Tx } from "@/server/db";
import { queueImmediateEmails } from "./notification-emails";
import { targetOf } from "./target";

/** The most a notification says; longer texts are cut. */
const TEXT_LIMIT = 300;

export type NewNotification = {
  userId: string;
  actorId?: string | null;
  kind: NotificationKind;
  text: string;
  url: string;
  /** Set for notifications about a post, so that reading the thread clears them. */
  threadId?: string;
  postId?: string;
};

/**
 * Notifications are written in the transaction of the change they report, with the emails of
 * those who want them at once (notification-emails.ts).
 */
export async function notify(tx: Tx, notifications: NewNotification | NewNotification[]) {
  const list = (Array.isArray(notifications) ? notifications : [notifications]).filter((n) => n.userId !== n.actorId);
  if (list.length === 0) return;
  const created = await tx.notification.createManyAndReturn({
    select: { id: true },
    data: list.map((n) => ({
      userId: n.userId,
      actorId: n.actorId ?? null,
      kind: n.kind,
      text: n.text.slice(0, TEXT_LIMIT),
      url: n.url,
      threadId: n.threadId ?? null,
      postId: n.postId ?? null,
    })),
  });
  await queueImmediateEmails(
    tx,
    created.map((c) => c.id),
  );
}

/**
 * One notification to each person `audience` names (a SELECT of one "userId" column, each person
 * once), never to the actor, in ONE statement inside the caller's transaction: a group may have
 * thousands of members, and none of them is read into the app. Returns how many were written.
 */
export async function notifyAudience(
  tx: Tx,
  audience: Prisma.Sql,
  n: { actorId?: string | null; kind: NotificationKind; text: string; url: string },
): Promise<number> {
  const actorId = n.actorId ?? null;
  const created = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
    INSERT INTO "Notification" ("userId", "actorId", kind, text, url)
    SELECT DISTINCT audience."userId", ${actorId}::uuid, ${n.kind}::"NotificationKind", ${n.text.slice(0, TEXT_LIMIT)}, ${n.url}
    FROM (${audience}) AS audience
    WHERE audience."userId" IS NOT NULL AND audience."userId" IS DISTINCT FROM ${actorId}::uuid
    RETURNING id`);
  await queueImmediateEmails(
    tx,
    created.map((c) => c.id),
  );
  return created.length;
}

/** Signed out (or not allowed, which no account is: see KEPT_WHILE_SUSPENDED): nothing to do, nothing said. */
export async function markAllNotificationsRead(actor: Actor) {
  if (!canForSelf(actor, "notifications.manage") || !actor) return;
  await db.notification.updateMany({ where: { userId: actor.id, readAt: null }, data: { readAt: new Date() } });
}

/** Marks one of the actor's notifications read and says where it points; null if it is not theirs. */
export async function openNotification(actor: Actor, notificationId: string): Promise<string | null> {
  // A strict UUID: PostgreSQL refuses anything looser (36 hyphens pass a laxer pattern) with an error, not "no row".
  if (
    !canForSelf(actor, "notifications.manage") ||
    !actor ||
    !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(notificationId)
  )
    return null;
  const found = await db.notification.findFirst({
    where: { id: notificationId, userId: actor.id },
    select: { url: true, postId: true, readAt: true },
  });
  if (!found) return null;
  if (!found.readAt)
    await db.notification.update({ where: { id: notificationId }, data: { readAt: new Date() }, select: { id: true } });
  return targetOf(found);
}
