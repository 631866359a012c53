import "server-only";
import { db } from "../db";
import { logError, logInfo } from "../log";
import { isPermanentFailure, MAX_ATTEMPTS, retryDelayMinutes } from "./retry-policy";
import { transmit } from "./transport";

// The outbox worker. Each message is claimed by one worker at a time (FOR UPDATE SKIP LOCKED, then
// status SENDING with a lease), so several processes never send the same message twice; a worker
// that dies mid-send leaves a lease that runs out, and the message is due again. (Should a process
// die after the SMTP server took a message but before the row says SENT, that one message goes
// again: the same Message-ID lets mail clients fold the two.)

/** How long a claimed message is held; well above the transport's timeouts (transport.ts). */
const LEASE_SECONDS = 300;
const BATCH = 20;
type Claimed = {
  id: string;
  userId: string | null;
  toAddress: string;
  category: "ACCOUNT" | "NOTIFICATION";
  subject: string;
  text: string;
  html: string;
  messageId: string;
  attempts: number;
  topic: string | null;
  notificationId: string | null;
  headers: Record<string, string> | null;
  deletedAt: Date | null;
  suspendedUntil: Date | null;
  accountEmail: string | null;
  /** The member's choice for this message's topic, as it is now. */
  frequency: string | null;
};

async function claim(now: Date): Promise<Claimed[]> {
  return db.$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT id FROM "OutboxEmail"
      WHERE ("status" = 'PENDING' AND "nextAttemptAt" <= ${now})
         OR ("status" = 'SENDING' AND "lockedUntil" < ${now})
      ORDER BY "nextAttemptAt"
      LIMIT ${BATCH}
      FOR UPDATE SKIP LOCKED
    ), taken AS (
      UPDATE "OutboxEmail" o
      SET "status" = 'SENDING', "attempts" = o."attempts" + 1,
          "lockedUntil" = ${now}::timestamptz + make_interval(secs => ${LEASE_SECONDS})
      FROM due WHERE o.id = due.id
      RETURNING o.id, o."userId", o."toAddress", o."category"::text AS category, o."subject", o."text", o."html",
                o."messageId", o."attempts", o."topic"::text AS topic, o."notificationId", o."headers"
    )
    SELECT taken.*, u."deletedAt", u."suspendedUntil", u."email" AS "accountEmail",
           (CASE taken.topic WHEN 'REPLIES' THEN p."emailReplies" WHEN 'THREADS' THEN p."emailThreads"
                             WHEN 'PAPERS' THEN p."emailPapers" WHEN 'GROUPS' THEN p."emailGroups"
                             WHEN 'COMMISSIONS' THEN p."emailCommissions" END)::text AS frequency
    FROM taken
    LEFT JOIN "User" u ON u.id = taken."userId"
    LEFT JOIN "Profile" p ON p."userId" = taken."userId"`;
}

/** Why a message is not to be sent after all, read as things stand when it is due; null to send it. */
function reasonToSkip(m: Claimed, now: Date): string | null {
  if (!m.userId) return null;
  if (m.deletedAt || m.accountEmail === null) return "the account was deleted";
  if (m.category === "ACCOUNT") return null;
  if (m.suspendedUntil && m.suspendedUntil > now) return "the account is suspended";
  // A digest was made from the choices as they stood; a single notice goes only to "immediately".
  if (m.topic && m.topic !== "DIGEST" && m.frequency !== null && m.frequency !== "IMMEDIATELY")
    return "the member gets these in a digest, or not at all";
  return null;
}

async function settle(m: Claimed, data: Record<string, unknown>) {
  // Only while this worker still holds it: a lease that ran out may have passed it to another.
  await db.outboxEmail.updateMany({ where: { id: m.id, status: "SENDING", attempts: m.attempts }, data });
}

async function deliverOne(m: Claimed, now: Date): Promise<"sent" | "skipped" | "retry" | "failed"> {
  const skip = reasonToSkip(m, now);
  if (skip) {
    await settle(m, { status: "SKIPPED", lockedUntil: null, lastError: skip });
    return "skipped";
  }
  // Notices go to the address the account has now; account mail to the address it was written for.
  const to = m.category === "NOTIFICATION" && m.accountEmail ? m.accountEmail : m.toAddress;
  try {
    await transmit({
      to,
      subject: m.subject,
      text: m.text,
      html: m.html,
      messageId: m.messageId,
      headers: m.headers ?? undefined,
    });
    await settle(m, { status: "SENT", sentAt: new Date(), lockedUntil: null, lastError: null });
    // The notification has been told by email: no digest repeats it.
    if (m.notificationId)
      await db.notification.updateMany({
        where: { id: m.notificationId, emailedAt: null },
        data: { emailedAt: new Date() },
      });
    return "sent";
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500);
    if (isPermanentFailure(error) || m.attempts >= MAX_ATTEMPTS) {
      logError("email failed for good", error, { messageId: m.messageId, attempts: m.attempts });
      await settle(m, { status: "FAILED", lockedUntil: null, lastError: reason });
      return "failed";
    }
    const next = new Date(now.getTime() + retryDelayMinutes(m.attempts) * 60_000);
    await settle(m, { status: "PENDING", lockedUntil: null, lastError: reason, nextAttemptAt: next });
    return "retry";
  }
}

export type DeliveryReport = { sent: number; skipped: number; retry: number; failed: number };

/** Delivers everything due, batch by batch, until nothing is left to claim. */
export async function deliverDueEmails(now: () => Date = () => new Date()): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, skipped: 0, retry: 0, failed: 0 };
  for (;;) {
    const at = now();
    const batch = await claim(at);
    if (batch.length === 0) break;
    // One at a time: a mail server throttles a client that opens many connections at once.
    for (const message of batch) report[await deliverOne(message, at)] += 1;
  }
  if (report.sent + report.skipped + report.retry + report.failed > 0) logInfo("outbox delivered", report);
  return report;
}
