import "server-only";
import { formatDate } from "@/lib/dates";
import { paperPath } from "@/lib/paths";
import { db, type Tx } from "@/server/db";

const DAY_MS = 24 * 3_600_000;
/** Postings handled per run; the hourly job picks up the rest next time. */
const BATCH = 200;

type ReminderKind = "week" | "day" | "overdue";
const ORDER: ReminderKind[] = ["week", "day", "overdue"];

type Due = {
  commissionId: string;
  groupId: string;
  deadlineAt: Date;
  organisationId: string;
  organisationName: string;
  paperSlug: string;
  paperTitle: string;
  groupSlug: string;
  due: ReminderKind;
};

/** Claims a reminder; true only for the one run (of however many) whose insert wrote the row. */
async function claim(tx: Tx, p: Due, kind: ReminderKind) {
  const rows = await tx.$queryRaw<{ kind: string }[]>`
    INSERT INTO "CommissionReminder" ("commissionId", "groupId", kind)
    VALUES (${p.commissionId}::uuid, ${p.groupId}::uuid, ${kind})
    ON CONFLICT DO NOTHING RETURNING kind`;
  return rows.length === 1;
}

function textOf(p: Due, now: Date) {
  const deadline = formatDate(p.deadlineAt);
  const title = p.paperTitle.length > 150 ? `${p.paperTitle.slice(0, 149)}…` : p.paperTitle;
  if (p.due === "overdue") {
    return `“${title}” passed its deadline (${deadline}) without a published report for ${p.organisationName}. Nothing is closed: the group can still publish.`;
  }
  const days = Math.ceil((p.deadlineAt.getTime() - now.getTime()) / DAY_MS);
  const when = p.due === "day" || days <= 1 ? "within a day" : `in ${days} days`;
  return `“${title}”, commissioned by ${p.organisationName}, is due ${when} (${deadline}).`;
}

/** One posting's reminder, claimed and sent in one transaction: the claim and the notifications stand or fall together. */
async function remind(p: Due, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    // Earlier reminders a late first run skipped are claimed silently, so they are never sent late.
    for (const earlier of ORDER.slice(0, ORDER.indexOf(p.due))) await claim(tx, p, earlier);
    if (!(await claim(tx, p, p.due))) return false;
    const text = textOf(p, now).slice(0, 300); // the length notify() keeps
    const url = paperPath(p.groupSlug, p.paperSlug);
    if (p.due === "overdue") {
      await tx.$executeRaw`
        INSERT INTO "Notification" ("userId", kind, text, url)
        SELECT DISTINCT "userId", 'COMMISSION_DEADLINE'::"NotificationKind", ${text}, ${url} FROM (
          SELECT "userId" FROM "Membership" WHERE "groupId" = ${p.groupId}::uuid AND status = 'ACTIVE' AND role = 'OWNER'
          UNION SELECT "userId" FROM "OrganisationMember" WHERE "organisationId" = ${p.organisationId}::uuid
        ) AS recipients`;
    } else {
      // A group may have thousands of members: one statement, not a row per member from here.
      await tx.$executeRaw`
        INSERT INTO "Notification" ("userId", kind, text, url)
        SELECT "userId", 'COMMISSION_DEADLINE'::"NotificationKind", ${text}, ${url}
        FROM "Membership" WHERE "groupId" = ${p.groupId}::uuid AND status = 'ACTIVE'`;
    }
    return true;
  });
}

/**
 * Hourly: reminds each group drafting a commission a week and a day before the deadline, and
 * tells the group's owners and the organisation's admins once it has passed. Nothing is closed,
 * deleted or forced. Safe to run in several processes at once: each reminder is claimed once.
 */
export async function sendDeadlineReminders(now = new Date()) {
  const week = new Date(now.getTime() + 7 * DAY_MS);
  const day = new Date(now.getTime() + DAY_MS);
  const due = await db.$queryRaw<Due[]>`
    SELECT * FROM (
      SELECT cp."commissionId", cp."groupId", c."deadlineAt", c."organisationId", o.name AS "organisationName",
             p.slug AS "paperSlug", p.title AS "paperTitle", g.slug AS "groupSlug",
             CASE WHEN c."deadlineAt" <= ${now} THEN 'overdue' WHEN c."deadlineAt" <= ${day} THEN 'day' ELSE 'week' END AS due
      FROM "CommissionPosting" cp
      JOIN "Commission" c ON c.id = cp."commissionId"
      JOIN "Organisation" o ON o.id = c."organisationId"
      JOIN "Paper" p ON p.id = cp."paperId"
      JOIN "Group" g ON g.id = cp."groupId"
      WHERE cp.status = 'ACCEPTED' AND c."deadlineAt" <= ${week}
        AND NOT EXISTS (SELECT 1 FROM "Publication" pub WHERE pub."paperId" = cp."paperId")
    ) AS postings
    WHERE NOT EXISTS (
      SELECT 1 FROM "CommissionReminder" r
      WHERE r."commissionId" = postings."commissionId" AND r."groupId" = postings."groupId" AND r.kind = postings.due
    )
    ORDER BY "deadlineAt" LIMIT ${BATCH}`;
  let sent = 0;
  for (const posting of due) if (await remind(posting, now)) sent += 1;
  return { considered: due.length, sent };
}
