// "Download my data": asking for an archive, the background job that builds it in batches with
// progress, what the archive holds (and what it must never hold), who may download it, the daily
// limit and the expiry task, against the real database and the real pg-boss queue.
import { randomUUID } from "node:crypto";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { JOBS, PERIODIC_TASKS } from "@/composition/jobs";
import { buildDataExport } from "@/features/privacy/data-export/builder";
import { requestDataExport } from "@/features/privacy/data-export/mutations";
import { getExportForDownload, listMyExports } from "@/features/privacy/data-export/queries";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { startJobs, stopJobs } from "@/server/jobs/scheduler";
import { resetLimit } from "@/server/rate-limit";
import { appError } from "./helpers/app-error";
import { addReport, makeThread } from "./helpers/discussion-factories";
import { actorOf, addMember, days, makeGroup, makeUser, type TestGroup, type TestUser } from "./helpers/factories";
import { makePaper } from "./helpers/paper-factories";
import { raceBehindTableLock } from "./helpers/race";
import { resetDatabase } from "./helpers/reset-db";

// The download route asks next-auth who is signed in; here the test says who.
const signedIn = vi.hoisted(() => ({ actor: null as Actor }));
vi.mock("@/server/auth/current-user", () => ({ getCurrentUser: async () => signedIn.actor }));
const { GET: download } = await import("@/app/settings/data/exports/[exportId]/route");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => Promise<boolean>, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await sleep(200);
  }
}

const exportRow = (id: string) =>
  db.dataExport.findUniqueOrThrow({
    where: { id },
    select: { status: true, progress: true, error: true, archive: true, completedAt: true, expiresAt: true },
  });

/** Every file of a zip archive as text. */
function unzip(archive: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(archive)).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

// Words that belong to the other member (or the admin) and must never be in the member's archive.
const OTHER_BIO = "OTHER-PRIVATE-BIO about my own benefit claim";
const OTHER_POST = "OTHER-POST-TEXT that the member reported";
const OTHER_VOTE_REASON = "OTHER-VOTE-REASON kept to myself";
const OTHER_REPORT_REASON = "OTHER-REPORT-REASON about the member";
const OTHER_NOTIFICATION = "OTHER-NOTIFICATION for someone else";
const OTHER_RATIONALE = "OTHER-RATIONALE for a proposal";
const NASTY_BODY = '=HYPERLINK("http://evil.example","click"), with "quotes"\nand a second line';

type World = {
  member: TestUser;
  other: TestUser;
  admin: TestUser;
  group: TestGroup;
  memberPostIds: string[];
  threadTitle: string;
  memberThreadTitle: string;
};

async function makeWorld(): Promise<World> {
  const member = await makeUser({ password: "member-password-123", displayName: "Member Person" });
  const other = await makeUser({ password: "other-password-123", displayName: "Other Person" });
  const admin = await makeUser({ password: "admin-password-123", siteRole: "ADMIN" });
  await db.profile.update({
    where: { userId: other.id },
    data: { bio: OTHER_BIO, organisationName: "Other's employer" },
  });
  const group = await makeGroup(other);
  await addMember(group, member);

  // The other member's thread, answered twelve times by the member in one statement, so all
  // twelve posts share one createdAt and the batches must tell them apart by id.
  const threadTitle = "Waiting times for assessments";
  const thread = await makeThread(group, other, {
    title: threadTitle,
    posts: 13,
    replyAuthors: [member],
    body: (seq) => (seq === 1 ? OTHER_POST : `Member reply number ${seq} about waiting times.`),
  });
  const memberThreadTitle = "The member's own thread";
  const own = await makeThread(group, member, { title: memberThreadTitle, body: () => NASTY_BODY });
  const memberPostIds = [...thread.posts.filter((p) => p.authorId === member.id), ...own.posts].map((p) => p.id);

  await addReport(thread.posts[0]!, group, member, "Member's report: this is not a personal story.");
  await addReport(own.posts[0]!, group, other, OTHER_REPORT_REASON);
  await db.reaction.create({ data: { postId: thread.posts[0]!.id, userId: member.id, kind: "AGREE" } });
  await db.threadFollow.create({ data: { threadId: thread.id, userId: member.id } });

  const paper = await makePaper(group, other, { title: "Faster payments for claimants" });
  // Taking part follows a paper (papers/follow.ts); the factories write rows directly, so say it here.
  await db.paperFollow.create({ data: { paperId: paper.id, userId: member.id } });
  const proposal = (number: number, authorId: string, rationale: string) =>
    db.proposal.create({
      data: {
        paperId: paper.id,
        number,
        kind: "AMEND_SECTION",
        sectionId: paper.sections[0]!.id,
        authorId,
        rationale,
        baseRevisionNumber: 1,
        baseHeading: paper.sections[0]!.heading,
        baseText: paper.sections[0]!.body,
        proposedHeading: paper.sections[0]!.heading,
        proposedText: "Pay within five days.",
        quorum: 3,
        thresholdPercent: 60,
        requireBothPerspectives: false,
        closesAt: days(3),
      },
      select: { id: true },
    });
  const mine = await proposal(1, member.id, "Member's rationale: five days is enough.");
  const theirs = await proposal(2, other.id, OTHER_RATIONALE);
  await db.vote.create({
    data: {
      proposalId: theirs.id,
      userId: member.id,
      choice: "SUPPORT",
      reason: "Member's vote reason",
      proposalVersion: 1,
      perspective: "SERVICE_USER",
    },
  });
  await db.vote.create({
    data: {
      proposalId: mine.id,
      userId: other.id,
      choice: "OPPOSE",
      reason: OTHER_VOTE_REASON,
      proposalVersion: 1,
      perspective: "PRACTITIONER",
    },
  });

  await db.notification.create({
    data: {
      userId: member.id,
      actorId: other.id,
      kind: "REPLY",
      text: `Other Person replied to you in “${threadTitle}”`,
      url: `/threads/${thread.id}`,
    },
  });
  await db.notification.create({
    data: {
      userId: other.id,
      actorId: member.id,
      kind: "REPLY",
      text: OTHER_NOTIFICATION,
      url: `/threads/${thread.id}`,
    },
  });

  // What the member started: a paper (with its first draft), a group with an invitation link, and a
  // moderation action taken about one of their posts.
  await makePaper(group, member, {
    title: "The member's own paper",
    sections: [{ heading: "Why it matters", body: "MEMBER-FIRST-DRAFT words about waiting." }],
  });
  const ownGroup = await makeGroup(member, { name: "The member's own group" });
  await db.groupInvitation.create({
    data: { groupId: ownGroup.id, token: `token-${randomUUID()}`, note: "For carers", createdById: member.id },
  });
  await db.moderationAction.create({
    data: {
      groupId: group.id,
      actorId: other.id,
      kind: "HIDE_POST",
      reason: "Names a child in care.",
      postId: own.posts[0]!.id,
      subjectId: member.id,
    },
  });

  return { member, other, admin, group, memberPostIds, threadTitle, memberThreadTitle };
}

let world: World;
let readyExportId: string;

beforeAll(async () => {
  await resetDatabase();
  world = await makeWorld();
});

describe("preparing an archive", () => {
  it("builds a zip of the member's own data, in batches with rising progress, and marks it READY for 7 days", async () => {
    const { member } = world;
    await resetLimit("export", member.id);
    const requested = await requestDataExport(actorOf(member));
    expect(requested.status).toBe("QUEUED");

    // The request only queues: nothing is built until a worker runs the job.
    const queuedJobs = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'prepare-data-export' AND data->>'exportId' = ${requested.id}`;
    expect(queuedJobs[0]!.n).toBe(1);
    expect((await exportRow(requested.id)).status).toBe("QUEUED");

    const seen: { progress: number; stored: number; status: string }[] = [];
    const outcome = await buildDataExport(requested.id, {
      batchSize: 3,
      onProgress: async (progress) => {
        const row = await exportRow(requested.id);
        seen.push({ progress, stored: row.progress, status: row.status });
      },
    });
    expect(outcome).toBe("READY");
    readyExportId = requested.id;

    // Progress was saved as it went (what the page polls), only ever rising, and ends at 100.
    const values = seen.map((s) => s.progress);
    expect(values.at(-1)).toBe(100);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(new Set(values).size).toBe(values.length);
    expect(values.filter((v) => v > 0 && v < 90).length).toBeGreaterThanOrEqual(5);
    for (const s of seen.slice(0, -1)) expect(s).toMatchObject({ stored: s.progress, status: "RUNNING" });
    expect(seen.at(-1)).toMatchObject({ stored: 100, status: "READY" });

    const row = await exportRow(requested.id);
    expect(row).toMatchObject({ status: "READY", progress: 100, error: null });
    expect(row.expiresAt!.getTime() - row.completedAt!.getTime()).toBe(7 * 24 * 60 * 60 * 1000);
    expect(row.archive!.length).toBeGreaterThan(0);
  });

  it("holds every file, with the member's profile, posts, proposals, votes, reports and notifications", async () => {
    const { member, group, memberPostIds, threadTitle, memberThreadTitle } = world;
    const files = unzip((await exportRow(readyExportId)).archive!);
    expect(Object.keys(files).sort()).toEqual(
      [
        "README.txt",
        "profile.json",
        "posts.json",
        "posts.csv",
        "threads.json",
        "reactions.json",
        "proposals.json",
        "proposals.csv",
        "papers.json",
        "votes.json",
        "votes.csv",
        "reports.json",
        "reports.csv",
        "notifications.json",
        "notifications.csv",
        "memberships.json",
        "revisions.json",
        "revisions.csv",
        "groups.json",
        "organisations.json",
        "moderation.json",
        "emails.json",
      ].sort(),
    );
    for (const name of Object.keys(files)) if (name !== "README.txt") expect(files["README.txt"]).toContain(name);

    const json = (name: string) => JSON.parse(files[name]!);
    expect(json("profile.json")).toMatchObject({
      id: member.id,
      handle: member.handle,
      email: member.email,
      displayName: "Member Person",
    });

    const posts = json("posts.json") as { id: string; body: string; thread: { title: string } }[];
    expect(posts.map((p) => p.id).sort()).toEqual([...memberPostIds].sort());
    expect(posts.find((p) => p.body === "Member reply number 7 about waiting times.")?.thread.title).toBe(threadTitle);
    expect(posts.some((p) => p.body === NASTY_BODY)).toBe(true);
    expect(files["posts.csv"]!.split("\r\n")[0]).toBe(
      "id,created_at,edited_at,group,thread_title,thread_id,in_reply_to_post_id,status,replies,agree,useful,url,body",
    );
    expect(files["posts.csv"]).toContain("Member reply number 7 about waiting times.");

    const threads = json("threads.json") as { started: { title: string }[]; following: { title: string }[] };
    expect(threads.started.map((t) => t.title)).toEqual([memberThreadTitle]);
    expect(threads.following.map((t) => t.title)).toEqual([threadTitle]);
    expect(json("reactions.json")).toMatchObject([{ reaction: "AGREE", threadTitle }]);

    expect(json("proposals.json")).toMatchObject([
      { number: 1, rationale: "Member's rationale: five days is enough.", proposed: { text: "Pay within five days." } },
    ]);
    expect(files["proposals.csv"]).toContain("Member's rationale: five days is enough.");
    expect(json("votes.json")).toMatchObject([
      { choice: "SUPPORT", reason: "Member's vote reason", paperTitle: "Faster payments for claimants" },
    ]);
    expect(files["votes.csv"]).toContain("Member's vote reason");
    // The papers the member follows are in the archive, and the one they started with its first draft.
    const papers = json("papers.json") as {
      following: { title: string }[];
      started: { title: string; firstDraft: { sections: { heading: string; text: string }[] } }[];
    };
    expect(papers.following.map((p) => p.title)).toEqual(["Faster payments for claimants"]);
    expect(papers.started).toMatchObject([
      {
        title: "The member's own paper",
        firstDraft: { sections: [{ heading: "Why it matters", text: "MEMBER-FIRST-DRAFT words about waiting." }] },
      },
    ]);
    expect(json("revisions.json")).toMatchObject([{ revision: 1, kind: "INITIAL" }]);
    expect(files["revisions.csv"]).toContain("The member's own paper");
    expect(json("groups.json")).toMatchObject({
      started: [{ name: "The member's own group" }],
      invitationLinks: [{ note: "For carers", madeByYou: true, stoppedByYou: false }],
    });
    expect(json("moderation.json")).toMatchObject({
      yourActions: [],
      aboutYou: [{ kind: "HIDE_POST", reason: "Names a child in care." }],
      reportsYouResolved: [],
    });
    expect(JSON.stringify(json("groups.json"))).not.toContain("token-");
    expect(json("reports.json")).toMatchObject([
      { reason: "Member's report: this is not a personal story.", status: "OPEN", post: { threadTitle } },
    ]);
    expect(files["reports.csv"]).toContain("Member's report: this is not a personal story.");
    expect(json("notifications.json")).toMatchObject([
      { kind: "REPLY", text: `Other Person replied to you in “${threadTitle}”` },
    ]);
    expect(files["notifications.csv"]).toContain("Other Person replied to you");
    expect(json("memberships.json")).toMatchObject([
      { group: { name: group.name }, role: "MEMBER", status: "ACTIVE" },
      { group: { name: "The member's own group" }, role: "OWNER", status: "ACTIVE" },
    ]);
  });

  it("holds nothing private of anyone else, and no password hash", async () => {
    const { other, admin } = world;
    const everything = Object.values(unzip((await exportRow(readyExportId)).archive!)).join("\n");
    for (const secret of [
      other.email,
      admin.email,
      other.handle,
      admin.handle,
      other.id,
      OTHER_BIO,
      "Other's employer",
      OTHER_POST,
      OTHER_VOTE_REASON,
      OTHER_REPORT_REASON,
      OTHER_NOTIFICATION,
      OTHER_RATIONALE,
    ]) {
      expect(everything, secret).not.toContain(secret);
    }
    expect(everything).not.toMatch(/\$argon2/);
    expect(everything).not.toMatch(/passwordHash/i);
  });

  it("writes CSV that spreadsheets read as text: quotes doubled, fields with commas or line breaks quoted, formulas neutralised", async () => {
    const files = unzip((await exportRow(readyExportId)).archive!);
    expect(files["posts.csv"]).toContain(
      `,"'=HYPERLINK(""http://evil.example"",""click""), with ""quotes""\nand a second line"\r\n`,
    );
    // In JSON the text is exactly as written.
    expect(files["posts.json"]).toContain(JSON.stringify(NASTY_BODY));
  });

  it("reads a large history in batches: 1,200 posts, each exactly once", async () => {
    const writer = await makeUser();
    await addMember(world.group, writer);
    const thread = await makeThread(world.group, writer, { posts: 1_200, body: (seq) => `Bulk post ${seq}` });
    const { id } = await db.dataExport.create({ data: { userId: writer.id }, select: { id: true } });
    const seen: number[] = [];
    expect(await buildDataExport(id, { batchSize: 100, onProgress: (p) => void seen.push(p) })).toBe("READY");
    const posts = JSON.parse(unzip((await exportRow(id)).archive!)["posts.json"]!) as { id: string }[];
    expect(posts).toHaveLength(1_200);
    expect(new Set(posts.map((p) => p.id))).toEqual(new Set(thread.posts.map((p) => p.id)));
    expect(seen.length).toBeGreaterThanOrEqual(12); // at least one step per batch of 100
  });

  it("ends FAILED with a message the member can act on when the build breaks, and offers nothing to download", async () => {
    const member = await makeUser();
    const { id } = await requestDataExport(actorOf(member));
    const outcome = await buildDataExport(id, {
      batchSize: 1,
      onProgress: (progress) => {
        if (progress > 0) throw new Error("the disk is full");
      },
    });
    expect(outcome).toBe("FAILED");
    const row = await exportRow(id);
    expect(row.status).toBe("FAILED");
    expect(row.progress).toBeLessThan(100);
    expect(row.archive).toBeNull();
    expect(row.error).toMatch(
      /^Something went wrong while preparing this archive \(reference [0-9a-f]{8}\)\. Please ask for a new one/,
    );
    expect(row.error).not.toContain("disk");
    expect(row.expiresAt).not.toBeNull();

    const [listed] = await listMyExports(actorOf(member));
    expect(listed).toMatchObject({ id, status: "FAILED", error: row.error, size: null });
    expect((await appError(getExportForDownload(actorOf(member), id))).code).toBe("NOT_FOUND");
    // A retried job does not start a failed one again; the member asks anew instead.
    expect(await buildDataExport(id)).toBe("SKIPPED");
    expect((await requestDataExport(actorOf(member))).status).toBe("QUEUED");
  });

  it("is run by the job queue: a worker started by startJobs picks the request up and finishes it", async () => {
    const member = await makeUser();
    await addMember(world.group, member);
    await makeThread(world.group, member, { body: () => "Written before asking for my data." });
    await startJobs(JOBS);
    try {
      const { id } = await requestDataExport(actorOf(member));
      await eventually(async () => (await exportRow(id)).status === "READY", 30_000, "the worker prepared the archive");
      const posts = JSON.parse(unzip((await exportRow(id)).archive!)["posts.json"]!) as { body: string }[];
      expect(posts.map((p) => p.body)).toEqual(["Written before asking for my data."]);
    } finally {
      await stopJobs();
    }
  });
});

describe("asking for an archive", () => {
  it("one request at a time, and at most 3 a day", async () => {
    const member = await makeUser();
    const actor = actorOf(member);
    await resetLimit("export", member.id);

    const first = await requestDataExport(actor);
    // Asking again while one is on its way is refused, and costs nothing from the limit.
    const busy = await appError(requestDataExport(actor));
    expect(busy.code).toBe("CONFLICT");
    expect(busy.message).toMatch(/already being prepared/);
    await buildDataExport(first.id);

    await buildDataExport((await requestDataExport(actor)).id);
    await buildDataExport((await requestDataExport(actor)).id);
    const limited = await appError(requestDataExport(actor));
    expect(limited.code).toBe("RATE_LIMITED");
    expect(limited.message).toMatch(/several times in the last day\. Please wait (2[34]|1?\d) hours/);
    expect(await db.dataExport.count({ where: { userId: member.id } })).toBe(3);
  });

  it("two requests at the same moment make one archive", async () => {
    const member = await makeUser();
    // Both first look for an archive on its way (in DataExport): the barrier holds them there together,
    // so both find none and the member's row lock alone must keep it to one.
    const { results, overlapped } = await raceBehindTableLock(
      "DataExport",
      [() => requestDataExport(actorOf(member)), () => requestDataExport(actorOf(member))],
      2,
    );
    expect(overlapped).toBe(2);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused.map((r) => r.reason)).toMatchObject([{ code: "CONFLICT" }]);
    expect(await db.dataExport.count({ where: { userId: member.id } })).toBe(1);
  });

  it("needs a signed-in member", async () => {
    expect((await appError(requestDataExport(null))).code).toBe("UNAUTHENTICATED");
  });
});

describe("who may download", () => {
  it("the owner only: another member, a site admin and a visitor are told it does not exist", async () => {
    const { member, other, admin } = world;
    const stored = (await exportRow(readyExportId)).archive!;
    const mine = await getExportForDownload(actorOf(member), readyExportId);
    expect(Buffer.from(mine.archive).equals(Buffer.from(stored))).toBe(true);
    expect(mine.filename).toMatch(/^policy-commons-data-\d{4}-\d{2}-\d{2}\.zip$/);

    for (const actor of [actorOf(other), actorOf(admin), null]) {
      expect((await appError(getExportForDownload(actor, readyExportId))).code).toBe("NOT_FOUND");
    }
    for (const id of ["not-a-uuid", randomUUID(), ""]) {
      expect((await appError(getExportForDownload(actorOf(member), id))).code).toBe("NOT_FOUND");
    }
    // Lists are one's own, for admins too.
    expect((await listMyExports(actorOf(member))).map((e) => e.id)).toContain(readyExportId);
    expect((await listMyExports(actorOf(admin))).map((e) => e.id)).not.toContain(readyExportId);
    expect((await appError(listMyExports(null))).code).toBe("UNAUTHENTICATED");
  });

  it("the download route sends the zip as an attachment to its owner, and 404 to everyone else", async () => {
    const { member, other, admin } = world;
    const call = (actor: Actor, id = readyExportId) => {
      signedIn.actor = actor;
      return download(new Request(`http://localhost/settings/data/exports/${id}`), {
        params: Promise.resolve({ exportId: id }),
      });
    };

    const ok = await call(actorOf(member));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/zip");
    expect(ok.headers.get("content-disposition")).toMatch(
      /^attachment; filename="policy-commons-data-\d{4}-\d{2}-\d{2}\.zip"$/,
    );
    expect(ok.headers.get("cache-control")).toBe("private, no-store");
    const body = new Uint8Array(await ok.arrayBuffer());
    expect(unzip(body)["profile.json"]).toContain(member.email);

    for (const actor of [actorOf(other), actorOf(admin), null]) {
      const denied = await call(actor);
      expect(denied.status).toBe(404);
      expect(denied.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(await denied.text()).toBe("Not found");
    }
    expect((await call(actorOf(member), randomUUID())).status).toBe(404);
    signedIn.actor = null;
  });
});

describe("expiry", () => {
  it("the periodic task deletes archives past their date and gives up on requests no worker finished in a day", async () => {
    const owner = await makeUser();
    const stuckOwner = await makeUser();
    const now = new Date();
    const ago = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
    const archive = new Uint8Array([80, 75, 5, 6, ...new Array(18).fill(0)]);
    const make = (userId: string, data: Record<string, unknown>) =>
      db.dataExport.create({ data: { userId, ...data }, select: { id: true } }).then((r) => r.id);
    const expired = await make(owner.id, {
      status: "READY",
      progress: 100,
      archive,
      createdAt: ago(8 * 24),
      completedAt: ago(8 * 24),
      expiresAt: ago(1),
    });
    const expiredFailure = await make(owner.id, {
      status: "FAILED",
      error: "broke",
      createdAt: ago(9 * 24),
      completedAt: ago(9 * 24),
      expiresAt: ago(2 * 24),
    });
    const fresh = await make(owner.id, {
      status: "READY",
      progress: 100,
      archive,
      createdAt: ago(2),
      completedAt: ago(2),
      expiresAt: days(7),
    });
    const stuck = await make(stuckOwner.id, { status: "RUNNING", progress: 40, createdAt: ago(25) });
    const waiting = await make(stuckOwner.id, { status: "QUEUED", createdAt: ago(1) });

    // Past its date an archive is gone for its owner at once, before the task runs.
    expect((await listMyExports(actorOf(owner))).map((e) => e.id)).toEqual([fresh]);
    expect((await appError(getExportForDownload(actorOf(owner), expired))).code).toBe("NOT_FOUND");

    const task = PERIODIC_TASKS.find((t) => t.name === "expire-data-exports")!;
    expect(task.cron).toMatch(/^\d+ \* \* \* \*$/); // hourly
    expect(await task.run()).toEqual({ deleted: 2, gaveUp: 1 });

    const left = await db.dataExport.findMany({
      where: { id: { in: [expired, expiredFailure, fresh, stuck, waiting] } },
      select: { id: true, status: true, error: true, expiresAt: true },
    });
    expect(left.map((e) => e.id).sort()).toEqual([fresh, stuck, waiting].sort());
    const gaveUp = left.find((e) => e.id === stuck)!;
    expect(gaveUp.status).toBe("FAILED");
    expect(gaveUp.error).toMatch(/not prepared in time/);
    expect(gaveUp.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3_600_000);
    expect(left.find((e) => e.id === waiting)!.status).toBe("QUEUED");
  });
});
