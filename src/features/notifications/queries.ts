import "server-only";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { unauthenticated } from "@/server/errors";
import { targetOf } from "./target";

export const NOTIFICATIONS_PAGE_SIZE = 30;

export async function countUnreadNotifications(actor: Actor): Promise<number> {
  if (!actor) return 0;
  return db.notification.count({ where: { userId: actor.id, readAt: null } });
}

export async function listNotifications(actor: Actor, page: number) {
  if (!actor) throw unauthenticated();
  const [total, items] = await Promise.all([
    db.notification.count({ where: { userId: actor.id } }),
    db.notification.findMany({
      where: { userId: actor.id },
      orderBy: { createdAt: "desc" },
      skip: (page - 1) * NOTIFICATIONS_PAGE_SIZE,
      take: NOTIFICATIONS_PAGE_SIZE,
      select: { id: true, kind: true, text: true, url: true, readAt: true, createdAt: true },
    }),
  ]);
  return { items, total, page, pageCount: Math.max(1, Math.ceil(total / NOTIFICATIONS_PAGE_SIZE)) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where one of the actor's notifications points, without marking it read; null if it is not theirs. */
export async function notificationTarget(actor: Actor, notificationId: string): Promise<string | null> {
  // A strict UUID: PostgreSQL refuses anything looser with an error, not "no row".
  if (!actor || !UUID.test(notificationId)) return null;
  const found = await db.notification.findFirst({
    where: { id: notificationId, userId: actor.id },
    select: { url: true, postId: true },
  });
  return found ? targetOf(found) : null;
}
