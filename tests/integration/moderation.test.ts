import { beforeAll, describe, expect, it } from "vitest";
import { leaveGroup } from "@/composition/memberships";
import { getThreadHeader } from "@/features/discussions/queries/threads";
import { updateGroup } from "@/features/groups/group-mutations";
import { joinGroup } from "@/features/groups/join-group";
import { getGroupPage } from "@/features/groups/queries";
import { suspendMember, unsuspendMember } from "@/features/moderation/member-mutations";
import { featurePost, hidePost, removePost, restorePost, unfeaturePost } from "@/features/moderation/post-mutations";
import { getModerationLog, LOG_PAGE_SIZE } from "@/features/moderation/queries/log";
import { getReviewQueue, QUEUE_PAGE_SIZE, QUEUE_REASONS_PER_POST } from "@/features/moderation/queries/review-queue";
import { groupModerationRights, listMoveTargets, MOVE_TARGETS_LIMIT } from "@/features/moderation/queries/rights";
import { listSuspensions } from "@/features/moderation/queries/suspensions";
import { dismissReports, reportPost } from "@/features/moderation/report-mutations";
import { lockThread, moveThread, pinThread, unlockThread, unpinThread } from "@/features/moderation/thread-mutations";
import type { ModerationActionKind } from "@/generated/prisma/enums";
import { formatDate } from "@/lib/dates";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { appError } from "./helpers/app-error";
import { addReport, makeThread, type TestThread } from "./helpers/discussion-factories";
import { actorOf, addMember, days, makeGroup, makeUser, type TestGroup, type TestUser } from "./helpers/factories";
import { raceBehindTableLock } from "./helpers/race";
import { resetDatabase } from "./helpers/reset-db";

// One reset per file: every test builds its own users, groups and threads and looks only at those.
beforeAll(resetDatabase);

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

const WHO = [
  "anonymous",
  "outsider",
  "member",
  "groupSuspended",
  "siteSuspended",
  "otherModerator",
  "moderator",
  "owner",
  "admin",
] as const;
type Who = (typeof WHO)[number];

type World = {
  group: TestGroup;
  /** A second group: the world's moderator and owner moderate it too, so they may move threads there. */
  other: TestGroup;
  owner: TestUser;
  moderator: TestUser;
  member: TestUser;
  /** Writes the thread's posts. */
  author: TestUser;
  /** A plain member that suspensions act on. */
  target: TestUser;
  outsider: TestUser;
  admin: TestUser;
  /** An active owner of the group, suspended site-wide: the strongest role, to show it counts for nothing. */
  siteSuspended: TestUser;
  /** A moderator of the group, suspended from it. */
  groupSuspended: TestUser;
  /** A moderator of the other group only. */
  otherModerator: TestUser;
  thread: TestThread;
  actor: (who: Who | "author" | "target") => Actor;
};

async function makeWorld(joinPolicy: "OPEN" | "APPROVAL" = "OPEN"): Promise<World> {
  const [
    owner,
    otherOwner,
    moderator,
    member,
    author,
    target,
    outsider,
    admin,
    siteSuspended,
    groupSuspended,
    otherModerator,
  ] = await Promise.all([
    makeUser(),
    makeUser(),
    makeUser(),
    makeUser(),
    makeUser(),
    makeUser(),
    makeUser(),
    makeUser({ siteRole: "ADMIN" }),
    makeUser({ suspendedUntil: days(7) }),
    makeUser(),
    makeUser(),
  ]);
  const group = await makeGroup(owner, { joinPolicy });
  const other = await makeGroup(otherOwner);
  await addMember(group, moderator, "MODERATOR");
  await addMember(group, member);
  await addMember(group, author);
  await addMember(group, target);
  await addMember(group, siteSuspended, "OWNER");
  await addMember(group, groupSuspended, "MODERATOR", "ACTIVE", { suspendedUntil: days(7) });
  await addMember(other, otherModerator, "MODERATOR");
  await addMember(other, moderator, "MODERATOR");
  await addMember(other, owner, "MODERATOR");
  const thread = await makeThread(group, author, { posts: 3, title: "Waiting lists for assessments" });
  const users = {
    owner,
    moderator,
    member,
    author,
    target,
    outsider,
    admin,
    siteSuspended,
    groupSuspended,
    otherModerator,
  };
  return { group, other, thread, ...users, actor: (who) => (who === "anonymous" ? null : actorOf(users[who])) };
}

/** Lets the clock move on, so that actions taken one after another never share a timestamp (ms precision). */
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

function error(e: { code: string; message: string }) {
  return { code: e.code, message: e.message };
}

const post2 = (w: World) => w.thread.posts[1]!;

/** Everything a refused call must leave untouched. */
async function stateOf(w: World) {
  const groupIds = [w.group.id, w.other.id];
  const postIds = w.thread.posts.map((p) => p.id);
  const [posts, thread, groups, actions, reports, memberships, notifications] = await Promise.all([
    db.post.findMany({
      where: { id: { in: postIds } },
      orderBy: { seq: "asc" },
      select: { status: true, statusReason: true, reportCount: true, featuredAt: true },
    }),
    db.thread.findUniqueOrThrow({
      where: { id: w.thread.id },
      select: { groupId: true, lockedAt: true, pinnedAt: true },
    }),
    db.group.findMany({
      where: { id: { in: groupIds } },
      orderBy: { id: "asc" },
      select: { id: true, threadCount: true },
    }),
    db.moderationAction.findMany({
      where: { groupId: { in: groupIds } },
      orderBy: { id: "asc" },
      select: { id: true },
    }),
    db.report.findMany({
      where: { postId: { in: postIds } },
      orderBy: { id: "asc" },
      select: { id: true, status: true, groupId: true },
    }),
    db.membership.findMany({
      where: { groupId: w.group.id },
      orderBy: { userId: "asc" },
      select: { userId: true, suspendedUntil: true, suspensionReason: true },
    }),
    db.notification.count({ where: { userId: { in: [w.target.id, w.author.id, w.member.id] } } }),
  ]);
  return { posts, thread, groups, actions, reports, memberships, notifications };
}

/** The latest log row of a kind in a group. */
function lastAction(groupId: string, kind: ModerationActionKind) {
  return db.moderationAction.findFirst({
    where: { groupId, kind },
    orderBy: { createdAt: "desc" },
    select: { actorId: true, kind: true, reason: true, postId: true, threadId: true, subjectId: true, details: true },
  });
}

/** Group.threadCount equals the number of threads in the group. */
async function expectThreadCountsConsistent(...groupIds: string[]) {
  for (const id of groupIds) {
    const [group, threads] = await Promise.all([
      db.group.findUniqueOrThrow({ where: { id }, select: { threadCount: true } }),
      db.thread.count({ where: { groupId: id } }),
    ]);
    expect(group.threadCount).toBe(threads);
  }
}

const post = (id: string) =>
  db.post.findUniqueOrThrow({
    where: { id },
    select: { status: true, statusReason: true, reportCount: true, featuredAt: true, featuredById: true },
  });

// ---------------------------------------------------------------------------
// Who may and who may not: every moderation mutation against every kind of actor.
// ---------------------------------------------------------------------------

type MatrixCase = {
  allowed: readonly Who[];
  /** Puts the world in the state the call needs (runs before the snapshot). */
  prepare?: (w: World) => Promise<void>;
  run: (w: World, actor: Actor) => Promise<unknown>;
  /** What a permitted call must have done, including the log row it wrote (for a read, what it answered: `result`). */
  effect: (w: World, actor: NonNullable<Actor>, result: unknown) => Promise<void>;
};

const MODERATORS = ["moderator", "owner", "admin"] as const;
const REASON = "Personal remarks about another member";

const CASES: Record<string, MatrixCase> = {
  reportPost: {
    allowed: ["member", "moderator", "owner"],
    run: (w, actor) => reportPost(actor, { postId: post2(w).id, reason: "It names a colleague." }),
    effect: async (w, actor) => {
      expect(
        await db.report.findMany({
          where: { postId: post2(w).id },
          select: { reporterId: true, groupId: true, status: true, reason: true },
        }),
      ).toEqual([{ reporterId: actor.id, groupId: w.group.id, status: "OPEN", reason: "It names a colleague." }]);
      expect(await post(post2(w).id)).toMatchObject({ status: "VISIBLE", reportCount: 1 });
      // A report is not a moderator's action: nothing in the public log.
      expect(await db.moderationAction.count({ where: { groupId: w.group.id } })).toBe(0);
    },
  },
  hidePost: {
    allowed: MODERATORS,
    run: (w, actor) => hidePost(actor, { postId: post2(w).id, reason: REASON }),
    effect: async (w, actor) => {
      expect(await post(post2(w).id)).toMatchObject({ status: "HIDDEN", statusReason: REASON });
      expect(await lastAction(w.group.id, "HIDE_POST")).toMatchObject({
        actorId: actor.id,
        reason: REASON,
        postId: post2(w).id,
        threadId: w.thread.id,
        subjectId: w.author.id,
        details: { from: "VISIBLE" },
      });
    },
  },
  removePost: {
    allowed: MODERATORS,
    run: (w, actor) => removePost(actor, { postId: post2(w).id, reason: REASON }),
    effect: async (w, actor) => {
      expect(await post(post2(w).id)).toMatchObject({ status: "REMOVED", statusReason: REASON });
      expect(await lastAction(w.group.id, "REMOVE_POST")).toMatchObject({
        actorId: actor.id,
        reason: REASON,
        postId: post2(w).id,
        subjectId: w.author.id,
      });
    },
  },
  restorePost: {
    allowed: MODERATORS,
    prepare: async (w) => {
      await db.post.update({ where: { id: post2(w).id }, data: { status: "HIDDEN", statusReason: "Off topic" } });
    },
    run: (w, actor) => restorePost(actor, { postId: post2(w).id, reason: "On reflection it is on topic" }),
    effect: async (w, actor) => {
      expect(await post(post2(w).id)).toMatchObject({ status: "VISIBLE", statusReason: null });
      expect(await lastAction(w.group.id, "RESTORE_POST")).toMatchObject({
        actorId: actor.id,
        reason: "On reflection it is on topic",
        postId: post2(w).id,
        details: { from: "HIDDEN" },
      });
    },
  },
  dismissReports: {
    allowed: MODERATORS,
    prepare: async (w) => addReport(post2(w), w.group, w.member),
    run: (w, actor) => dismissReports(actor, { postId: post2(w).id, reason: "Robust, but fair" }),
    effect: async (w, actor) => {
      expect(
        await db.report.findMany({
          where: { postId: post2(w).id },
          select: { status: true, resolvedById: true, resolution: true },
        }),
      ).toEqual([{ status: "DISMISSED", resolvedById: actor.id, resolution: "Dismissed: Robust, but fair" }]);
      expect(await lastAction(w.group.id, "DISMISS_REPORT")).toMatchObject({
        actorId: actor.id,
        reason: "Robust, but fair",
        postId: post2(w).id,
        details: { reports: 1 },
      });
    },
  },
  featurePost: {
    allowed: MODERATORS,
    run: (w, actor) => featurePost(actor, { postId: post2(w).id }),
    effect: async (w, actor) => {
      expect(await post(post2(w).id)).toMatchObject({ featuredById: actor.id, featuredAt: expect.any(Date) });
      expect(await lastAction(w.group.id, "FEATURE_POST")).toMatchObject({ actorId: actor.id, postId: post2(w).id });
    },
  },
  unfeaturePost: {
    allowed: MODERATORS,
    prepare: async (w) => {
      await db.post.update({ where: { id: post2(w).id }, data: { featuredAt: new Date(), featuredById: w.owner.id } });
    },
    run: (w, actor) => unfeaturePost(actor, { postId: post2(w).id }),
    effect: async (w, actor) => {
      expect(await post(post2(w).id)).toMatchObject({ featuredAt: null, featuredById: null });
      expect(await lastAction(w.group.id, "UNFEATURE_POST")).toMatchObject({ actorId: actor.id, postId: post2(w).id });
    },
  },
  lockThread: {
    allowed: MODERATORS,
    run: (w, actor) => lockThread(actor, { threadId: w.thread.id, reason: "Going round in circles" }),
    effect: async (w, actor) => {
      expect((await db.thread.findUniqueOrThrow({ where: { id: w.thread.id } })).lockedAt).toBeInstanceOf(Date);
      expect(await lastAction(w.group.id, "LOCK_THREAD")).toMatchObject({
        actorId: actor.id,
        reason: "Going round in circles",
        threadId: w.thread.id,
        details: { title: "Waiting lists for assessments" },
      });
    },
  },
  unlockThread: {
    allowed: MODERATORS,
    prepare: async (w) => {
      await db.thread.update({ where: { id: w.thread.id }, data: { lockedAt: new Date() } });
    },
    run: (w, actor) => unlockThread(actor, { threadId: w.thread.id }),
    effect: async (w, actor) => {
      expect((await db.thread.findUniqueOrThrow({ where: { id: w.thread.id } })).lockedAt).toBeNull();
      expect(await lastAction(w.group.id, "UNLOCK_THREAD")).toMatchObject({
        actorId: actor.id,
        reason: "",
        threadId: w.thread.id,
      });
    },
  },
  pinThread: {
    allowed: MODERATORS,
    run: (w, actor) => pinThread(actor, { threadId: w.thread.id, reason: "Start here" }),
    effect: async (w, actor) => {
      expect((await db.thread.findUniqueOrThrow({ where: { id: w.thread.id } })).pinnedAt).toBeInstanceOf(Date);
      expect(await lastAction(w.group.id, "PIN_THREAD")).toMatchObject({
        actorId: actor.id,
        reason: "Start here",
        threadId: w.thread.id,
      });
    },
  },
  unpinThread: {
    allowed: MODERATORS,
    prepare: async (w) => {
      await db.thread.update({ where: { id: w.thread.id }, data: { pinnedAt: new Date() } });
    },
    run: (w, actor) => unpinThread(actor, { threadId: w.thread.id }),
    effect: async (w, actor) => {
      expect((await db.thread.findUniqueOrThrow({ where: { id: w.thread.id } })).pinnedAt).toBeNull();
      expect(await lastAction(w.group.id, "UNPIN_THREAD")).toMatchObject({ actorId: actor.id, threadId: w.thread.id });
    },
  },
  moveThread: {
    // The world's moderator and owner moderate the other group too; admins govern every group.
    allowed: MODERATORS,
    run: (w, actor) =>
      moveThread(actor, { threadId: w.thread.id, toGroupId: w.other.id, reason: "Belongs with assessments" }),
    effect: async (w, actor) => {
      expect((await db.thread.findUniqueOrThrow({ where: { id: w.thread.id } })).groupId).toBe(w.other.id);
      await expectThreadCountsConsistent(w.group.id, w.other.id);
      const details = {
        title: "Waiting lists for assessments",
        fromGroupId: w.group.id,
        toGroupId: w.other.id,
        toGroupName: w.other.name,
        fromGroupName: w.group.name,
      };
      for (const groupId of [w.group.id, w.other.id]) {
        expect(await lastAction(groupId, "MOVE_THREAD")).toMatchObject({
          actorId: actor.id,
          reason: "Belongs with assessments",
          threadId: w.thread.id,
          details,
        });
      }
    },
  },
  suspendMember: {
    allowed: MODERATORS,
    run: (w, actor) =>
      suspendMember(actor, { groupId: w.group.id, userId: w.target.id, days: 3, reason: "Repeated personal remarks" }),
    effect: async (w, actor) => {
      const m = await db.membership.findUniqueOrThrow({
        where: { groupId_userId: { groupId: w.group.id, userId: w.target.id } },
      });
      expect(m.suspensionReason).toBe("Repeated personal remarks");
      expect(Math.abs(m.suspendedUntil!.getTime() - days(3).getTime())).toBeLessThan(60_000);
      expect(await lastAction(w.group.id, "SUSPEND_MEMBER")).toMatchObject({
        actorId: actor.id,
        reason: "Repeated personal remarks",
        subjectId: w.target.id,
        details: { until: m.suspendedUntil!.toISOString() },
      });
      expect(
        await db.notification.findMany({
          where: { userId: w.target.id },
          select: { kind: true, actorId: true, text: true },
        }),
      ).toEqual([
        {
          kind: "MODERATION",
          actorId: actor.id,
          text: `You are suspended from ${w.group.name} until ${formatDate(m.suspendedUntil!)}: Repeated personal remarks`,
        },
      ]);
    },
  },
  unsuspendMember: {
    allowed: MODERATORS,
    prepare: async (w) => {
      await suspendMember(w.actor("owner"), {
        groupId: w.group.id,
        userId: w.target.id,
        days: 3,
        reason: "Cooling off",
      });
    },
    run: (w, actor) => unsuspendMember(actor, { groupId: w.group.id, userId: w.target.id, reason: "Apologised" }),
    effect: async (w, actor) => {
      expect(
        await db.membership.findUniqueOrThrow({
          where: { groupId_userId: { groupId: w.group.id, userId: w.target.id } },
          select: { suspendedUntil: true, suspensionReason: true },
        }),
      ).toEqual({
        suspendedUntil: null,
        suspensionReason: null,
      });
      expect(await lastAction(w.group.id, "UNSUSPEND_MEMBER")).toMatchObject({
        actorId: actor.id,
        reason: "Apologised",
        subjectId: w.target.id,
      });
    },
  },
  getReviewQueue: {
    allowed: MODERATORS,
    prepare: async (w) => addReport(post2(w), w.group, w.member),
    run: (w, actor) => getReviewQueue(actor, w.group.id, 1),
    // The one reported post, as stored; looking at the queue settles nothing.
    effect: async (w, _actor, result) => {
      expect(result).toMatchObject({ total: 1, page: 1, items: [{ postId: post2(w).id }] });
      expect(
        await db.report.findMany({
          where: { groupId: w.group.id },
          select: { postId: true, reporterId: true, status: true },
        }),
      ).toEqual([{ postId: post2(w).id, reporterId: w.member.id, status: "OPEN" }]);
    },
  },
  listSuspensions: {
    allowed: MODERATORS,
    prepare: async (w) => {
      await suspendMember(w.actor("owner"), {
        groupId: w.group.id,
        userId: w.target.id,
        days: 3,
        reason: "Cooling off",
      });
    },
    run: (w, actor) => listSuspensions(actor, w.group.id),
    // The suspension in the log, with its reason and end; listing it lifts nothing.
    effect: async (w, _actor, result) => {
      const { suspendedUntil } = await db.membership.findUniqueOrThrow({
        where: { groupId_userId: { groupId: w.group.id, userId: w.target.id } },
        select: { suspendedUntil: true },
      });
      expect(suspendedUntil!.getTime()).toBeGreaterThan(Date.now());
      expect(result).toEqual([expect.objectContaining({ userId: w.target.id, reason: "Cooling off", isMember: true })]);
      expect((result as { until: Date }[])[0]!.until.getTime()).toBe(suspendedUntil!.getTime());
    },
  },
};

describe.each(Object.entries(CASES))("%s: who may and who may not", (_name, spec) => {
  it.each(WHO)("%s", async (who) => {
    const w = await makeWorld();
    await spec.prepare?.(w);
    const actor = w.actor(who);
    const before = await stateOf(w);

    if (spec.allowed.includes(who)) {
      const result = await spec.run(w, actor);
      await spec.effect(w, actor!, result);
      await expectThreadCountsConsistent(w.group.id, w.other.id);
      return;
    }
    const error = await appError(spec.run(w, actor));
    expect(error.code).toBe(who === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN");
    if (who === "groupSuspended") expect(error.message).toMatch(/^You are suspended from this group until /);
    if (who === "siteSuspended") expect(error.message).toMatch(/^Your account is suspended until /);
    if (who === "otherModerator" || who === "outsider")
      expect(error.message).toMatch(/^Only (the group's moderators and owners|members of this group) can/);
    expect(await stateOf(w)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------
// Reports
// ---------------------------------------------------------------------------

describe("reportPost", () => {
  it("once per person per post; Post.reportCount counts the reports", async () => {
    const w = await makeWorld();
    const target = post2(w);
    await reportPost(w.actor("member"), { postId: target.id, reason: "Rude." });
    const again = await appError(reportPost(w.actor("member"), { postId: target.id, reason: "Still rude." }));
    expect(error(again)).toEqual({ code: "CONFLICT", message: "You have already reported this post." });
    await reportPost(w.actor("moderator"), { postId: target.id, reason: "Agree, rude." });
    expect((await post(target.id)).reportCount).toBe(2);
    expect(await db.report.count({ where: { postId: target.id } })).toBe(2);
  });

  it("not one's own post", async () => {
    const w = await makeWorld();
    const before = await stateOf(w);
    const refused = await appError(reportPost(w.actor("author"), { postId: post2(w).id, reason: "Oops" }));
    expect(error(refused)).toEqual({ code: "VALIDATION", message: "You cannot report your own post." });
    expect(await stateOf(w)).toEqual(before);
  });

  it("not posts already hidden, removed or deleted, nor unknown posts", async () => {
    const w = await makeWorld();
    const [p1, p2, p3] = w.thread.posts;
    await db.post.update({ where: { id: p1!.id }, data: { status: "HIDDEN", statusReason: "x" } });
    await db.post.update({ where: { id: p2!.id }, data: { status: "REMOVED", statusReason: "x" } });
    await db.post.update({ where: { id: p3!.id }, data: { status: "DELETED" } });
    for (const p of [p1!, p2!, p3!])
      expect((await appError(reportPost(w.actor("member"), { postId: p.id, reason: "Rude." }))).code).toBe("CONFLICT");
    expect((await appError(reportPost(w.actor("member"), { postId: UNKNOWN_ID, reason: "Rude." }))).code).toBe(
      "NOT_FOUND",
    );
    expect(await db.report.count({ where: { postId: { in: w.thread.posts.map((p) => p.id) } } })).toBe(0);
  });

  it("a pending member of an approval group cannot see its posts, so is told there is no such post", async () => {
    const w = await makeWorld("APPROVAL");
    const pending = await makeUser();
    await addMember(w.group, pending, "MEMBER", "PENDING");
    expect(error(await appError(reportPost(actorOf(pending), { postId: post2(w).id, reason: "Rude." })))).toEqual({
      code: "NOT_FOUND",
      message: "That post was not found.",
    });
  });
});

describe("hiding a post automatically after reports from different members", () => {
  async function worldWithThreshold(threshold: number | null) {
    const w = await makeWorld();
    await updateGroup(w.actor("owner"), {
      groupId: w.group.id,
      name: w.group.name,
      description: "A group made by the test factories.",
      joinPolicy: "OPEN",
      autoHideReportThreshold: threshold,
    });
    const reporters = await Promise.all(Array.from({ length: 4 }, () => makeUser()));
    for (const r of reporters) await addMember(w.group, r);
    return { w, reporters };
  }

  it("hides a visible post when the Nth different member reports it, and logs who tipped it", async () => {
    const { w, reporters } = await worldWithThreshold(3);
    const target = post2(w);
    await db.post.update({ where: { id: target.id }, data: { featuredAt: new Date(), featuredById: w.owner.id } });
    expect((await reportPost(actorOf(reporters[0]!), { postId: target.id, reason: "One" })).autoHidden).toBe(false);
    expect((await reportPost(actorOf(reporters[1]!), { postId: target.id, reason: "Two" })).autoHidden).toBe(false);
    expect(await post(target.id)).toMatchObject({ status: "VISIBLE", reportCount: 2 });
    expect((await reportPost(actorOf(reporters[2]!), { postId: target.id, reason: "Three" })).autoHidden).toBe(true);
    expect(await post(target.id)).toMatchObject({
      status: "HIDDEN",
      statusReason: "Hidden pending review after 3 reports",
      reportCount: 3,
      featuredAt: null,
    });
    const actions = await db.moderationAction.findMany({
      where: { groupId: w.group.id },
      select: { kind: true, actorId: true, postId: true, details: true },
    });
    expect(actions).toEqual([
      {
        kind: "AUTO_HIDE_POST",
        actorId: reporters[2]!.id,
        postId: target.id,
        details: expect.objectContaining({ auto: true, reports: 3 }),
      },
    ]);
    // Once hidden, more reports are not needed.
    expect((await appError(reportPost(actorOf(reporters[3]!), { postId: target.id, reason: "Four" }))).code).toBe(
      "CONFLICT",
    );
  });

  it("does nothing without a threshold", async () => {
    const { w, reporters } = await worldWithThreshold(null);
    for (const r of reporters) await reportPost(actorOf(r), { postId: post2(w).id, reason: "Rude" });
    expect(await post(post2(w).id)).toMatchObject({ status: "VISIBLE", reportCount: 4 });
    expect(await db.moderationAction.count({ where: { groupId: w.group.id } })).toBe(0);
  });

  it("counts only open reports: after a review, reporting starts again from nothing", async () => {
    const { w, reporters } = await worldWithThreshold(2);
    const target = post2(w);
    await reportPost(actorOf(reporters[0]!), { postId: target.id, reason: "One" });
    await dismissReports(w.actor("moderator"), { postId: target.id });
    await reportPost(actorOf(reporters[1]!), { postId: target.id, reason: "Two" });
    expect((await post(target.id)).status).toBe("VISIBLE");
    await reportPost(actorOf(reporters[2]!), { postId: target.id, reason: "Three" });
    expect(await post(target.id)).toMatchObject({
      status: "HIDDEN",
      statusReason: "Hidden pending review after 2 reports",
    });
  });

  it("dismissing the reports shows an automatically hidden post again; a moderator's hide stays", async () => {
    const { w, reporters } = await worldWithThreshold(2);
    const [, autoHidden, modHidden] = w.thread.posts;
    for (const r of reporters.slice(0, 2)) await reportPost(actorOf(r), { postId: autoHidden!.id, reason: "Rude" });
    expect((await post(autoHidden!.id)).status).toBe("HIDDEN");
    expect(
      (await dismissReports(w.actor("moderator"), { postId: autoHidden!.id, reason: "Fair comment" })).restored,
    ).toBe(true);
    expect(await post(autoHidden!.id)).toMatchObject({ status: "VISIBLE", statusReason: null });
    expect(await lastAction(w.group.id, "DISMISS_REPORT")).toMatchObject({ details: { reports: 2, restored: true } });

    await reportPost(actorOf(reporters[0]!), { postId: modHidden!.id, reason: "Rude" });
    await hidePost(w.actor("moderator"), { postId: modHidden!.id, reason: "Off topic" });
    await addReport(modHidden!, w.group, reporters[1]!);
    expect((await dismissReports(w.actor("moderator"), { postId: modHidden!.id })).restored).toBe(false);
    expect((await post(modHidden!.id)).status).toBe("HIDDEN");
  });

  it("reports arriving at the same moment hide the post exactly once, and the counter matches the rows", async () => {
    const { w, reporters } = await worldWithThreshold(2);
    const target = post2(w);
    const { results, overlapped } = await raceBehindTableLock(
      "Post",
      reporters.slice(0, 3).map((r) => () => reportPost(actorOf(r), { postId: target.id, reason: "Rude" })),
      3,
    );
    expect(overlapped).toBeGreaterThanOrEqual(3);
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    // The third finds the post already hidden.
    expect(fulfilled).toHaveLength(2);
    expect(await db.moderationAction.count({ where: { groupId: w.group.id, kind: "AUTO_HIDE_POST" } })).toBe(1);
    const p = await post(target.id);
    expect(p.status).toBe("HIDDEN");
    expect(p.reportCount).toBe(await db.report.count({ where: { postId: target.id } }));
  });
});

// ---------------------------------------------------------------------------
// Hide, remove, restore, dismiss, feature
// ---------------------------------------------------------------------------

describe("hide, remove and restore", () => {
  it("resolve the post's open reports as actioned, by whom, when and why", async () => {
    const w = await makeWorld();
    const target = post2(w);
    await addReport(target, w.group, w.member);
    await addReport(target, w.group, w.owner);
    await hidePost(w.actor("moderator"), { postId: target.id, reason: "Names a colleague" });
    const reports = await db.report.findMany({
      where: { postId: target.id },
      select: { status: true, resolvedById: true, resolvedAt: true, resolution: true },
    });
    expect(reports).toHaveLength(2);
    for (const r of reports) {
      expect(r).toMatchObject({
        status: "ACTIONED",
        resolvedById: w.moderator.id,
        resolution: "Post hidden: Names a colleague",
      });
      expect(r.resolvedAt).toBeInstanceOf(Date);
    }
    expect(await lastAction(w.group.id, "HIDE_POST")).toMatchObject({ details: { reportsResolved: 2 } });
  });

  it("refuse changes that change nothing, and posts their authors deleted", async () => {
    const w = await makeWorld();
    const [p1, p2, p3] = w.thread.posts;
    const mod = w.actor("moderator");
    await db.post.update({ where: { id: p1!.id }, data: { status: "HIDDEN", statusReason: "x" } });
    await db.post.update({ where: { id: p2!.id }, data: { status: "REMOVED", statusReason: "x" } });
    await db.post.update({ where: { id: p3!.id }, data: { status: "DELETED" } });
    const visible = await makeThread(w.group, w.author);
    const before = await stateOf(w);
    expect(error(await appError(hidePost(mod, { postId: p1!.id, reason: "Again" })))).toEqual({
      code: "CONFLICT",
      message: "This post is already hidden.",
    });
    expect(error(await appError(removePost(mod, { postId: p2!.id, reason: "Again" })))).toEqual({
      code: "CONFLICT",
      message: "This post is already removed.",
    });
    expect(error(await appError(restorePost(mod, { postId: visible.posts[0]!.id })))).toEqual({
      code: "CONFLICT",
      message: "This post is already visible.",
    });
    for (const attempt of [
      () => hidePost(mod, { postId: p3!.id, reason: "x" }),
      () => removePost(mod, { postId: p3!.id, reason: "x" }),
      () => restorePost(mod, { postId: p3!.id }),
      () => featurePost(mod, { postId: p3!.id }),
    ]) {
      expect(error(await appError(attempt()))).toEqual({
        code: "CONFLICT",
        message: "This post was deleted by its author, so there is nothing to moderate.",
      });
    }
    expect(await stateOf(w)).toEqual(before);
    expect(await db.moderationAction.count({ where: { groupId: w.group.id } })).toBe(0);
  });

  it("move between hidden and removed, and back", async () => {
    const w = await makeWorld();
    const target = post2(w);
    const mod = w.actor("owner");
    await hidePost(mod, { postId: target.id, reason: "Pending a check" });
    await tick();
    await removePost(mod, { postId: target.id, reason: "Contains a phone number" });
    expect(await post(target.id)).toMatchObject({ status: "REMOVED", statusReason: "Contains a phone number" });
    await tick();
    await restorePost(mod, { postId: target.id });
    expect(await post(target.id)).toMatchObject({ status: "VISIBLE", statusReason: null });
    expect(
      (
        await db.moderationAction.findMany({
          where: { groupId: w.group.id },
          orderBy: { createdAt: "asc" },
          select: { kind: true },
        })
      ).map((a) => a.kind),
    ).toEqual(["HIDE_POST", "REMOVE_POST", "RESTORE_POST"]);
  });

  it("hiding a key contribution takes the mark away", async () => {
    const w = await makeWorld();
    const target = post2(w);
    await featurePost(w.actor("moderator"), { postId: target.id });
    await hidePost(w.actor("moderator"), { postId: target.id, reason: "Off topic" });
    expect(await post(target.id)).toMatchObject({ featuredAt: null, featuredById: null });
    expect(await lastAction(w.group.id, "HIDE_POST")).toMatchObject({ details: { unfeatured: true } });
  });

  it("dismissing needs open reports", async () => {
    const w = await makeWorld();
    expect(error(await appError(dismissReports(w.actor("moderator"), { postId: post2(w).id })))).toEqual({
      code: "CONFLICT",
      message: "There are no open reports on this post.",
    });
  });

  it("only visible posts become key contributions, once", async () => {
    const w = await makeWorld();
    const [p1, p2] = w.thread.posts;
    const mod = w.actor("moderator");
    await db.post.update({ where: { id: p1!.id }, data: { status: "HIDDEN", statusReason: "x" } });
    expect(error(await appError(featurePost(mod, { postId: p1!.id })))).toEqual({
      code: "CONFLICT",
      message: "Only visible posts can be marked as key contributions.",
    });
    await featurePost(mod, { postId: p2!.id });
    expect(error(await appError(featurePost(mod, { postId: p2!.id })))).toEqual({
      code: "CONFLICT",
      message: "This post is already marked as a key contribution.",
    });
    await unfeaturePost(mod, { postId: p2!.id });
    expect(error(await appError(unfeaturePost(mod, { postId: p2!.id })))).toEqual({
      code: "CONFLICT",
      message: "This post is not marked as a key contribution.",
    });
  });
});

// ---------------------------------------------------------------------------
// Threads
// ---------------------------------------------------------------------------

describe("lock, unlock, pin, unpin", () => {
  it("refuse changes that change nothing", async () => {
    const w = await makeWorld();
    const mod = w.actor("moderator");
    const ref = { threadId: w.thread.id };
    expect(error(await appError(unlockThread(mod, ref)))).toEqual({
      code: "CONFLICT",
      message: "This thread is not locked.",
    });
    expect(error(await appError(unpinThread(mod, ref)))).toEqual({
      code: "CONFLICT",
      message: "This thread is not pinned.",
    });
    await lockThread(mod, ref);
    await pinThread(mod, ref);
    expect(error(await appError(lockThread(mod, ref)))).toEqual({
      code: "CONFLICT",
      message: "This thread is already locked.",
    });
    expect(error(await appError(pinThread(mod, ref)))).toEqual({
      code: "CONFLICT",
      message: "This thread is already pinned.",
    });
    expect((await appError(lockThread(mod, { threadId: UNKNOWN_ID }))).code).toBe("NOT_FOUND");
  });
});

describe("moveThread", () => {
  it("keeps both groups' thread counts right, and the reports follow the thread into the new group's queue", async () => {
    const w = await makeWorld();
    await makeThread(w.group, w.author, { posts: 1 });
    await makeThread(w.other, w.author, { posts: 1 });
    await addReport(post2(w), w.group, w.member);
    await moveThread(w.actor("moderator"), { threadId: w.thread.id, toGroupId: w.other.id, reason: "Wrong group" });
    await expectThreadCountsConsistent(w.group.id, w.other.id);
    expect((await db.group.findUniqueOrThrow({ where: { id: w.group.id } })).threadCount).toBe(1);
    expect((await db.group.findUniqueOrThrow({ where: { id: w.other.id } })).threadCount).toBe(2);
    expect(await db.report.findMany({ where: { postId: post2(w).id }, select: { groupId: true } })).toEqual([
      { groupId: w.other.id },
    ]);
    expect((await getReviewQueue(w.actor("moderator"), w.other.id, 1)).items.map((i) => i.postId)).toEqual([
      post2(w).id,
    ]);
    expect((await getReviewQueue(w.actor("moderator"), w.group.id, 1)).items).toEqual([]);
    // The moderator of the old group alone can no longer act on it.
    const oldOnly = await makeUser();
    await addMember(w.group, oldOnly, "MODERATOR");
    expect((await appError(lockThread(actorOf(oldOnly), { threadId: w.thread.id }))).code).toBe("FORBIDDEN");
    // And back again.
    await moveThread(w.actor("admin"), { threadId: w.thread.id, toGroupId: w.group.id, reason: "Moved back" });
    await expectThreadCountsConsistent(w.group.id, w.other.id);
  });

  it("needs moderation of threads in the target group too", async () => {
    const w = await makeWorld();
    const third = await makeGroup(w.owner);
    const onlyHere = await makeUser();
    await addMember(w.group, onlyHere, "MODERATOR");
    const before = await stateOf(w);
    const refused = await appError(
      moveThread(actorOf(onlyHere), { threadId: w.thread.id, toGroupId: w.other.id, reason: "Wrong group" }),
    );
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toMatch(/you do not moderate/);
    // A plain member of the target group is not enough either.
    await addMember(w.other, onlyHere);
    expect(
      (
        await appError(
          moveThread(actorOf(onlyHere), { threadId: w.thread.id, toGroupId: w.other.id, reason: "Wrong group" }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(await stateOf(w)).toEqual(before);
    // The owner owns the third group: allowed there.
    await moveThread(w.actor("owner"), { threadId: w.thread.id, toGroupId: third.id, reason: "Wrong group" });
    await expectThreadCountsConsistent(w.group.id, third.id);
  });

  it("only group discussions move; not to the same group; not to an unknown group", async () => {
    const w = await makeWorld();
    const paperThread = await makeThread(w.group, w.author, { subject: "PAPER" });
    const mod = w.actor("moderator");
    expect(
      error(
        await appError(moveThread(mod, { threadId: paperThread.id, toGroupId: w.other.id, reason: "Wrong group" })),
      ),
    ).toEqual({
      code: "CONFLICT",
      message: "Threads attached to a paper move with the paper.",
    });
    expect(
      (await appError(moveThread(mod, { threadId: w.thread.id, toGroupId: w.group.id, reason: "Same" }))).code,
    ).toBe("VALIDATION");
    expect(
      (await appError(moveThread(mod, { threadId: w.thread.id, toGroupId: UNKNOWN_ID, reason: "Nowhere" }))).code,
    ).toBe("NOT_FOUND");
    await expectThreadCountsConsistent(w.group.id, w.other.id);
    expect(
      await db.moderationAction.count({
        where: { kind: "MOVE_THREAD", threadId: { in: [w.thread.id, paperThread.id] } },
      }),
    ).toBe(0);
  });

  it("two moderators moving one thread at the same moment: it moves once, and the counters hold", async () => {
    const w = await makeWorld();
    const third = await makeGroup(w.owner);
    await addMember(third, w.moderator, "MODERATOR");
    const { results, overlapped } = await raceBehindTableLock(
      "Thread",
      [
        () => moveThread(w.actor("owner"), { threadId: w.thread.id, toGroupId: w.other.id, reason: "Here" }),
        () => moveThread(w.actor("moderator"), { threadId: w.thread.id, toGroupId: third.id, reason: "No, here" }),
      ],
      2,
    );
    expect(overlapped).toBe(2);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({
      code: "CONFLICT",
    });
    await expectThreadCountsConsistent(w.group.id, w.other.id, third.id);
  });

  it("lists as targets only the groups where the viewer may moderate threads", async () => {
    const w = await makeWorld();
    const suspendedThere = await makeGroup(w.owner);
    await addMember(suspendedThere, w.moderator, "MODERATOR", "ACTIVE", { suspendedUntil: days(2) });
    const memberThere = await makeGroup(w.owner);
    await addMember(memberThere, w.moderator);
    expect((await listMoveTargets(w.actor("moderator"), w.group.id)).map((g) => g.id)).toEqual([w.other.id]);
    expect(await listMoveTargets(w.actor("member"), w.group.id)).toEqual([]);
    expect(await listMoveTargets(w.actor("siteSuspended"), w.group.id)).toEqual([]);
    expect(await listMoveTargets(null, w.group.id)).toEqual([]);
    // Admins may move threads anywhere: every group but this one, by name (at most MOVE_TARGETS_LIMIT).
    const first = await makeGroup(w.owner, { name: `0000 first by name ${w.group.slug}` });
    const forAdmin = await listMoveTargets(w.actor("admin"), w.group.id);
    expect(forAdmin[0]).toEqual({ id: first.id, name: first.name });
    expect(forAdmin.map((g) => g.id)).not.toContain(w.group.id);
    expect(forAdmin.length).toBeLessThanOrEqual(MOVE_TARGETS_LIMIT);
  });
});

// ---------------------------------------------------------------------------
// Suspensions
// ---------------------------------------------------------------------------

describe("suspendMember and unsuspendMember", () => {
  it("no one suspends themself", async () => {
    const w = await makeWorld();
    for (const who of ["moderator", "owner"] as const) {
      expect(
        error(
          await appError(
            suspendMember(w.actor(who), { groupId: w.group.id, userId: w[who].id, days: 1, reason: "Test" }),
          ),
        ),
      ).toEqual({
        code: "VALIDATION",
        message: "You cannot suspend yourself.",
      });
    }
  });

  it("moderators cannot suspend owners; owners and admins can", async () => {
    const w = await makeWorld();
    const coOwner = await makeUser();
    await addMember(w.group, coOwner, "OWNER");
    expect(
      error(
        await appError(
          suspendMember(w.actor("moderator"), { groupId: w.group.id, userId: coOwner.id, days: 1, reason: "Test" }),
        ),
      ),
    ).toEqual({
      code: "FORBIDDEN",
      message: "Only the group's owners can suspend or reinstate an owner.",
    });
    await suspendMember(w.actor("owner"), { groupId: w.group.id, userId: coOwner.id, days: 1, reason: "Test" });
    await unsuspendMember(w.actor("admin"), { groupId: w.group.id, userId: coOwner.id });
    await suspendMember(w.actor("admin"), { groupId: w.group.id, userId: coOwner.id, days: 1, reason: "Test" });
  });

  it("a moderator may suspend another moderator", async () => {
    const w = await makeWorld();
    const other = await makeUser();
    await addMember(w.group, other, "MODERATOR");
    await suspendMember(w.actor("moderator"), {
      groupId: w.group.id,
      userId: other.id,
      days: 1,
      reason: "Heavy-handed",
    });
    // A suspended moderator moderates no more.
    expect(error(await appError(hidePost(actorOf(other), { postId: post2(w).id, reason: "x" })))).toEqual({
      code: "FORBIDDEN",
      message: expect.stringMatching(/^You are suspended from this group until /),
    });
  });

  it("a suspended member is told so where the reply box and the new-thread form would be, not asked to join", async () => {
    const w = await makeWorld();
    const member = await makeUser();
    await addMember(w.group, member, "MEMBER");
    expect((await getThreadHeader(actorOf(member), w.thread.id)).replyRefusal).toBeNull();
    await suspendMember(w.actor("owner"), { groupId: w.group.id, userId: member.id, days: 3, reason: "Cooling off" });
    const header = await getThreadHeader(actorOf(member), w.thread.id);
    expect(header.can("post.create")).toBe(false);
    expect(header.replyRefusal).toMatch(/^You are suspended from this group until /);
    const page = await getGroupPage(w.group.slug, actorOf(member));
    expect(page?.refusal("thread.create")).toMatch(/^You are suspended from this group until /);
    // Someone who is simply not a member is offered to join instead.
    expect((await getThreadHeader(w.actor("outsider"), w.thread.id)).replyRefusal).toBeNull();
  });

  it("only active members can be suspended", async () => {
    const w = await makeWorld();
    const pending = await makeUser();
    await addMember(w.group, pending, "MEMBER", "PENDING");
    for (const userId of [pending.id, w.outsider.id, UNKNOWN_ID]) {
      expect(
        (await appError(suspendMember(w.actor("owner"), { groupId: w.group.id, userId, days: 1, reason: "Test" })))
          .code,
      ).toBe("NOT_FOUND");
    }
    expect(
      error(await appError(unsuspendMember(w.actor("owner"), { groupId: w.group.id, userId: w.member.id }))),
    ).toEqual({ code: "CONFLICT", message: "They are not suspended from this group." });
    expect(
      (
        await appError(
          suspendMember(w.actor("owner"), { groupId: UNKNOWN_ID, userId: w.member.id, days: 1, reason: "Test" }),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });

  it("a suspended member keeps reading but cannot report; lifting it notifies them", async () => {
    const w = await makeWorld();
    await suspendMember(w.actor("moderator"), {
      groupId: w.group.id,
      userId: w.member.id,
      days: 2,
      reason: "Cooling off",
    });
    expect(error(await appError(reportPost(w.actor("member"), { postId: post2(w).id, reason: "Rude" })))).toEqual({
      code: "FORBIDDEN",
      message: expect.stringMatching(/^You are suspended from this group until /),
    });
    expect((await getModerationLog(w.actor("member"), w.group.id, 1)).entries.length).toBe(1);
    await unsuspendMember(w.actor("moderator"), { groupId: w.group.id, userId: w.member.id });
    await reportPost(w.actor("member"), { postId: post2(w).id, reason: "Rude" });
    expect(
      (
        await db.notification.findMany({
          where: { userId: w.member.id },
          orderBy: { createdAt: "asc" },
          select: { kind: true, text: true },
        })
      ).map((n) => n.text),
    ).toEqual([
      expect.stringMatching(/^You are suspended from .* until .*: Cooling off$/),
      `Your suspension from ${w.group.name} has been lifted`,
    ]);
  });

  it("leaving and rejoining does not shed a suspension; lifting it, or its end, lets them back", async () => {
    const w = await makeWorld();
    const { until } = await suspendMember(w.actor("moderator"), {
      groupId: w.group.id,
      userId: w.target.id,
      days: 5,
      reason: "Cooling off",
    });
    await leaveGroup(actorOf(w.target), { groupId: w.group.id });
    const refused = await appError(joinGroup(actorOf(w.target), { groupId: w.group.id }));
    expect(error(refused)).toEqual({
      code: "FORBIDDEN",
      message: `You are suspended from this group until ${formatDate(until)}.`,
    });
    expect(
      await db.membership.findUnique({ where: { groupId_userId: { groupId: w.group.id, userId: w.target.id } } }),
    ).toBeNull();

    // Still listed (as having left), and a moderator can lift it although they are no longer a member.
    const listed = await listSuspensions(w.actor("moderator"), w.group.id);
    expect(listed).toEqual([expect.objectContaining({ userId: w.target.id, isMember: false, reason: "Cooling off" })]);
    await unsuspendMember(w.actor("moderator"), { groupId: w.group.id, userId: w.target.id, reason: "Lifted early" });
    expect(await listSuspensions(w.actor("moderator"), w.group.id)).toEqual([]);
    expect(await joinGroup(actorOf(w.target), { groupId: w.group.id })).toEqual({ status: "ACTIVE" });
    // Rejoining starts unsuspended.
    expect(
      (
        await db.membership.findUniqueOrThrow({
          where: { groupId_userId: { groupId: w.group.id, userId: w.target.id } },
        })
      ).suspendedUntil,
    ).toBeNull();
  });

  it("a suspension that has run out no longer blocks rejoining, nor does one in another group", async () => {
    const w = await makeWorld();
    await suspendMember(w.actor("moderator"), {
      groupId: w.group.id,
      userId: w.target.id,
      days: 1,
      reason: "Cooling off",
    });
    await leaveGroup(actorOf(w.target), { groupId: w.group.id });
    expect((await joinGroup(actorOf(w.target), { groupId: w.other.id })).status).toBe("ACTIVE");
    // Let it run out.
    await db.moderationAction.updateMany({
      where: { groupId: w.group.id, subjectId: w.target.id, kind: "SUSPEND_MEMBER" },
      data: { details: { until: new Date(Date.now() - 1000).toISOString() } },
    });
    expect((await joinGroup(actorOf(w.target), { groupId: w.group.id })).status).toBe("ACTIVE");
  });

  it("an approval group refuses a suspended person's request to join too", async () => {
    const w = await makeWorld("APPROVAL");
    await suspendMember(w.actor("owner"), { groupId: w.group.id, userId: w.target.id, days: 5, reason: "Cooling off" });
    await leaveGroup(actorOf(w.target), { groupId: w.group.id });
    expect((await appError(joinGroup(actorOf(w.target), { groupId: w.group.id, note: "Sorry" }))).message).toMatch(
      /^You are suspended from this group until /,
    );
  });
});

// ---------------------------------------------------------------------------
// The review queue
// ---------------------------------------------------------------------------

describe("getReviewQueue", () => {
  it("one row per reported post, the longest-waiting first, with its reasons and reporters", async () => {
    const w = await makeWorld();
    const [p1, p2, p3] = w.thread.posts;
    const gone = await makeUser({ displayName: "Gone Reporter" });
    await addMember(w.group, gone);
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
    await addReport(p2!, w.group, w.member, "Names a colleague", at(30));
    await addReport(p1!, w.group, w.moderator, "Off topic", at(20));
    await addReport(p2!, w.group, gone, "Unkind", at(10));
    await db.user.update({ where: { id: gone.id }, data: { deletedAt: new Date() } });
    // Resolved reports are not in the queue.
    await addReport(p3!, w.group, w.member, "Old");
    await dismissReports(w.actor("owner"), { postId: p3!.id });
    await db.post.update({ where: { id: p2!.id }, data: { status: "HIDDEN", statusReason: "Pending" } });

    const queue = await getReviewQueue(w.actor("moderator"), w.group.id, 1);
    expect(queue.total).toBe(2);
    expect(queue.items.map((i) => i.postId)).toEqual([p2!.id, p1!.id]);
    const [first] = queue.items;
    expect(first).toMatchObject({
      threadId: w.thread.id,
      threadTitle: "Waiting lists for assessments",
      permalink: `/threads/${w.thread.id}/posts/${p2!.id}`,
      // Moderators read the hidden post's text in the queue.
      excerpt: "Post number 2 with some emphasis.",
      author: { handle: w.author.handle, displayName: w.author.displayName },
      status: "HIDDEN",
      statusReason: "Pending",
      openReports: 2,
    });
    expect(first!.reasons.map((r) => [r.reason, r.reporter])).toEqual([
      ["Names a colleague", w.member.displayName],
      ["Unkind", "former member"],
    ]);
    expect(JSON.stringify(queue)).not.toContain("@example.test");
  });

  it("pages through many reported posts, and shows at most a few reasons for each", async () => {
    const w = await makeWorld();
    const big = await makeThread(w.group, w.author, { posts: QUEUE_PAGE_SIZE + 3 });
    const reporters = await Promise.all(Array.from({ length: QUEUE_REASONS_PER_POST + 2 }, () => makeUser()));
    for (const r of reporters) await addMember(w.group, r);
    const start = Date.now() - 3_600_000;
    for (const p of big.posts)
      await addReport(p, w.group, w.member, `About post ${p.seq}`, new Date(start + p.seq * 1000));
    for (const r of reporters) await addReport(big.posts[0]!, w.group, r);

    const page1 = await getReviewQueue(w.actor("moderator"), w.group.id, 1);
    const page2 = await getReviewQueue(w.actor("moderator"), w.group.id, 2);
    expect(page1).toMatchObject({ total: QUEUE_PAGE_SIZE + 3, pageCount: 2 });
    expect(page1.items).toHaveLength(QUEUE_PAGE_SIZE);
    expect(page2.items).toHaveLength(3);
    expect(new Set([...page1.items, ...page2.items].map((i) => i.postId)).size).toBe(QUEUE_PAGE_SIZE + 3);
    expect(page1.items[0]).toMatchObject({ postId: big.posts[0]!.id, openReports: reporters.length + 1 });
    expect(page1.items[0]!.reasons).toHaveLength(QUEUE_REASONS_PER_POST);
  });

  it("never shows a removed post's text", async () => {
    const w = await makeWorld();
    await addReport(post2(w), w.group, w.member);
    await db.post.update({ where: { id: post2(w).id }, data: { status: "REMOVED", statusReason: "Doxxing" } });
    const [item] = (await getReviewQueue(w.actor("moderator"), w.group.id, 1)).items;
    expect(item).toMatchObject({ status: "REMOVED", excerpt: null });
  });
});

// ---------------------------------------------------------------------------
// The public log
// ---------------------------------------------------------------------------

describe("getModerationLog", () => {
  it("who, what, when and why, newest first, in plain English, never the hidden text", async () => {
    const w = await makeWorld();
    const secret = "My neighbour at 12 Acacia Avenue";
    const t = await makeThread(w.group, w.author, {
      posts: 2,
      title: "Repairs",
      body: (seq) => (seq === 2 ? secret : "Opening post"),
    });
    const mod = w.actor("moderator");
    await hidePost(mod, { postId: t.posts[1]!.id, reason: "Personal details" });
    await tick();
    await lockThread(mod, { threadId: t.id, reason: "Resolved" });
    await tick();
    await suspendMember(w.actor("owner"), {
      groupId: w.group.id,
      userId: w.target.id,
      days: 3,
      reason: "Repeated remarks",
    });
    await tick();
    await moveThread(mod, { threadId: w.thread.id, toGroupId: w.other.id, reason: "Belongs there" });

    const log = await getModerationLog(null, w.group.id, 1);
    expect(log.total).toBe(4);
    const until = (
      await db.membership.findUniqueOrThrow({ where: { groupId_userId: { groupId: w.group.id, userId: w.target.id } } })
    ).suspendedUntil!;
    expect(
      log.entries.map((e) => [e.actor.type === "person" ? e.actor.handle : e.actor.type, e.sentence, e.reason, e.href]),
    ).toEqual([
      [
        w.moderator.handle,
        `moved the thread "Waiting lists for assessments" to ${w.other.name}`,
        "Belongs there",
        `/threads/${w.thread.id}`,
      ],
      [
        w.owner.handle,
        `suspended @${w.target.handle} from the group until ${formatDate(until)}`,
        "Repeated remarks",
        null,
      ],
      [w.moderator.handle, 'locked the thread "Repairs"', "Resolved", `/threads/${t.id}`],
      [w.moderator.handle, 'hid a post in "Repairs"', "Personal details", `/threads/${t.id}/posts/${t.posts[1]!.id}`],
    ]);
    expect(JSON.stringify(log)).not.toContain("Acacia");
    expect((await getModerationLog(null, w.other.id, 1)).entries[0]!.sentence).toBe(
      `moved the thread "Waiting lists for assessments" here from ${w.group.name}`,
    );
  });

  it("automatic hides do not name the reporter; a deleted moderator shows as a former member", async () => {
    const w = await makeWorld();
    await db.group.update({ where: { id: w.group.id }, data: { autoHideReportThreshold: 2 } });
    await reportPost(w.actor("member"), { postId: post2(w).id, reason: "Rude" });
    await reportPost(w.actor("target"), { postId: post2(w).id, reason: "Rude" });
    const gone = await makeUser();
    await addMember(w.group, gone, "MODERATOR");
    await tick();
    await lockThread(actorOf(gone), { threadId: w.thread.id });
    await db.user.update({ where: { id: gone.id }, data: { deletedAt: new Date() } });

    const log = await getModerationLog(w.actor("member"), w.group.id, 1);
    expect(log.entries.map((e) => [e.actor, e.sentence])).toEqual([
      [{ type: "former" }, 'locked the thread "Waiting lists for assessments"'],
      [
        { type: "automatic" },
        'hid a post in "Waiting lists for assessments" pending review after 2 reports from different members',
      ],
    ]);
    expect(JSON.stringify(log)).not.toContain(w.target.handle);
    expect(log.autoHideReportThreshold).toBe(2);
  });

  it("is paginated", async () => {
    const w = await makeWorld();
    for (let i = 0; i < LOG_PAGE_SIZE + 1; i++) {
      await (i % 2 === 0 ? lockThread : unlockThread)(w.actor("moderator"), { threadId: w.thread.id });
      await tick();
    }
    const [first, second] = await Promise.all([
      getModerationLog(null, w.group.id, 1),
      getModerationLog(null, w.group.id, 2),
    ]);
    expect(first.entries).toHaveLength(LOG_PAGE_SIZE);
    expect(second.entries).toHaveLength(1);
    expect(second.entries[0]!.sentence).toMatch(/^locked/);
  });

  it.each(["anonymous", "outsider"] as const)("in an approval group, %s may not read it", async (who) => {
    const w = await makeWorld("APPROVAL");
    expect(error(await appError(getModerationLog(w.actor(who), w.group.id, 1)))).toEqual({
      code: "FORBIDDEN",
      message: "Only members can read this group's moderation log.",
    });
  });

  it.each(["member", "groupSuspended", "admin"] as const)("in an approval group, %s may read it", async (who) => {
    const w = await makeWorld("APPROVAL");
    await lockThread(w.actor("owner"), { threadId: w.thread.id });
    expect((await getModerationLog(w.actor(who), w.group.id, 1)).total).toBe(1);
  });
});

describe("groupModerationRights", () => {
  it("follows the permission map", async () => {
    const w = await makeWorld();
    expect(await groupModerationRights(w.actor("moderator"), w.group.id)).toMatchObject({
      viewQueue: true,
      actOnPost: true,
      suspendMember: true,
      suspendOwners: false,
      report: true,
    });
    expect(await groupModerationRights(w.actor("owner"), w.group.id)).toMatchObject({ suspendOwners: true });
    expect(await groupModerationRights(w.actor("admin"), w.group.id)).toMatchObject({
      actOnThread: true,
      suspendOwners: true,
      report: false,
    });
    expect(await groupModerationRights(w.actor("member"), w.group.id)).toMatchObject({
      viewQueue: false,
      actOnPost: false,
      report: true,
    });
    expect(await groupModerationRights(w.actor("otherModerator"), w.group.id)).toMatchObject({
      viewQueue: false,
      actOnPost: false,
      report: false,
    });
    expect(await groupModerationRights(w.actor("groupSuspended"), w.group.id)).toMatchObject({
      viewQueue: false,
      report: false,
    });
  });
});

describe("the auto-hide setting", () => {
  it("owners set it, clear it, and leave it alone when the form does not send it", async () => {
    const w = await makeWorld();
    const base = {
      groupId: w.group.id,
      name: w.group.name,
      description: "A group made by the test factories.",
      joinPolicy: "OPEN" as const,
    };
    const threshold = async () =>
      (await db.group.findUniqueOrThrow({ where: { id: w.group.id } })).autoHideReportThreshold;
    await updateGroup(w.actor("owner"), { ...base, autoHideReportThreshold: 4 });
    expect(await threshold()).toBe(4);
    await updateGroup(w.actor("owner"), base);
    expect(await threshold()).toBe(4);
    await updateGroup(w.actor("owner"), { ...base, autoHideReportThreshold: null });
    expect(await threshold()).toBeNull();
    expect((await appError(updateGroup(w.actor("moderator"), { ...base, autoHideReportThreshold: 2 }))).code).toBe(
      "FORBIDDEN",
    );
    expect(await threshold()).toBeNull();
  });
});
