import "server-only";
import type { NewNotification } from "@/features/notifications/mutations";
import { db } from "@/server/db";
import { emailEnabled, sendEmails } from "@/server/email";
import { env } from "@/server/env";

/** Emails replies and mentions to members who keep email on; runs after the post is committed. */
export async function emailNotifications(notifications: NewNotification[]) {
  const worth = notifications.filter((n) => n.kind === "REPLY" || n.kind === "MENTION");
  if (!emailEnabled() || worth.length === 0) return;
  const recipients = await db.user.findMany({
    where: {
      id: { in: worth.map((n) => n.userId) },
      deletedAt: null,
      email: { not: null },
      profile: { emailNotifications: true },
    },
    select: { id: true, email: true },
  });
  const emailOf = new Map(recipients.map((r) => [r.id, r.email!]));
  const base = env().NEXTAUTH_URL ?? "";
  await sendEmails(
    worth
      .filter((n) => emailOf.has(n.userId))
      .map((n) => ({
        to: emailOf.get(n.userId)!,
        subject: n.text,
        text: `${n.text}\n\n${base}${n.url}\n\nYou can turn these emails off in your profile settings.`,
      })),
  );
}
