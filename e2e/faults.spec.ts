// Faults: PostgreSQL restarts while members post and vote, and the server is killed mid-request.
// These tests run their own PostgreSQL and their own `next start` from the same production build
// (e2e/helpers/faults-stack.ts): stopping a database the other specs share would break them.
import { chromium, expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./fixtures";
import { Member, type Outcome } from "./helpers/faults-client";
import { brokenInvariants } from "./helpers/faults-invariants";
import { type Stack, startStack } from "./helpers/faults-stack";

type Choice = "SUPPORT" | "OPPOSE" | "ABSTAIN";
const CHOICES: Choice[] = ["SUPPORT", "OPPOSE", "ABSTAIN"];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// What no person should ever be shown: a stack trace or the database's own error.
const LEAK = /\bat \S+ \(|node_modules|Prisma|ECONNREFUSED|DriverAdapterError|terminating connection/;

test.describe.configure({ mode: "serial" });

let stack: Stack;
let threadId: string;
let proposalId: string;
let members: Member[];
let form: [string, string][];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  stack = await startStack();
  await stack.startServer();
  const [proposal] = await stack.query<{ id: string; groupId: string }>(
    `SELECT pr.id, pa."groupId" FROM "Proposal" pr JOIN "Paper" pa ON pa.id = pr."paperId" WHERE pr.status = 'OPEN' AND pr."closesAt" > now() LIMIT 1`,
  );
  proposalId = proposal!.id;
  const [thread] = await stack.query<{ id: string }>(
    `SELECT id FROM "Thread" WHERE "groupId" = $1 AND subject = 'GROUP' LIMIT 1`,
    [proposal!.groupId],
  );
  threadId = thread!.id;
  const voters = await stack.query<{ handle: string }>(
    `SELECT u.handle FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE m."groupId" = $1 AND m.status = 'ACTIVE' ORDER BY u.handle LIMIT 5`,
    [proposal!.groupId],
  );
  members = voters.map((v) => new Member(stack.baseUrl, v.handle));
  for (const member of members) await member.signIn(DEMO_PASSWORD);
  form = await members[0]!.replyForm(threadId);
});

/** Writers still running: a failed test must not leave them looping, or the worker never exits. */
const running = new Set<{ stop: () => Promise<void> }>();

test.afterAll(async () => {
  await Promise.all([...running].map((w) => w.stop()));
  await stack?.close();
});

/** One member posting and voting in turn until told to stop; remembers what the server acknowledged. */
function keepWriting(
  tag: string,
  member: Member,
  log: Outcome[],
  acked: Set<string>,
  sent: Set<string>,
  votes: { choice: Choice; acked: boolean }[],
) {
  let writing = true;
  const done = (async () => {
    for (let n = 0; writing; n += 1) {
      const marker = `fault${tag}-${member.handle}-${n}-${Math.random().toString(36).slice(2, 8)}`;
      sent.add(marker);
      const reply = await member.reply(
        threadId,
        form,
        `Still here ${marker} @${members[(n + 1) % members.length]!.handle}`,
      );
      if (reply.acknowledged) acked.add(marker);
      const choice = CHOICES[Math.floor(Math.random() * CHOICES.length)]!;
      const vote = await member.vote(proposalId, choice);
      votes.push({ choice, acked: vote.acknowledged });
      log.push(reply, vote);
      await sleep(50);
    }
  })();
  const writer = {
    stop: async () => {
      writing = false;
      await done;
      running.delete(writer);
    },
  };
  running.add(writer);
  return writer;
}

/** Every acknowledged reply exactly once, none doubled; each member's vote is their last acknowledged one or a later attempt. */
async function expectWritesKept(
  tag: string,
  acked: Set<string>,
  sent: Set<string>,
  votes: Map<string, { choice: Choice; acked: boolean }[]>,
) {
  // Only this test's replies: both tests write to the same thread.
  const rows = await stack.query<{ marker: string; copies: number }>(
    `SELECT substring("bodyMarkdown" from 'fault${tag}-[a-z0-9_]+-[0-9]+-[a-z0-9]+') AS marker, count(*)::int AS copies
     FROM "Post" WHERE "threadId" = $1 AND "bodyMarkdown" LIKE '%fault${tag}-%' GROUP BY 1`,
    [threadId],
  );
  const stored = new Map(rows.map((r) => [r.marker, r.copies]));
  expect(
    [...acked].filter((m) => stored.get(m) !== 1),
    "acknowledged replies missing or doubled",
  ).toEqual([]);
  expect(
    [...stored].filter(([m, copies]) => copies !== 1 || !sent.has(m)),
    "replies stored twice or never sent",
  ).toEqual([]);

  const stored_votes = await stack.query<{ handle: string; choice: Choice }>(
    `SELECT u.handle, v.choice FROM "Vote" v JOIN "User" u ON u.id = v."userId" WHERE v."proposalId" = $1`,
    [proposalId],
  );
  for (const [handle, attempts] of votes) {
    const lastAcked = attempts.findLastIndex((a) => a.acked);
    if (lastAcked < 0) continue;
    // A write that failed in flight may still have committed, so a later unacknowledged choice may stand.
    const possible = new Set(attempts.slice(lastAcked).map((a) => a.choice));
    const vote = stored_votes.find((v) => v.handle === handle);
    expect(vote && possible.has(vote.choice), `${handle}'s vote ${vote?.choice} is not among ${[...possible]}`).toBe(
      true,
    );
  }
}

test("PostgreSQL restarts while members post and vote: acknowledged writes survive once each, and the site serves again by itself", async () => {
  test.setTimeout(120_000);
  const log: Outcome[] = [];
  const acked = new Set<string>();
  const sent = new Set<string>();
  const votes = new Map(members.map((m) => [m.handle, [] as { choice: Choice; acked: boolean }[]]));
  const pid = stack.serverPid();
  const writers = members.map((m) => keepWriting("restart", m, log, acked, sent, votes.get(m.handle)!));

  await sleep(3_000);
  const ackedBefore = acked.size;
  expect(ackedBefore, "replies acknowledged before the restart").toBeGreaterThan(0);
  await stack.stopDatabase();
  const outageFrom = log.length;

  // While the database is down, a person opening a page is told to try again.
  const browser = await chromium.launch(test.info().project.use.launchOptions);
  try {
    const page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/threads/${threadId}`);
    await expect(page.getByText(/try again/i).first()).toBeVisible();
    await expect(page.locator("body")).not.toContainText(LEAK);
  } finally {
    await browser.close();
  }
  await sleep(3_000);
  const duringOutage = log.slice(outageFrom);

  await stack.startDatabase();
  const restartedAt = Date.now();
  const ackedAtRestart = acked.size;
  // Serving again means writes are acknowledged again, by the same server process.
  await expect
    .poll(() => acked.size, { timeout: 15_000, intervals: [100] })
    .toBeGreaterThan(ackedAtRestart + members.length);
  const recoveredInMs = Date.now() - restartedAt;
  await sleep(1_000);
  await Promise.all(writers.map((w) => w.stop()));
  console.log(
    `faults: ${log.length} requests, ${acked.size} replies acknowledged, served again ${recoveredInMs} ms after PostgreSQL started`,
  );

  expect(stack.serverPid(), "the server process was not restarted").toBe(pid);
  expect(duringOutage.length, "requests made while the database was down").toBeGreaterThan(0);
  for (const outcome of log.filter((o) => !o.acknowledged)) {
    // Refused requests answer at once saying to try again; none hangs or drops the connection. A form
    // (Server Action) answers 200 with its message, as for any refused input; the rest answer 5xx.
    expect(outcome.transportError, "a request got no answer").toBeUndefined();
    expect(
      outcome.status === 200 || outcome.status >= 500,
      `status ${outcome.status}: ${outcome.text.slice(0, 300)}`,
    ).toBe(true);
    expect(outcome.text).toMatch(/try again/i);
    expect(outcome.text).not.toMatch(LEAK);
  }
  expect(stack.serverOutput()).not.toMatch(/uncaughtException|unhandledRejection|Unhandled 'error' event/);

  await expectWritesKept("restart", acked, sent, votes);
  expect(await brokenInvariants(stack)).toEqual({});
  const after = await members[0]!.page(`/threads/${threadId}`);
  expect(after.status).toBe(200);
});

test("the server is killed mid-request, again and again: no half-written data", async () => {
  test.setTimeout(120_000);
  const log: Outcome[] = [];
  const acked = new Set<string>();
  const sent = new Set<string>();
  const votes = new Map(members.map((m) => [m.handle, [] as { choice: Choice; acked: boolean }[]]));
  for (let round = 0; round < 3; round += 1) {
    const writers = members.map((m) => keepWriting("kill", m, log, acked, sent, votes.get(m.handle)!));
    await sleep(1_000 + Math.random() * 2_000);
    await stack.killServer(); // SIGKILL: no shutdown hooks, requests cut wherever they were
    await Promise.all(writers.map((w) => w.stop()));
    await stack.startServer();
    expect(await brokenInvariants(stack), `after kill ${round + 1}`).toEqual({});
  }
  expect(log.filter((o) => o.transportError).length, "requests cut by the kills").toBeGreaterThan(0);
  await expectWritesKept("kill", acked, sent, votes);
});
