import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { wakeMailer } from "@/server/email/mailer";
import { queueEmail } from "@/server/email/outbox";
import { logError } from "@/server/log";
import { mailOrigin } from "@/server/site-origin";
import { frequencySql, TOPIC_COLUMN, TOPICS } from "./email-topics";
import { unsubscribeParts } from "./notification-emails";
import { targetOf } from "./target";

// Daily and weekly digests: one email per member and period, listing by group what they have not
// yet read or been emailed about, in the topics they chose that digest for. No digest when there
// is nothing new. Each digest is claimed by moving the member's digest time forward in the same
// transaction that marks its notifications emailed and queues it, so two workers cannot both send it.

type Period = "DAILY" | "WEEKLY";
const PERIOD_HOURS: Record<Period, number> = { DAILY: 24, WEEKLY: 7 * 24 };
const COLUMN: Record<Period, "dailyDigestAt" | "weeklyDigestAt"> = { DAILY: "dailyDigestAt", WEEKLY: "weeklyDigestAt" };
/** The most a digest lists; the rest wait on the notifications page ("and 12 more"). */
const MAX_ITEMS = 60;
/** Members read per batch. */
const BATCH = 200;
/** A run stops taking new batches after this long (pg-boss gives a task 5 minutes); the next hourly run goes on. */
const RUN_BUDGET_MS = 4 * 60_000;

type Item = { id: string; text: string; url: string; postId: string | null; groupName: string | null };

const eligible = (period: Period) => Prisma.sql`
  n."emailedAt" IS NULL AND n."readAt" IS NULL AND ${Prisma.raw(frequencySql())}::text = ${period}`;

async function dueMembers(period: Period, now: Date, skip: string[]): Promise<string[]> {
  const since = new Date(now.getTime() - PERIOD_HOURS[period] * 3_600_000);
  const anyTopic = Prisma.raw(TOPICS.map((t) => `p."${TOPIC_COLUMN[t]}"::text = '${period}'`).join(" OR "));
  const rows = await db.$queryRaw<{ userId: string }[]>(Prisma.sql`
    SELECT p."userId" FROM "Profile" p JOIN "User" u ON u.id = p."userId"
    WHERE u."deletedAt" IS NULL AND u.email IS NOT NULL
      AND (u."suspendedUntil" IS NULL OR u."suspendedUntil" <= ${now})
      AND (p.${Prisma.raw(`"${COLUMN[period]}"`)} IS NULL OR p.${Prisma.raw(`"${COLUMN[period]}"`)} <= ${since})
      AND (${anyTopic})
      AND EXISTS (SELECT 1 FROM "Notification" n WHERE n."userId" = p."userId" AND ${eligible(period)})
      AND NOT (p."userId" = ANY(${skip}::uuid[]))
    LIMIT ${BATCH}`);
  return rows.map((r) => r.userId);
}

function compose(period: Period, name: string, items: Item[], more: number) {
  const origin = mailOrigin();
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const key = item.groupName ?? "Elsewhere on Policy Commons";
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const sections = [...groups.entries()].map(
    ([group, list]) =>
      `${group}\n${"=".repeat(Math.min(group.length, 60))}\n${list.map((i) => `- ${i.text}\n  ${origin}${targetOf(i)}`).join("\n")}`,
  );
  const word = period === "DAILY" ? "daily" : "weekly";
  return {
    subject: `Your ${word} Policy Commons digest: ${items.length + more} new ${items.length + more === 1 ? "item" : "items"}`,
    body: [
      `Hello ${name},`,
      `Here is what happened in your groups, threads and papers since your last ${word} digest.`,
      ...sections,
      ...(more > 0 ? [`And ${more} more: ${origin}/notifications`] : []),
    ].join("\n\n"),
  };
}

/** One member's digest, in one transaction; false if another worker took it first or nothing is left. */
async function sendDigest(userId: string, period: Period, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - PERIOD_HOURS[period] * 3_600_000);
  const column = Prisma.raw(`"${COLUMN[period]}"`);
  return db.$transaction(async (tx) => {
    const claimed = await tx.$executeRaw(Prisma.sql`
      UPDATE "Profile" SET ${column} = ${now}
      WHERE "userId" = ${userId}::uuid AND (${column} IS NULL OR ${column} <= ${since})`);
    if (claimed === 0) return false;
    const items = await tx.$queryRaw<(Item & { total: number })[]>(Prisma.sql`
      SELECT n.id, n.text, n.url, n."postId", coalesce(gt.name, gp.name, gs.name) AS "groupName",
             count(*) OVER ()::int AS total
      FROM "Notification" n
      LEFT JOIN "Profile" p ON p."userId" = n."userId"
      LEFT JOIN "Thread" t ON t.id = n."threadId"
      LEFT JOIN "Group" gt ON gt.id = t."groupId"
      LEFT JOIN "Proposal" pr ON pr.id = substring(n.url from '^/proposals/([0-9a-f-]{36})')::uuid
      LEFT JOIN "Paper" pa ON pa.id = pr."paperId"
      LEFT JOIN "Group" gp ON gp.id = pa."groupId"
      LEFT JOIN "Group" gs ON gs.slug = substring(n.url from '^/groups/([^/?#]+)')
      WHERE n."userId" = ${userId}::uuid AND ${eligible(period)}
      ORDER BY n."createdAt"
      LIMIT ${MAX_ITEMS}`);
    if (items.length === 0) return false;
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, displayName: true } });
    if (!user.email) return false;
    await tx.notification.updateMany({ where: { id: { in: items.map((i) => i.id) } }, data: { emailedAt: now } });
    const { subject, body } = compose(period, user.displayName, items, (items[0]?.total ?? 0) - items.length);
    const { footer, headers } = unsubscribeParts(
      userId,
      period,
      `You get this ${period === "DAILY" ? "daily" : "weekly"} digest because you chose it for some kinds of notification.`,
    );
    await queueEmail(tx, {
      userId,
      to: user.email,
      category: "NOTIFICATION",
      topic: "DIGEST",
      subject,
      text: `${body}\n\n${footer}`,
      headers,
    });
    return true;
  });
}

/**
 * The hourly digest run: every member whose daily or weekly digest is due and has something in
 * it, batch by batch (a claimed member is no longer due), until none is left or the run's time is up.
 */
export async function sendDigests(now = new Date()): Promise<{ daily: number; weekly: number }> {
  const sent = { daily: 0, weekly: 0 };
  const started = Date.now();
  for (const period of ["DAILY", "WEEKLY"] as const) {
    // Members whose digest failed this run: tried again next hour, not again and again now.
    const failed: string[] = [];
    for (;;) {
      if (Date.now() - started > RUN_BUDGET_MS) break;
      const batch = await dueMembers(period, now, failed);
      if (batch.length === 0) break;
      for (const userId of batch) {
        try {
          if (await sendDigest(userId, period, now)) sent[period === "DAILY" ? "daily" : "weekly"] += 1;
        } catch (error) {
          // One member's failure must not hold up everyone else's digest.
          failed.push(userId);
          logError("digest failed", error, { userId, period });
        }
      }
    }
  }
  if (sent.daily + sent.weekly > 0) wakeMailer();
  return sent;
}
