import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { NotificationKind } from "@/generated/prisma/enums";
import type { Tx } from "@/server/db";
import { queueEmails } from "@/server/email/outbox";
import { mailOrigin } from "@/server/site-origin";
import { frequencySql, TOPIC_LABELS, topicOfKind } from "./email-topics";
import { targetOf } from "./target";
import { type UnsubscribeScope, unsubscribeToken } from "./unsubscribe-token";

export const PREFERENCES_PATH = "/settings/notifications";
export const unsubscribePath = (token: string) => `/unsubscribe?token=${encodeURIComponent(token)}`;

/**
 * The end of every notification email, and its List-Unsubscribe headers (RFC 8058): a mail client
 * can turn this kind of email off with one click, and the link lands on the choice for it.
 */
export function unsubscribeParts(userId: string, scope: UnsubscribeScope, why: string) {
  const token = unsubscribeToken(userId, scope);
  const origin = mailOrigin();
  return {
    footer: [
      "—",
      why,
      `Choose what you get and how often: ${origin}${PREFERENCES_PATH}`,
      `Stop these emails: ${origin}${unsubscribePath(token)}`,
    ].join("\n"),
    headers: {
      "List-Unsubscribe": `<${origin}/api/unsubscribe?token=${encodeURIComponent(token)}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}

type Row = {
  id: string;
  userId: string;
  kind: NotificationKind;
  text: string;
  url: string;
  postId: string | null;
  email: string;
};

/**
 * Queues an email for each of these notifications whose reader chose "immediately" for its kind,
 * in the transaction that wrote them. The rest wait for a digest (or for nothing, when off).
 * Whether each is still wanted is asked again when it is sent.
 */
export async function queueImmediateEmails(tx: Tx, notificationIds: string[]) {
  if (notificationIds.length === 0) return;
  const rows = await tx.$queryRaw<Row[]>(Prisma.sql`
    SELECT n.id, n."userId", n.kind::text AS kind, n.text, n.url, n."postId", u.email
    FROM "Notification" n
    JOIN "User" u ON u.id = n."userId"
    LEFT JOIN "Profile" p ON p."userId" = n."userId"
    WHERE n.id = ANY(${notificationIds}::uuid[]) AND u.email IS NOT NULL AND u."deletedAt" IS NULL
      AND coalesce(${Prisma.raw(frequencySql())}::text, 'IMMEDIATELY') = 'IMMEDIATELY'`);
  const origin = mailOrigin();
  await queueEmails(
    tx,
    rows.map((n) => {
      const topic = topicOfKind(n.kind);
      const { footer, headers } = unsubscribeParts(
        n.userId,
        topic,
        `You get an email at once for: ${TOPIC_LABELS[topic].label.toLowerCase()}.`,
      );
      return {
        userId: n.userId,
        to: n.email,
        category: "NOTIFICATION" as const,
        topic,
        notificationId: n.id,
        subject: n.text,
        text: `${n.text}\n\nOpen it: ${origin}${targetOf(n)}\n\n${footer}`,
        headers,
      };
    }),
  );
}
