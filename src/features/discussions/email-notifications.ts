import "server-only";
import type { NewNotification } from "@/features/notifications/mutations";
import type { Tx } from "@/server/db";
import { queueEmails } from "@/server/email/outbox";

/**
 * Queues an email for each reply and mention, in the transaction of the post. Whether it goes
 * (the member's preference, a suspension, a deleted account) is decided when it is sent.
 */
export async function queueNotificationEmails(tx: Tx, notifications: NewNotification[], origin: string) {
  const worth = notifications.filter((n) => n.kind === "REPLY" || n.kind === "MENTION");
  if (worth.length === 0) return;
  const recipients = await tx.user.findMany({
    where: { id: { in: worth.map((n) => n.userId) }, deletedAt: null, email: { not: null } },
    select: { id: true, email: true },
  });
  const emailOf = new Map(recipients.flatMap((r) => (r.email ? [[r.id, r.email] as const] : [])));
  await queueEmails(
    tx,
    worth.flatMap((n) => {
      const to = emailOf.get(n.userId);
      if (!to) return [];
      return [
        {
          userId: n.userId,
          to,
          category: "NOTIFICATION" as const,
          subject: n.text,
          text: `${n.text}\n\nRead it here: ${origin}${n.url}\n\nYou can turn these emails off in your settings: ${origin}/settings/profile`,
        },
      ];
    }),
  );
}
