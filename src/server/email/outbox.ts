import "server-only";
import { randomUUID } from "node:crypto";
import type { EmailTopic } from "@/generated/prisma/enums";
import { htmlFromText } from "@/lib/email-body";
import type { Tx } from "../db";
import { env } from "../env";

// Email is written to the outbox in the transaction of the event that causes it: if the event
// rolls back, no message exists; if it commits, the message is delivered (deliver.ts), however
// the SMTP server or the process fares afterwards.

export type OutgoingEmail = {
  /** The account the message is for, when there is one: its state and preferences are read at send time. */
  userId: string | null;
  to: string;
  /** ACCOUNT mail is sent whatever the preferences; NOTIFICATION mail follows them. */
  category: "ACCOUNT" | "NOTIFICATION";
  /** For NOTIFICATION mail: the preference that decides, at send time, whether it goes. */
  topic?: EmailTopic;
  /** The notification it tells of: marked emailed when sent, so no digest repeats it. */
  notificationId?: string;
  subject: string;
  /** The plain-text part; the HTML part is made from it. */
  text: string;
  headers?: Record<string, string>;
};

/** The domain of Message-IDs: SMTP_FROM's, as mail servers expect of the sender. */
function messageDomain(): string {
  const from = env().SMTP_FROM;
  return from.match(/@([^\s>]+)/)?.[1] ?? "localhost";
}

export async function queueEmails(tx: Tx, messages: OutgoingEmail[]): Promise<void> {
  if (messages.length === 0) return;
  await tx.outboxEmail.createMany({
    data: messages.map((m) => ({
      userId: m.userId,
      toAddress: m.to,
      category: m.category,
      // Subjects are one line: a newline could smuggle a header into some mail clients' views.
      subject: m.subject.replace(/\s+/g, " ").trim().slice(0, 200),
      text: m.text,
      html: htmlFromText(m.subject, m.text),
      topic: m.topic ?? null,
      notificationId: m.notificationId ?? null,
      headers: m.headers ?? undefined,
      messageId: `<${randomUUID()}@${messageDomain()}>`,
    })),
  });
}

export function queueEmail(tx: Tx, message: OutgoingEmail): Promise<void> {
  return queueEmails(tx, [message]);
}
