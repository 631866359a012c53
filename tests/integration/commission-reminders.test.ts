import { beforeAll, describe, expect, it } from "vitest";
import { PERIODIC_TASKS } from "@/composition/jobs";
import { sendDeadlineReminders } from "@/features/commissions/reminders";
import { paperPath } from "@/lib/paths";
import { db } from "@/server/db";
import { makeCommission, makeOrganisation } from "./helpers/commission-factories";
import { addMember, makeGroup, makeUser, type TestGroup, type TestUser } from "./helpers/factories";
import { raceBehindTableLock } from "./helpers/race";
import { resetDatabase } from "./helpers/reset-db";

beforeAll(resetDatabase);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Posting = {
  group: TestGroup;
  url: string;
  deadline: Date;
  owner: TestUser;
  moderator: TestUser;
  members: TestUser[];
  pending: TestUser;
  orgAdmins: TestUser[];
};

let clock = Date.now() + 400 * DAY;

/**
 * A commission posted to a fresh group, its posting set to `status` and its deadline 60 days after
 * the previous test's, so a run never finds a later test's posting due (earlier ones are overdue).
 */
async function makePosting(status: "ACCEPTED" | "DECLINED" | "PROPOSED" = "ACCEPTED"): Promise<Posting> {
  clock += 60 * DAY;
  const deadline = new Date(clock);
  const owner = await makeUser();
  const moderator = await makeUser();
  const group = await makeGroup(owner);
  await addMember(group, moderator, "MODERATOR");
  const members = [await makeUser(), await makeUser(), await makeUser()];
  for (const m of members) await addMember(group, m);
  const pending = await makeUser();
  await addMember(group, pending, "MEMBER", "PENDING");
  const orgAdmins = [await makeUser(), await makeUser()];
  const organisation = await makeOrganisation(orgAdmins);
  const { commissionId, papers } = await makeCommission(orgAdmins[0], organisation, [group]);
  await db.commission.update({ where: { id: commissionId }, data: { deadlineAt: deadline } });
  await db.commissionPosting.update({ where: { paperId: papers[0].paperId }, data: { status } });
  return {
    group,
    url: paperPath(papers[0].groupSlug, papers[0].slug),
    deadline,
    owner,
    moderator,
    members,
    pending,
    orgAdmins,
  };
}

const at = (p: Posting, offsetMs: number) => new Date(p.deadline.getTime() + offsetMs);
const told = async (p: Posting) =>
  await db.notification.findMany({
    where: { kind: "COMMISSION_DEADLINE", url: p.url },
    select: { userId: true, text: true },
    orderBy: { createdAt: "asc" },
  });
const ids = (users: { id: string }[]) => users.map((u) => u.id).sort();

describe("deadline reminders", () => {
  it("reminds every active member a week and a day before, then tells the owners and the organisation's admins once it is overdue", async () => {
    const p = await makePosting();
    const everyone = [p.owner, p.moderator, ...p.members];

    await sendDeadlineReminders(at(p, -8 * DAY));
    expect(await told(p)).toHaveLength(0);

    await sendDeadlineReminders(at(p, -6 * DAY - HOUR));
    const week = await told(p);
    expect(week.map((n) => n.userId).sort()).toEqual(ids(everyone));
    expect(week[0].text).toMatch(/is due in 7 days/);
    await sendDeadlineReminders(at(p, -5 * DAY));
    expect(await told(p)).toHaveLength(everyone.length);

    await sendDeadlineReminders(at(p, -20 * HOUR));
    const day = (await told(p)).slice(everyone.length);
    expect(day.map((n) => n.userId).sort()).toEqual(ids(everyone));
    expect(day[0].text).toMatch(/within a day/);

    await sendDeadlineReminders(at(p, HOUR));
    await sendDeadlineReminders(at(p, 3 * DAY));
    const overdue = (await told(p)).slice(2 * everyone.length);
    expect(overdue.map((n) => n.userId).sort()).toEqual(ids([p.owner, ...p.orgAdmins]));
    expect(overdue[0].text).toMatch(/passed its deadline/);
    expect(
      await db.notification.count({ where: { url: p.url, kind: "COMMISSION_DEADLINE", userId: p.pending.id } }),
    ).toBe(0);
    // Nothing is closed or forced.
    expect(
      await db.commissionPosting.findFirstOrThrow({ where: { groupId: p.group.id }, select: { status: true } }),
    ).toEqual({ status: "ACCEPTED" });
  });

  it("an owner who is also an organisation admin hears once that it is overdue", async () => {
    const p = await makePosting();
    await db.organisationMember.create({
      data: {
        organisationId: (await db.organisationMember.findFirstOrThrow({ where: { userId: p.orgAdmins[0].id } }))
          .organisationId,
        userId: p.owner.id,
        role: "ADMIN",
      },
    });
    await sendDeadlineReminders(at(p, DAY));
    expect((await told(p)).map((n) => n.userId).sort()).toEqual(ids([p.owner, ...p.orgAdmins]));
  });

  it("a first run with 12 hours left sends only the day reminder, and never the week one later", async () => {
    const p = await makePosting();
    await sendDeadlineReminders(at(p, -12 * HOUR));
    const first = await told(p);
    expect(first).toHaveLength(5);
    expect(first.every((n) => /within a day/.test(n.text))).toBe(true);
    await sendDeadlineReminders(at(p, -11 * HOUR));
    expect(await told(p)).toHaveLength(5);
    const claimed = await db.commissionReminder.findMany({ where: { groupId: p.group.id }, select: { kind: true } });
    expect(claimed.map((c) => c.kind).sort()).toEqual(["day", "week"]);
  });

  it("two processes running the job at once send each reminder exactly once", async () => {
    // Every run reads CommissionReminder to find what is due: the barrier holds them all there. Prisma's
    // extended protocol takes each run's snapshot only after the barrier lifts, so on a busy machine
    // one run may read after another has committed its claim and find nothing due; then the race this
    // test is about did not happen, and it tries again with a fresh posting (each try must hold too).
    let contested = 0;
    for (let attempt = 1; attempt <= 5 && contested < 2; attempt++) {
      const p = await makePosting();
      const { results, overlapped } = await raceBehindTableLock(
        "CommissionReminder",
        [1, 2, 3].map(() => () => sendDeadlineReminders(at(p, -3 * DAY))),
        3,
      );
      expect(overlapped).toBeGreaterThanOrEqual(3);
      const runs = results.map((r) => {
        if (r.status === "rejected") throw r.reason;
        return r.value;
      });
      expect(await told(p)).toHaveLength(5);
      contested = runs.filter((r) => r.considered >= 1).length;
    }
    // At least once, two racing runs both found the posting due and still told each person once.
    expect(contested).toBeGreaterThanOrEqual(2);
    // Earlier tests' postings fell overdue in these runs too: none of them was told twice either.
    const twice = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (SELECT 1 FROM "Notification" WHERE kind = 'COMMISSION_DEADLINE' GROUP BY "userId", url, text HAVING count(*) > 1) AS dupes`;
    expect(twice[0].n).toBe(0);
  });

  it("sends nothing for declined postings, postings awaiting the group's decision, or published papers", async () => {
    const declined = await makePosting("DECLINED");
    const awaiting = await makePosting("PROPOSED");
    const published = await makePosting();
    const paper = await db.paper.findFirstOrThrow({
      where: { groupId: published.group.id },
      select: { id: true, title: true, question: true, summary: true, revisions: { select: { id: true }, take: 1 } },
    });
    await db.publication.create({
      data: {
        paperId: paper.id,
        version: 1,
        revisionId: paper.revisions[0].id,
        title: paper.title,
        question: paper.question,
        summary: paper.summary,
        sections: [],
        contributors: [],
        participation: {},
        licence: "CC-BY-4.0",
      },
    });
    for (const p of [declined, awaiting, published]) {
      for (const offset of [-3 * DAY, -HOUR, DAY]) await sendDeadlineReminders(at(p, offset));
      expect(await told(p)).toHaveLength(0);
    }
  });

  it("runs hourly as a periodic task", () => {
    expect(PERIODIC_TASKS.find((t) => t.name === "commission-deadline-reminders")?.cron).toBe("17 * * * *");
  });
});
