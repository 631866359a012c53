import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { leaveGroup, removeMember } from "@/composition/memberships";
import { createGroup, updateGroup } from "@/features/groups/group-mutations";
import { joinGroup } from "@/features/groups/join-group";
import { approveMembership, changeMemberRole, rejectMembership } from "@/features/groups/membership-mutations";
import { getGroupPage, listGroups, listMembers, listPendingRequests } from "@/features/groups/queries";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { appError } from "./helpers/app-error";
import { actorOf, addMember, days, makeGroup, makeUser, type TestGroup, type TestUser } from "./helpers/factories";
import { raceBehindTableLock } from "./helpers/race";
import { resetDatabase } from "./helpers/reset-db";

// One reset per file: every test builds its own users and groups with random names and
// looks only at those, so tests cannot see each other's rows.
beforeAll(resetDatabase);

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
/** A slug or word no other test uses. */
const fresh = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}`;

const WHO = [
  "anonymous",
  "outsider",
  "pending",
  "member",
  "moderator",
  "owner",
  "admin",
  "siteSuspended",
  "groupSuspended",
] as const;
type Who = (typeof WHO)[number];

type World = {
  group: TestGroup;
  owner: TestUser;
  moderator: TestUser;
  member: TestUser;
  /** A second plain member that role changes and removals act on. */
  target: TestUser;
  pending: TestUser;
  outsider: TestUser;
  admin: TestUser;
  /** Suspended site-wide, yet an active owner of the group: the strongest role, to show it counts for nothing. */
  siteSuspended: TestUser;
  /** An active owner of the group, suspended from it. */
  groupSuspended: TestUser;
  actor: (who: Who) => Actor;
};

async function makeWorld(joinPolicy: "OPEN" | "APPROVAL" = "APPROVAL"): Promise<World> {
  const owner = await makeUser({ perspective: "PRACTITIONER" });
  const group = await makeGroup(owner, { joinPolicy });
  const [moderator, member, target, pending, outsider, admin, siteSuspended, groupSuspended] = await Promise.all([
    makeUser(),
    makeUser(),
    makeUser(),
    makeUser(),
    makeUser(),
    makeUser({ siteRole: "ADMIN" }),
    makeUser({ suspendedUntil: days(7) }),
    makeUser(),
  ]);
  await addMember(group, moderator, "MODERATOR");
  await addMember(group, member, "MEMBER");
  await addMember(group, target, "MEMBER");
  await addMember(group, pending, "MEMBER", "PENDING", { requestNote: "I work in a food bank." });
  await addMember(group, siteSuspended, "OWNER");
  await addMember(group, groupSuspended, "OWNER", "ACTIVE", { suspendedUntil: days(7) });
  const users = { owner, moderator, member, target, pending, outsider, admin, siteSuspended, groupSuspended };
  return { group, ...users, actor: (who) => (who === "anonymous" ? null : actorOf(users[who])) };
}

/** Everything a refused call must leave untouched. */
async function stateOf(groupId: string) {
  const { slug } = await db.group.findUniqueOrThrow({ where: { id: groupId }, select: { slug: true } });
  const [group, memberships, actions, notifications] = await Promise.all([
    db.group.findUniqueOrThrow({
      where: { id: groupId },
      select: { name: true, description: true, joinPolicy: true, memberCount: true },
    }),
    db.membership.findMany({
      where: { groupId },
      orderBy: { userId: "asc" },
      select: { userId: true, role: true, status: true, suspendedUntil: true, approvedById: true },
    }),
    db.moderationAction.count({ where: { groupId } }),
    db.notification.count({ where: { url: { startsWith: `/groups/${slug}` } } }),
  ]);
  return { group, memberships, actions, notifications };
}

/** Notifications about one group (their links point into it). */
function notificationsOf(group: { slug: string }) {
  return db.notification.findMany({
    where: { url: { startsWith: `/groups/${group.slug}` } },
    orderBy: { userId: "asc" },
    select: { userId: true, actorId: true, kind: true, url: true },
  });
}

async function membershipOf(groupId: string, userId: string) {
  return db.membership.findUnique({
    where: { groupId_userId: { groupId, userId } },
    select: { role: true, status: true, approvedById: true },
  });
}

/** The kept counter equals the number of active memberships. */
async function expectMemberCountConsistent(groupId: string, expected?: number) {
  const [group, active] = await Promise.all([
    db.group.findUniqueOrThrow({ where: { id: groupId }, select: { memberCount: true } }),
    db.membership.count({ where: { groupId, status: "ACTIVE" } }),
  ]);
  expect(group.memberCount).toBe(active);
  if (expected !== undefined) expect(active).toBe(expected);
}

// ---------------------------------------------------------------------------
// Who may and may not: every governing mutation against every kind of actor.
// ---------------------------------------------------------------------------

type MatrixCase = {
  allowed: readonly Who[];
  run: (w: World, actor: Actor) => Promise<unknown>;
  /** What a permitted call must have done (or, for a read, answered: `result` is what it returned). */
  effect: (w: World, actor: Actor, result: unknown) => Promise<void>;
};

const GOVERNED: Record<string, MatrixCase> = {
  updateGroup: {
    allowed: ["owner", "admin"],
    run: (w, actor) =>
      updateGroup(actor, {
        groupId: w.group.id,
        name: "Renamed group",
        description: "A brand new description.",
        joinPolicy: "OPEN",
      }),
    effect: async (w) => {
      expect(
        await db.group.findUniqueOrThrow({
          where: { id: w.group.id },
          select: { name: true, description: true, joinPolicy: true },
        }),
      ).toEqual({
        name: "Renamed group",
        description: "A brand new description.",
        joinPolicy: "OPEN",
      });
    },
  },
  approveMembership: {
    allowed: ["moderator", "owner", "admin"],
    run: (w, actor) => approveMembership(actor, { groupId: w.group.id, userId: w.pending.id }),
    effect: async (w, actor) => {
      expect(await membershipOf(w.group.id, w.pending.id)).toEqual({
        role: "MEMBER",
        status: "ACTIVE",
        approvedById: actor!.id,
      });
      await expectMemberCountConsistent(w.group.id, 7);
    },
  },
  rejectMembership: {
    allowed: ["moderator", "owner", "admin"],
    run: (w, actor) => rejectMembership(actor, { groupId: w.group.id, userId: w.pending.id }),
    effect: async (w) => {
      expect(await membershipOf(w.group.id, w.pending.id)).toBeNull();
      await expectMemberCountConsistent(w.group.id, 6);
    },
  },
  changeMemberRole: {
    allowed: ["owner", "admin"],
    run: (w, actor) => changeMemberRole(actor, { groupId: w.group.id, userId: w.target.id, role: "MODERATOR" }),
    effect: async (w) => {
      expect(await membershipOf(w.group.id, w.target.id)).toMatchObject({ role: "MODERATOR", status: "ACTIVE" });
    },
  },
  removeMember: {
    allowed: ["owner", "admin"],
    run: (w, actor) =>
      removeMember(actor, { groupId: w.group.id, userId: w.target.id, reason: "Repeated personal attacks" }),
    effect: async (w) => {
      expect(await membershipOf(w.group.id, w.target.id)).toBeNull();
      await expectMemberCountConsistent(w.group.id, 5);
    },
  },
  listPendingRequests: {
    allowed: ["moderator", "owner", "admin"],
    run: (w, actor) => listPendingRequests(actor, w.group.id),
    // The one request waiting in the database, with its note; reading it approves no one.
    effect: async (w, _actor, result) => {
      expect(result).toEqual([
        expect.objectContaining({ userId: w.pending.id, handle: w.pending.handle, note: "I work in a food bank." }),
      ]);
      expect(await membershipOf(w.group.id, w.pending.id)).toMatchObject({ status: "PENDING" });
    },
  },
};

describe.each(Object.entries(GOVERNED))("%s: who may and who may not", (_name, spec) => {
  it.each(WHO)("%s", async (who) => {
    const w = await makeWorld("APPROVAL");
    const actor = w.actor(who);
    const before = await stateOf(w.group.id);

    if (spec.allowed.includes(who)) {
      const result = await spec.run(w, actor);
      await spec.effect(w, actor, result);
      await expectMemberCountConsistent(w.group.id);
      return;
    }
    const error = await appError(spec.run(w, actor));
    expect(error.code).toBe(who === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN");
    if (who === "groupSuspended") expect(error.message).toMatch(/^You are suspended from this group until /);
    expect(await stateOf(w.group.id)).toEqual(before);
  });
});

describe("createGroup", () => {
  const input = (slug: string) => ({
    name: "Housing benefit",
    slug,
    description: "Delays in housing benefit claims.",
    joinPolicy: "APPROVAL" as const,
  });

  it("creates the group with its creator as the only, active owner", async () => {
    const user = await makeUser();
    const slug = fresh("housing");
    const created = await createGroup(actorOf(user), input(slug));
    const group = await db.group.findUniqueOrThrow({
      where: { id: created.id },
      select: { slug: true, joinPolicy: true, createdById: true, memberCount: true },
    });
    expect(group).toEqual({ slug, joinPolicy: "APPROVAL", createdById: user.id, memberCount: 1 });
    expect(
      await db.membership.findMany({
        where: { groupId: created.id },
        select: { userId: true, role: true, status: true },
      }),
    ).toEqual([{ userId: user.id, role: "OWNER", status: "ACTIVE" }]);
  });

  it("site admins can create groups too", async () => {
    const admin = await makeUser({ siteRole: "ADMIN" });
    const slug = fresh("admins");
    await expect(createGroup(actorOf(admin), input(slug))).resolves.toMatchObject({ slug });
  });

  it("refuses anonymous visitors and site-suspended accounts, creating nothing", async () => {
    const suspended = await makeUser({ suspendedUntil: days(1) });
    const slugs = [fresh("anon"), fresh("suspended")];
    expect((await appError(createGroup(null, input(slugs[0]!)))).code).toBe("UNAUTHENTICATED");
    expect((await appError(createGroup(actorOf(suspended), input(slugs[1]!)))).code).toBe("FORBIDDEN");
    expect(await db.group.count({ where: { slug: { in: slugs } } })).toBe(0);
    expect(await db.membership.count({ where: { userId: suspended.id } })).toBe(0);
  });

  it("a taken slug is a CONFLICT on the slug field, leaving no second group or stray membership", async () => {
    const first = await makeUser();
    const second = await makeUser();
    const slug = fresh("housing");
    await createGroup(actorOf(first), input(slug));
    const error = await appError(createGroup(actorOf(second), input(slug)));
    expect(error.code).toBe("CONFLICT");
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(["slug"]);
    expect(await db.group.count({ where: { slug } })).toBe(1);
    expect(await db.membership.count({ where: { userId: second.id } })).toBe(0);
  });
});

describe("joinGroup", () => {
  it("joins an open group at once and counts the new member", async () => {
    const w = await makeWorld("OPEN");
    expect(await joinGroup(w.actor("outsider"), { groupId: w.group.id })).toEqual({ status: "ACTIVE" });
    expect(await membershipOf(w.group.id, w.outsider.id)).toEqual({
      role: "MEMBER",
      status: "ACTIVE",
      approvedById: null,
    });
    await expectMemberCountConsistent(w.group.id, 7);
    expect(await notificationsOf(w.group)).toEqual([]);
  });

  it("asks to join an approval group: pending, not counted, owners and moderators notified", async () => {
    const w = await makeWorld("APPROVAL");
    expect(await joinGroup(w.actor("outsider"), { groupId: w.group.id, note: "I am a housing officer." })).toEqual({
      status: "PENDING",
    });
    expect(await membershipOf(w.group.id, w.outsider.id)).toMatchObject({ status: "PENDING" });
    await expectMemberCountConsistent(w.group.id, 6);

    const notifications = await notificationsOf(w.group);
    const recipients = notifications.map((n) => n.userId).sort();
    // Active owners and moderators (the world's suspended owners are active owners too).
    expect(recipients).toEqual([w.owner.id, w.moderator.id, w.siteSuspended.id, w.groupSuspended.id].sort());
    expect(recipients).not.toContain(w.member.id);
    expect(recipients).not.toContain(w.outsider.id);
    for (const n of notifications) {
      expect(n).toMatchObject({
        actorId: w.outsider.id,
        kind: "MEMBERSHIP_REQUEST",
        url: `/groups/${w.group.slug}/members`,
      });
    }
    const [request] = await listPendingRequests(w.actor("owner"), w.group.id).then((r) =>
      r.filter((x) => x.userId === w.outsider.id),
    );
    expect(request).toMatchObject({ handle: w.outsider.handle, note: "I am a housing officer." });
  });

  it("site admins join like anyone else: at once in open groups, by request in approval groups", async () => {
    const open = await makeWorld("OPEN");
    const approval = await makeWorld("APPROVAL");
    expect(await joinGroup(open.actor("admin"), { groupId: open.group.id })).toEqual({ status: "ACTIVE" });
    expect(await joinGroup(approval.actor("admin"), { groupId: approval.group.id })).toEqual({ status: "PENDING" });
  });

  it.each(["member", "moderator", "owner", "groupSuspended"] as const)(
    "%s cannot join again (CONFLICT)",
    async (who) => {
      const w = await makeWorld("OPEN");
      const before = await stateOf(w.group.id);
      const error = await appError(joinGroup(w.actor(who), { groupId: w.group.id }));
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toBe("You are already a member of this group.");
      expect(await stateOf(w.group.id)).toEqual(before);
    },
  );

  it("a pending member cannot ask twice", async () => {
    const w = await makeWorld("APPROVAL");
    const before = await stateOf(w.group.id);
    const error = await appError(joinGroup(w.actor("pending"), { groupId: w.group.id }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/waiting for approval/);
    expect(await stateOf(w.group.id)).toEqual(before);
  });

  it("refuses anonymous visitors, site-suspended accounts and unknown groups", async () => {
    const w = await makeWorld("OPEN");
    const suspended = await makeUser({ suspendedUntil: days(2) });
    const before = await stateOf(w.group.id);
    expect((await appError(joinGroup(null, { groupId: w.group.id }))).code).toBe("UNAUTHENTICATED");
    expect((await appError(joinGroup(actorOf(suspended), { groupId: w.group.id }))).code).toBe("FORBIDDEN");
    expect((await appError(joinGroup(w.actor("outsider"), { groupId: UNKNOWN_ID }))).code).toBe("NOT_FOUND");
    expect(await stateOf(w.group.id)).toEqual(before);
  });
});

describe("leaveGroup", () => {
  it.each(["member", "moderator"] as const)("a %s can leave, and is no longer counted", async (who) => {
    const w = await makeWorld("OPEN");
    await leaveGroup(w.actor(who), { groupId: w.group.id });
    expect(await membershipOf(w.group.id, w[who].id)).toBeNull();
    await expectMemberCountConsistent(w.group.id, 5);
  });

  it("a pending member withdraws the request without changing the count", async () => {
    const w = await makeWorld("APPROVAL");
    await leaveGroup(w.actor("pending"), { groupId: w.group.id });
    expect(await membershipOf(w.group.id, w.pending.id)).toBeNull();
    await expectMemberCountConsistent(w.group.id, 6);
  });

  it("the last owner cannot leave", async () => {
    const owner = await makeUser();
    const group = await makeGroup(owner);
    await addMember(group, await makeUser(), "MODERATOR");
    const before = await stateOf(group.id);
    const error = await appError(leaveGroup(actorOf(owner), { groupId: group.id }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/last owner/);
    expect(await stateOf(group.id)).toEqual(before);
  });

  it("an owner can leave while another owner remains", async () => {
    const owner = await makeUser();
    const coOwner = await makeUser();
    const group = await makeGroup(owner);
    await addMember(group, coOwner, "OWNER");
    await leaveGroup(actorOf(owner), { groupId: group.id });
    expect(
      await db.membership.findMany({ where: { groupId: group.id }, select: { userId: true, role: true } }),
    ).toEqual([{ userId: coOwner.id, role: "OWNER" }]);
    await expectMemberCountConsistent(group.id, 1);
  });

  it("refuses anonymous visitors and people who are not members", async () => {
    const w = await makeWorld("OPEN");
    const before = await stateOf(w.group.id);
    expect((await appError(leaveGroup(null, { groupId: w.group.id }))).code).toBe("UNAUTHENTICATED");
    expect((await appError(leaveGroup(w.actor("outsider"), { groupId: w.group.id }))).code).toBe("CONFLICT");
    expect((await appError(leaveGroup(w.actor("admin"), { groupId: w.group.id }))).code).toBe("CONFLICT");
    expect(await stateOf(w.group.id)).toEqual(before);
  });
});

describe("approval flow", () => {
  it("opening an approval group admits everyone still waiting, and tells them", async () => {
    const owner = await makeUser();
    const group = await makeGroup(owner, { joinPolicy: "APPROVAL", name: "Kinship carers" });
    const [first, second] = await Promise.all([makeUser(), makeUser()]);
    for (const u of [first, second]) await joinGroup(actorOf(u), { groupId: group.id, note: "" });
    await updateGroup(actorOf(owner), {
      groupId: group.id,
      name: "Kinship carers",
      description: "Open to all kinship carers now.",
      joinPolicy: "OPEN",
    });
    for (const u of [first, second]) {
      expect(await membershipOf(group.id, u.id)).toEqual({ role: "MEMBER", status: "ACTIVE", approvedById: owner.id });
      expect(
        await db.notification.findMany({
          where: { userId: u.id, kind: "MEMBERSHIP_APPROVED" },
          select: { text: true },
        }),
      ).toEqual([{ text: "Kinship carers is now open to everyone: you are a member" }]);
    }
    await expectMemberCountConsistent(group.id, 3);
  });

  it("request, approval, notification and log", async () => {
    const owner = await makeUser();
    const moderator = await makeUser();
    const applicant = await makeUser();
    const group = await makeGroup(owner, { joinPolicy: "APPROVAL" });
    await addMember(group, moderator, "MODERATOR");

    await joinGroup(actorOf(applicant), { groupId: group.id, note: "Please let me in" });
    expect((await notificationsOf(group)).map((n) => [n.userId, n.kind])).toEqual(
      [
        [owner.id, "MEMBERSHIP_REQUEST"],
        [moderator.id, "MEMBERSHIP_REQUEST"],
      ].sort(([a], [b]) => (a! < b! ? -1 : 1)),
    );
    expect((await appError(listMembers(actorOf(applicant), group.id, 1))).code).toBe("FORBIDDEN");

    await approveMembership(actorOf(moderator), { groupId: group.id, userId: applicant.id });
    expect(await membershipOf(group.id, applicant.id)).toEqual({
      role: "MEMBER",
      status: "ACTIVE",
      approvedById: moderator.id,
    });
    await expectMemberCountConsistent(group.id, 3);
    expect(
      await db.notification.findMany({
        where: { userId: applicant.id },
        select: { kind: true, actorId: true, url: true },
      }),
    ).toEqual([{ kind: "MEMBERSHIP_APPROVED", actorId: moderator.id, url: `/groups/${group.slug}` }]);
    expect(
      await db.moderationAction.findMany({
        where: { groupId: group.id },
        select: { kind: true, groupId: true, actorId: true, subjectId: true },
      }),
    ).toEqual([{ kind: "APPROVE_MEMBER", groupId: group.id, actorId: moderator.id, subjectId: applicant.id }]);
    // Now a member: may see who belongs.
    expect((await listMembers(actorOf(applicant), group.id, 1)).total).toBe(3);

    // Approving twice does nothing more.
    expect((await appError(approveMembership(actorOf(owner), { groupId: group.id, userId: applicant.id }))).code).toBe(
      "NOT_FOUND",
    );
    await expectMemberCountConsistent(group.id, 3);
  });

  it("a rejected request is removed and logged, and the person may ask again", async () => {
    const owner = await makeUser();
    const applicant = await makeUser();
    const group = await makeGroup(owner, { joinPolicy: "APPROVAL" });
    await joinGroup(actorOf(applicant), { groupId: group.id });
    await rejectMembership(actorOf(owner), { groupId: group.id, userId: applicant.id });
    expect(await membershipOf(group.id, applicant.id)).toBeNull();
    await expectMemberCountConsistent(group.id, 1);
    expect(
      await db.moderationAction.findMany({ where: { groupId: group.id }, select: { kind: true, subjectId: true } }),
    ).toEqual([{ kind: "REJECT_MEMBER", subjectId: applicant.id }]);
    expect((await appError(rejectMembership(actorOf(owner), { groupId: group.id, userId: applicant.id }))).code).toBe(
      "NOT_FOUND",
    );
    await expect(joinGroup(actorOf(applicant), { groupId: group.id })).resolves.toEqual({ status: "PENDING" });
  });

  it("approve and reject only act on pending requests, never on active members", async () => {
    const w = await makeWorld("APPROVAL");
    const before = await stateOf(w.group.id);
    expect(
      (await appError(approveMembership(w.actor("owner"), { groupId: w.group.id, userId: w.member.id }))).code,
    ).toBe("NOT_FOUND");
    expect(
      (await appError(rejectMembership(w.actor("owner"), { groupId: w.group.id, userId: w.member.id }))).code,
    ).toBe("NOT_FOUND");
    expect(
      (await appError(approveMembership(w.actor("owner"), { groupId: w.group.id, userId: w.outsider.id }))).code,
    ).toBe("NOT_FOUND");
    expect(await stateOf(w.group.id)).toEqual(before);
  });
});

describe("changeMemberRole", () => {
  it("records the change and tells the member", async () => {
    const w = await makeWorld("OPEN");
    await changeMemberRole(w.actor("owner"), { groupId: w.group.id, userId: w.target.id, role: "OWNER" });
    expect(await membershipOf(w.group.id, w.target.id)).toMatchObject({ role: "OWNER" });
    expect(
      await db.moderationAction.findMany({
        where: { groupId: w.group.id },
        select: { kind: true, actorId: true, subjectId: true, details: true },
      }),
    ).toEqual([
      { kind: "CHANGE_ROLE", actorId: w.owner.id, subjectId: w.target.id, details: { from: "MEMBER", to: "OWNER" } },
    ]);
    expect((await notificationsOf(w.group)).map((n) => [n.userId, n.kind])).toEqual([[w.target.id, "ROLE_CHANGED"]]);
  });

  it.each(["member", "moderator"] as const)("a %s cannot promote themself", async (who) => {
    const w = await makeWorld("OPEN");
    const before = await stateOf(w.group.id);
    expect(
      (await appError(changeMemberRole(w.actor(who), { groupId: w.group.id, userId: w[who].id, role: "OWNER" }))).code,
    ).toBe("FORBIDDEN");
    expect(await stateOf(w.group.id)).toEqual(before);
  });

  it("the last owner cannot demote themself, nor can an admin demote them", async () => {
    const owner = await makeUser();
    const admin = await makeUser({ siteRole: "ADMIN" });
    const group = await makeGroup(owner);
    await addMember(group, await makeUser(), "MODERATOR");
    const before = await stateOf(group.id);
    const self = await appError(
      changeMemberRole(actorOf(owner), { groupId: group.id, userId: owner.id, role: "MEMBER" }),
    );
    expect(self.code).toBe("CONFLICT");
    expect(self.message).toMatch(/at least one owner/);
    expect(
      (await appError(changeMemberRole(actorOf(admin), { groupId: group.id, userId: owner.id, role: "MODERATOR" })))
        .code,
    ).toBe("CONFLICT");
    expect(await stateOf(group.id)).toEqual(before);
  });

  it("an owner with a co-owner may step down, and then governs no more", async () => {
    const owner = await makeUser();
    const coOwner = await makeUser();
    const member = await makeUser();
    const group = await makeGroup(owner);
    await addMember(group, coOwner, "OWNER");
    await addMember(group, member);
    await changeMemberRole(actorOf(owner), { groupId: group.id, userId: owner.id, role: "MODERATOR" });
    expect(await membershipOf(group.id, owner.id)).toMatchObject({ role: "MODERATOR" });
    expect(
      (await appError(changeMemberRole(actorOf(owner), { groupId: group.id, userId: member.id, role: "MODERATOR" })))
        .code,
    ).toBe("FORBIDDEN");
  });

  it("refuses a role the member already has, and members who are not active", async () => {
    const w = await makeWorld("APPROVAL");
    const before = await stateOf(w.group.id);
    expect(
      (await appError(changeMemberRole(w.actor("owner"), { groupId: w.group.id, userId: w.member.id, role: "MEMBER" })))
        .code,
    ).toBe("VALIDATION");
    expect(
      (
        await appError(
          changeMemberRole(w.actor("owner"), { groupId: w.group.id, userId: w.pending.id, role: "MODERATOR" }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(
      (
        await appError(
          changeMemberRole(w.actor("owner"), { groupId: w.group.id, userId: w.outsider.id, role: "MODERATOR" }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(await stateOf(w.group.id)).toEqual(before);
  });
});

describe("removeMember", () => {
  it("removes, uncounts and logs with the reason; an open group lets them back in", async () => {
    const w = await makeWorld("OPEN");
    await removeMember(w.actor("owner"), { groupId: w.group.id, userId: w.target.id, reason: "Spam" });
    expect(await membershipOf(w.group.id, w.target.id)).toBeNull();
    await expectMemberCountConsistent(w.group.id, 5);
    expect(
      await db.moderationAction.findMany({
        where: { groupId: w.group.id },
        select: { kind: true, subjectId: true, reason: true, groupId: true },
      }),
    ).toEqual([{ kind: "REMOVE_MEMBER", subjectId: w.target.id, reason: "Spam", groupId: w.group.id }]);
  });

  it("an owner cannot remove themself (they leave instead)", async () => {
    const w = await makeWorld("OPEN");
    const before = await stateOf(w.group.id);
    expect(
      (await appError(removeMember(w.actor("owner"), { groupId: w.group.id, userId: w.owner.id, reason: "bye" }))).code,
    ).toBe("VALIDATION");
    expect(await stateOf(w.group.id)).toEqual(before);
  });

  it("the last owner cannot be removed, even by a site admin", async () => {
    const owner = await makeUser();
    const admin = await makeUser({ siteRole: "ADMIN" });
    const group = await makeGroup(owner);
    const before = await stateOf(group.id);
    const error = await appError(removeMember(actorOf(admin), { groupId: group.id, userId: owner.id, reason: "test" }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/last owner/);
    expect(await stateOf(group.id)).toEqual(before);
  });

  it("an owner can remove a co-owner", async () => {
    const owner = await makeUser();
    const coOwner = await makeUser();
    const group = await makeGroup(owner);
    await addMember(group, coOwner, "OWNER");
    await removeMember(actorOf(owner), { groupId: group.id, userId: coOwner.id, reason: "Inactive" });
    await expectMemberCountConsistent(group.id, 1);
  });

  it("pending requests and non-members are not members to remove", async () => {
    const w = await makeWorld("APPROVAL");
    const before = await stateOf(w.group.id);
    expect(
      (await appError(removeMember(w.actor("owner"), { groupId: w.group.id, userId: w.pending.id, reason: "no" })))
        .code,
    ).toBe("NOT_FOUND");
    expect(
      (await appError(removeMember(w.actor("owner"), { groupId: w.group.id, userId: w.outsider.id, reason: "no" })))
        .code,
    ).toBe("NOT_FOUND");
    expect(await stateOf(w.group.id)).toEqual(before);
  });
});

describe("the member counter", () => {
  it("stays equal to the number of active memberships through joins, leaves, approvals, rejections and removals", async () => {
    const owner = await makeUser();
    const people = await Promise.all(Array.from({ length: 6 }, () => makeUser()));
    const open = await makeGroup(owner, { joinPolicy: "OPEN" });
    const approval = await makeGroup(owner, { joinPolicy: "APPROVAL" });
    const [a, b, c, d, e, f] = people.map(actorOf);

    for (const p of [a, b, c]) await joinGroup(p, { groupId: open.id });
    await expectMemberCountConsistent(open.id, 4);
    await leaveGroup(a, { groupId: open.id });
    await expectMemberCountConsistent(open.id, 3);
    await removeMember(actorOf(owner), { groupId: open.id, userId: b!.id, reason: "Spam" });
    await expectMemberCountConsistent(open.id, 2);
    await joinGroup(a, { groupId: open.id });
    await expectMemberCountConsistent(open.id, 3);

    for (const p of [d, e, f]) await joinGroup(p, { groupId: approval.id });
    await expectMemberCountConsistent(approval.id, 1);
    await approveMembership(actorOf(owner), { groupId: approval.id, userId: d!.id });
    await expectMemberCountConsistent(approval.id, 2);
    await rejectMembership(actorOf(owner), { groupId: approval.id, userId: e!.id });
    await expectMemberCountConsistent(approval.id, 2);
    await leaveGroup(f, { groupId: approval.id }); // withdraws a pending request
    await expectMemberCountConsistent(approval.id, 2);
    await changeMemberRole(actorOf(owner), { groupId: approval.id, userId: d!.id, role: "OWNER" });
    await leaveGroup(actorOf(owner), { groupId: approval.id });
    await expectMemberCountConsistent(approval.id, 1);
  });
});

describe("concurrency", () => {
  it("two owners leaving at the same moment: exactly one succeeds and one owner remains", async () => {
    const first = await makeUser();
    const second = await makeUser();
    const group = await makeGroup(first);
    await addMember(group, second, "OWNER");

    const { results, overlapped } = await raceBehindTableLock(
      "Membership",
      [
        () => leaveGroup(actorOf(first), { groupId: group.id }),
        () => leaveGroup(actorOf(second), { groupId: group.id }),
      ],
      2,
    );
    expect(overlapped).toBe(2);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toMatchObject({ code: "CONFLICT" });
    expect(await db.membership.count({ where: { groupId: group.id, role: "OWNER", status: "ACTIVE" } })).toBe(1);
    await expectMemberCountConsistent(group.id, 1);
  });

  it("two owners demoting each other at the same moment: one owner remains", async () => {
    const first = await makeUser();
    const second = await makeUser();
    const group = await makeGroup(first);
    await addMember(group, second, "OWNER");

    const { results, overlapped } = await raceBehindTableLock(
      "Membership",
      [
        () => changeMemberRole(actorOf(first), { groupId: group.id, userId: second.id, role: "MEMBER" }),
        () => changeMemberRole(actorOf(second), { groupId: group.id, userId: first.id, role: "MEMBER" }),
      ],
      2,
    );
    expect(overlapped).toBe(2);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.membership.count({ where: { groupId: group.id, role: "OWNER", status: "ACTIVE" } })).toBe(1);
  });

  it("many people joining an open group at once: memberCount equals the number of memberships", async () => {
    const owner = await makeUser();
    const group = await makeGroup(owner, { joinPolicy: "OPEN" });
    const joiners = await Promise.all(Array.from({ length: 25 }, () => makeUser()));
    // Each request holds a pooled connection while it waits, so at most the pool size can wait at once.
    const mustOverlap = Math.min(joiners.length, env().DATABASE_POOL_SIZE);

    const { results, overlapped } = await raceBehindTableLock(
      "Membership",
      joiners.map((user) => () => joinGroup(actorOf(user), { groupId: group.id })),
      mustOverlap,
    );
    expect(overlapped).toBeGreaterThanOrEqual(mustOverlap);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    await expectMemberCountConsistent(group.id, 26);
  });

  it("one person joining twice at once gets one membership", async () => {
    const owner = await makeUser();
    const joiner = await makeUser();
    const group = await makeGroup(owner, { joinPolicy: "OPEN" });
    const { results } = await raceBehindTableLock(
      "Membership",
      [
        () => joinGroup(actorOf(joiner), { groupId: group.id }),
        () => joinGroup(actorOf(joiner), { groupId: group.id }),
      ],
      2,
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({
      code: "CONFLICT",
    });
    await expectMemberCountConsistent(group.id, 2);
  });
});

describe("listMembers", () => {
  it.each(["anonymous", "outsider", "pending"] as const)(
    "in an approval group, %s may not see who belongs",
    async (who) => {
      const w = await makeWorld("APPROVAL");
      const error = await appError(listMembers(w.actor(who), w.group.id, 1));
      expect(error.code).toBe("FORBIDDEN");
      expect(error.message).toBe("Only members can see who belongs to this group.");
    },
  );

  it.each(["member", "moderator", "owner", "admin", "groupSuspended"] as const)(
    "in an approval group, %s may see the active members",
    async (who) => {
      const w = await makeWorld("APPROVAL");
      const list = await listMembers(w.actor(who), w.group.id, 1);
      expect(list.total).toBe(6);
      expect(list.members.map((m) => m.userId)).not.toContain(w.pending.id);
    },
  );

  it("in an open group anyone may see the members, owners first, then moderators, then members", async () => {
    const w = await makeWorld("OPEN");
    const list = await listMembers(null, w.group.id, 1);
    expect(list.members.map((m) => m.role)).toEqual(["OWNER", "OWNER", "OWNER", "MODERATOR", "MEMBER", "MEMBER"]);
    expect(JSON.stringify(list)).not.toContain("@example.test");
  });

  it("an unknown group is not found", async () => {
    expect((await appError(listMembers(null, UNKNOWN_ID, 1))).code).toBe("NOT_FOUND");
  });
});

describe("getGroupPage", () => {
  it("counts active members by perspective, with BOTH counted as practitioner and service user", async () => {
    const owner = await makeUser({ perspective: "PRACTITIONER" });
    const group = await makeGroup(owner, { joinPolicy: "APPROVAL" });
    for (const perspective of ["PRACTITIONER", "SERVICE_USER", "BOTH", "BOTH", "OTHER"] as const) {
      await addMember(group, await makeUser({ perspective }));
    }
    await addMember(group, await makeUser({ perspective: "SERVICE_USER" }), "MEMBER", "PENDING");

    const page = await getGroupPage(group.slug.toUpperCase(), null);
    expect(page!.counts).toEqual({ practitioners: 4, serviceUsers: 3, both: 2, others: 1 });
    expect(page!.group.memberCount).toBe(6);
  });

  it("shows what the viewer may do and the pending count only to those who approve", async () => {
    const w = await makeWorld("APPROVAL");
    const asOwner = await getGroupPage(w.group.slug, w.actor("owner"));
    const asMember = await getGroupPage(w.group.slug, w.actor("member"));
    const asAdmin = await getGroupPage(w.group.slug, w.actor("admin"));
    const asAnonymous = await getGroupPage(w.group.slug, null);

    expect(asOwner).toMatchObject({ canRead: true, pendingCount: 1, membership: { role: "OWNER", status: "ACTIVE" } });
    expect(asOwner!.can("group.update")).toBe(true);
    expect(asMember).toMatchObject({ canRead: true, pendingCount: 0 });
    expect(asMember!.can("group.update")).toBe(false);
    expect(asMember!.can("vote.cast")).toBe(true);
    expect(asAdmin).toMatchObject({ canRead: true, pendingCount: 1, membership: null });
    expect(asAdmin!.can("vote.cast")).toBe(false);
    expect(asAnonymous).toMatchObject({ canRead: false, pendingCount: 0, membership: null });
    expect(asOwner!.stewards.map((s) => s.role).sort()).toEqual(["MODERATOR", "OWNER", "OWNER", "OWNER"]);
  });

  it("is null for an unknown group", async () => {
    expect(await getGroupPage("no-such-group", null)).toBeNull();
  });
});

describe("listGroups", () => {
  it("lists groups with the viewer's own status, and searches names case-insensitively", async () => {
    const owner = await makeUser();
    const viewer = await makeUser();
    const word = fresh("topic");
    const open = await makeGroup(owner, { name: `Housing benefit delays ${word}` });
    const approval = await makeGroup(owner, { joinPolicy: "APPROVAL", name: `Care leavers ${word}` });
    const unrelated = await makeGroup(owner, { name: `Care homes ${word}` });
    await addMember(open, viewer);
    await addMember(approval, viewer, "MEMBER", "PENDING");

    const mine = await listGroups(actorOf(viewer), { q: word, page: 1 });
    expect(mine.total).toBe(3);
    expect(Object.fromEntries(mine.groups.map((g) => [g.id, g.viewerStatus]))).toEqual({
      [open.id]: "ACTIVE",
      [approval.id]: "PENDING",
      [unrelated.id]: null,
    });
    const anonymous = await listGroups(null, { q: `HOUSING BENEFIT DELAYS ${word}`, page: 1 });
    expect(anonymous.groups.map((g) => [g.id, g.viewerStatus])).toEqual([[open.id, null]]);
  });
});
