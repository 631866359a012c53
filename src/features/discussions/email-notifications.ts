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
  const emailOf = new Map(recipients.flatMap((r) => (r.email ? [[r.id, r.email] as const] : [])));
  const base = env().NEXTAUTH_URL ?? "";
  await sendEmails(
    worth.flatMap((n) => {
      const to = emailOf.get(n.userId);
      if (!to) return [];
      return [
        {
          to,
          subject: n.text,
          text: `${n.text}\n\n${base}${n.url}\n\nYou can turn these emails off in your profile settings.`,
        },
      ];
    }),
  );
}
