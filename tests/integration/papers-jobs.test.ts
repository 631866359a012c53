// Proposals close by themselves: closeDueProposals, the periodic tasks that run it, and the
// pg-boss scheduler that runs those tasks in every server process, against the real database.
import PgBoss from "pg-boss";
import { beforeAll, describe, expect, it } from "vitest";
import { type CloseOutcome, closeDueProposals } from "@/composition/decisions";
import { JOBS, PERIODIC_TASKS } from "@/composition/jobs";
import { createProposal, withdrawProposal } from "@/features/proposals/mutations";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { startJobs, stopJobs } from "@/server/jobs/scheduler";
import { actorOf, addMember, makeGroup, makeUser } from "./helpers/factories";
import { amend, expectHistoryConsistent, makePaper, retitle, type TestPaper, voteAll } from "./helpers/paper-factories";
import { raceBehindTableLock } from "./helpers/race";
import { resetDatabase } from "./helpers/reset-db";

beforeAll(resetDatabase);

const CLOSE_TASK = PERIODIC_TASKS.find((t) => t.name === "close-due-proposals")!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ago = (seconds: number) => new Date(Date.now() - seconds * 1000);

/** A group of four members (all able to vote) and `papers` papers started by the first. */
async function makeTeam(papers = 1) {
  const users = await Promise.all(Array.from({ length: 4 }, () => makeUser()));
  const group = await makeGroup(users[0]!);
  await Promise.all(users.slice(1).map((u) => addMember(group, u)));
  const made: TestPaper[] = [];
  for (let i = 0; i < papers; i++) made.push(await makePaper(group, users[0]!));
  return { group, users, members: users.map((u) => actorOf(u)), papers: made };
}

/** A proposal on one of a paper's sections (each sentence its own, so none conflict), voted through by everyone. */
async function passedProposal(paper: TestPaper, members: Actor[], sectionIndex: number, closesAt = ago(60)) {
  const section = paper.sections[sectionIndex]!;
  const { id } = await createProposal(
    members[sectionIndex % members.length]!,
    amend(paper, section, `${section.body} Reviewed.`),
  );
  await voteAll(members, id, "SUPPORT");
  await db.proposal.update({ where: { id }, data: { closesAt } });
  return id;
}

const statusOf = async (id: string) =>
  (await db.proposal.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;

/** Polls until `check` holds, or fails after `ms`. */
async function eventually(check: () => Promise<boolean>, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await sleep(100);
  }
}

describe("closeDueProposals", () => {
  it("closes only open proposals whose voting has ended, oldest first, and leaves every other proposal alone", async () => {
    const { members, papers } = await makeTeam(2);
    const [paper, other] = papers as [TestPaper, TestPaper];
    const older = await passedProposal(paper, members, 0, ago(120));
    const failing = (await createProposal(members[1]!, retitle(paper, "Pay claimants sooner"))).id;
    await db.proposal.update({ where: { id: failing }, data: { closesAt: ago(60) } });
    const notDue = await passedProposal(paper, members, 1, new Date(Date.now() + 3_600_000));
    const needsUpdate = await passedProposal(paper, members, 2);
    await db.proposal.update({ where: { id: needsUpdate }, data: { status: "NEEDS_UPDATE" } });
    const withdrawn = (await createProposal(members[3]!, retitle(paper, "Pay people sooner"))).id;
    await withdrawProposal(members[3]!, { proposalId: withdrawn });
    await db.proposal.update({ where: { id: withdrawn }, data: { closesAt: ago(60) } });
    const elsewhere = await passedProposal(other, members, 0);

    // Closing on read looks at one paper only.
    expect(await closeDueProposals({ paperId: paper.id })).toEqual(["MERGED", "REJECTED"]);
    expect(
      await db.revision.findFirst({ where: { paperId: paper.id, number: 2 }, select: { proposalId: true } }),
    ).toEqual({ proposalId: older });
    expect(await Promise.all([older, failing, notDue, needsUpdate, withdrawn, elsewhere].map(statusOf))).toEqual([
      "MERGED",
      "REJECTED",
      "OPEN",
      "NEEDS_UPDATE",
      "WITHDRAWN",
      "OPEN",
    ]);

    // The job looks at every paper; what it closed before is not closed again.
    expect(await closeDueProposals()).toEqual(["MERGED"]);
    expect(await statusOf(elsewhere)).toBe("MERGED");
    expect(await closeDueProposals()).toEqual([]);
    await expectHistoryConsistent(paper.id);
  });

  it("takes at most `limit` proposals in one run; the next run takes the rest", async () => {
    const { members, papers } = await makeTeam();
    const paper = papers[0]!;
    const ids = [await passedProposal(paper, members, 0, ago(90)), await passedProposal(paper, members, 1, ago(60))];
    expect(await closeDueProposals({ paperId: paper.id, limit: 1 })).toEqual(["MERGED"]);
    expect(await Promise.all(ids.map(statusOf))).toEqual(["MERGED", "OPEN"]);
    expect(await closeDueProposals({ paperId: paper.id, limit: 1 })).toEqual(["MERGED"]);
  });
});

describe("the periodic tasks", () => {
  it("are the proposal closer and the outbox sweep every minute, vote digests and closing reminders every few minutes, the pruners, expiry, reminders and email digests hourly or daily", () => {
    expect(PERIODIC_TASKS.map(({ name, cron }) => ({ name, cron }))).toEqual([
      { name: "close-due-proposals", cron: "* * * * *" },
      { name: "proposal-vote-digests", cron: "*/5 * * * *" },
      { name: "proposal-closing-reminders", cron: "*/10 * * * *" },
      { name: "prune-rate-limits", cron: "17 * * * *" },
      { name: "prune-ended-sessions", cron: "23 3 * * *" },
      { name: "expire-data-exports", cron: "41 * * * *" },
      { name: "commission-deadline-reminders", cron: "17 * * * *" },
      { name: "prune-rendered-markdown", cron: "47 4 * * *" },
      { name: "sweep-outbox", cron: "* * * * *" },
      { name: "prune-outbox", cron: "31 4 * * *" },
      { name: "send-digests", cron: "7 * * * *" },
    ]);
  });

  it("close-due-proposals closes what is due", async () => {
    const { members, papers } = await makeTeam();
    const id = await passedProposal(papers[0]!, members, 0);
    const outcomes = (await CLOSE_TASK.run()) as CloseOutcome[];
    expect(outcomes).toContain("MERGED");
    expect(await statusOf(id)).toBe("MERGED");
  });

  it("prune-rate-limits deletes only the rate-limit rows whose window has passed", async () => {
    const now = Date.now();
    await db.$executeRaw`INSERT INTO rate_limits (key, points, expire) VALUES ('test:old', 3, ${now - 60_000}), ('test:live', 1, ${now + 60_000})`;
    await PERIODIC_TASKS.find((t) => t.name === "prune-rate-limits")!.run();
    const rows = await db.$queryRaw<
      { key: string }[]
    >`SELECT key FROM rate_limits WHERE key LIKE 'test:%' ORDER BY key`;
    expect(rows.map((r) => r.key)).toEqual(["test:live"]);
  });
});

describe("prune-ended-sessions", () => {
  it("deletes sessions that ended more than 30 days ago and keeps the rest", async () => {
    const user = await makeUser();
    const ago = (d: number) => new Date(Date.now() - d * 86_400_000);
    const rows = await Promise.all(
      [
        { expiresAt: ago(31) },
        { expiresAt: ago(29) },
        { expiresAt: ago(-10), revokedAt: ago(40) },
        { expiresAt: ago(-10), revokedAt: ago(2) },
        { expiresAt: ago(-10) },
      ].map((data) => db.authSession.create({ data: { userId: user.id, ...data }, select: { id: true } })),
    );
    await PERIODIC_TASKS.find((t) => t.name === "prune-ended-sessions")!.run();
    const left = await db.authSession.findMany({ where: { userId: user.id }, select: { id: true } });
    expect(left.map((r) => r.id).sort()).toEqual([rows[1]!.id, rows[3]!.id, rows[4]!.id].sort());
  });
});

describe("the scheduler", () => {
  it("startJobs registers each task's schedule in pg-boss, and its worker runs the task when the job comes", async () => {
    const { members, papers } = await makeTeam();
    const id = await passedProposal(papers[0]!, members, 0);
    await startJobs(JOBS);
    const sender = new PgBoss({
      connectionString: process.env.DATABASE_URL,
      schema: "pgboss",
      max: 1,
      schedule: false,
      supervise: false,
    });
    try {
      const schedules = await db.$queryRaw<
        { name: string; cron: string }[]
      >`SELECT name, cron FROM pgboss.schedule ORDER BY name`;
      expect(schedules).toEqual(
        PERIODIC_TASKS.map(({ name, cron }) => ({ name, cron })).sort((a, b) => a.name.localeCompare(b.name)),
      );
      // Starting again in the same process is a no-op, not a second set of workers.
      await startJobs(JOBS);

      // What the cron would queue at the next minute, queued now: the started worker picks it up.
      await sender.start();
      await sender.send(CLOSE_TASK.name, {});
      await eventually(async () => (await statusOf(id)) === "MERGED", 15_000, "the started worker closed the proposal");
    } finally {
      await sender.stop({ graceful: false });
      await stopJobs();
    }
  });

  it("two server processes running the close task at the same moment close each due proposal once", async () => {
    const { members, papers } = await makeTeam(2);
    const due: string[] = [];
    for (const paper of papers) for (const i of [0, 1, 2]) due.push(await passedProposal(paper, members, i));

    // Two pg-boss instances, as two server processes would have. Each worker takes one job and runs
    // the task, whose first step reads the due proposals: the barrier holds Proposal until both runs
    // wait there at once (or fails the test after 10 s), so the two runs provably overlap.
    const bosses = [0, 1].map(
      () =>
        new PgBoss({
          connectionString: process.env.DATABASE_URL,
          schema: "pgboss",
          max: 2,
          schedule: false,
          supervise: false,
        }),
    );
    const queue = `close-due-proposals-race-${Date.now()}`;
    const ranBy: number[] = [];
    const outcomes: CloseOutcome[] = [];
    const failures: unknown[] = [];
    let finished = 0;
    try {
      for (const boss of bosses) await boss.start();
      await bosses[0]!.createQueue(queue);
      const { results, overlapped } = await raceBehindTableLock(
        "Proposal",
        [
          async () => {
            for (const [i, boss] of bosses.entries()) {
              await boss.work(queue, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async () => {
                ranBy.push(i);
                try {
                  outcomes.push(...((await CLOSE_TASK.run()) as CloseOutcome[]));
                } catch (error) {
                  failures.push(error);
                  throw error;
                } finally {
                  finished += 1;
                }
              });
            }
            await bosses[0]!.send(queue, {});
            await bosses[1]!.send(queue, {});
          },
        ],
        2,
        "Proposal",
      );
      expect(overlapped).toBe(2);
      expect(results[0]!.status).toBe("fulfilled");
      await eventually(async () => finished === 2, 20_000, "both workers ran the task");
    } finally {
      for (const boss of bosses) await boss.stop({ graceful: true });
    }

    expect(failures).toEqual([]);
    expect(ranBy.sort()).toEqual([0, 1]);
    // Between them, the two runs closed each proposal once; the later run found it closed.
    expect(outcomes.filter((o) => o !== "NOT_DUE")).toHaveLength(due.length);
    expect(await Promise.all(due.map(statusOf))).toEqual(due.map(() => "MERGED"));
    for (const id of due) expect(await db.revision.count({ where: { proposalId: id } })).toBe(1);
    for (const paper of papers)
      expect((await expectHistoryConsistent(paper.id)).map((r) => r.number)).toEqual([1, 2, 3, 4]);
    for (const m of members)
      for (const id of due)
        expect(
          await db.notification.count({ where: { userId: m!.id, url: `/proposals/${id}`, kind: "PROPOSAL_CLOSED" } }),
        ).toBe(1);
  });
});
