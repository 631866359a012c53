import { beforeAll, describe, expect, it } from "vitest";
import { leaveGroup } from "@/composition/memberships";
import { ZCreateInvitationLink } from "@/features/commissions/invitation-schemas";
import { createInvitationLink, joinThroughInvitation, revokeInvitation } from "@/features/commissions/invitations";
import {
  getCommissionInvitations,
  getGroupInvitations,
  getInvitationLanding,
} from "@/features/commissions/queries/invitations";
import { suspendMember } from "@/features/moderation/member-mutations";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { appError } from "./helpers/app-error";
import {
  acceptCommissionedPaper,
  makeCommission,
  makeOrganisation,
  type TestOrganisation,
} from "./helpers/commission-factories";
import { actorOf, addMember, days, makeGroup, makeUser, type TestGroup, type TestUser } from "./helpers/factories";
import { raceBehindTableLock } from "./helpers/race";
import { resetDatabase } from "./helpers/reset-db";

beforeAll(resetDatabase);

const a = actorOf;

type World = {
  owner: TestUser;
  moderator: TestUser;
  members: TestUser[];
  orgAdmin: TestUser;
  otherOrgAdmin: TestUser;
  siteAdmin: TestUser;
  stranger: TestUser;
  organisation: TestOrganisation;
  open: TestGroup;
  approval: TestGroup;
  waiting: TestGroup;
  commissionId: string;
};

/** One commission posted to three groups: an open and an approval group took it on, the third has not decided. */
async function makeWorld(): Promise<World> {
  const owner = await makeUser();
  const moderator = await makeUser();
  const members = [
    await makeUser({ perspective: "PRACTITIONER" }),
    await makeUser({ perspective: "SERVICE_USER" }),
    await makeUser({ perspective: "BOTH" }),
  ];
  const open = await makeGroup(owner);
  // Open while the commission is posted (the organisation can only post to groups it can read), approval from then on.
  const approval = await makeGroup(owner);
  const waiting = await makeGroup(owner);
  for (const g of [open, approval, waiting]) {
    await addMember(g, moderator, "MODERATOR");
    for (const m of members) await addMember(g, m);
  }
  const [orgAdmin, otherOrgAdmin, stranger] = [await makeUser(), await makeUser(), await makeUser()];
  const siteAdmin = await makeUser({ siteRole: "ADMIN" });
  const organisation = await makeOrganisation([orgAdmin], { name: "Leeds Family Charity" });
  await makeOrganisation([otherOrgAdmin]);
  const { commissionId, papers } = await makeCommission(orgAdmin, organisation, [open, approval, waiting]);
  for (const p of papers.filter((p) => p.groupSlug !== waiting.slug))
    await acceptCommissionedPaper(p.paperId, a(members[0]), members.map(a));
  await db.group.update({ where: { id: approval.id }, data: { joinPolicy: "APPROVAL" } });
  approval.joinPolicy = "APPROVAL";
  return {
    owner,
    moderator,
    members,
    orgAdmin,
    otherOrgAdmin,
    siteAdmin,
    stranger,
    organisation,
    open,
    approval,
    waiting,
    commissionId,
  };
}

const input = (w: World, group: TestGroup, extra: { maxUses?: number; expiresInDays?: number } = {}) => ({
  commissionId: w.commissionId,
  groupSlug: group.slug,
  note: "Parents who use the Sure Start centre in Leeds",
  expiresInDays: 30,
  ...extra,
});

describe("making invitation links", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld();
  });

  it("an organisation admin makes a link to a group that took the commission on", async () => {
    const link = await createInvitationLink(a(w.orgAdmin), input(w, w.open, { maxUses: 5 }));
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await db.groupInvitation.findUniqueOrThrow({ where: { id: link.id } });
    expect(row).toMatchObject({
      groupId: w.open.id,
      organisationId: w.organisation.id,
      commissionId: w.commissionId,
      createdById: w.orgAdmin.id,
      maxUses: 5,
      uses: 0,
    });
    expect(Math.abs(row.expiresAt!.getTime() - days(30).getTime())).toBeLessThan(60_000);
    const page = await getCommissionInvitations(a(w.orgAdmin), w.commissionId, 1);
    expect(page.groups.map((g) => g.slug).sort()).toEqual([w.open.slug, w.approval.slug].sort());
    expect(page.links[0]).toMatchObject({ id: link.id, token: link.token, state: "ACTIVE" });
  });

  it("refuses a group still deciding (an organisation must not recruit voters), a declined one and one it is not posted to", async () => {
    const before = await db.groupInvitation.count();
    const waiting = await appError(createInvitationLink(a(w.orgAdmin), input(w, w.waiting)));
    expect(waiting.code).toBe("CONFLICT");
    expect(waiting.message).toMatch(/must not recruit voters/);
    const other = await makeGroup(w.owner);
    expect((await appError(createInvitationLink(a(w.orgAdmin), input(w, other)))).fieldErrors).toEqual({
      groupSlug: "This commission is not posted to that group.",
    });
    expect(await db.groupInvitation.count()).toBe(before);
  });

  it("no one but the organisation's admins may make links or see the list", async () => {
    const before = await db.groupInvitation.count();
    const cases: [Actor, string][] = [
      [null, "UNAUTHENTICATED"],
      [a(w.stranger), "FORBIDDEN"],
      [a(w.otherOrgAdmin), "FORBIDDEN"],
      [a(w.siteAdmin), "FORBIDDEN"],
      [a(w.owner), "FORBIDDEN"],
      [a(w.members[0]), "FORBIDDEN"],
    ];
    for (const [actor, code] of cases) {
      expect((await appError(createInvitationLink(actor, input(w, w.open)))).code).toBe(code);
      expect((await appError(getCommissionInvitations(actor, w.commissionId, 1))).code).toBe(code);
    }
    expect(await db.groupInvitation.count()).toBe(before);
  });

  it("validates the form: note, days 1–365 (30 by default), uses 1–10000 or blank", () => {
    const form = { commissionId: w.commissionId, groupSlug: w.open.slug, note: "Carers in Bradford" };
    expect(ZCreateInvitationLink.parse({ ...form, expiresInDays: "", maxUses: "" })).toMatchObject({
      expiresInDays: 30,
      maxUses: undefined,
    });
    const bad = ZCreateInvitationLink.safeParse({ ...form, note: "", expiresInDays: "400", maxUses: "0" });
    expect(bad.error!.issues.map((i) => i.path[0]).sort()).toEqual(["expiresInDays", "maxUses", "note"]);
    expect(ZCreateInvitationLink.safeParse({ ...form, expiresInDays: "2.5" }).error!.issues[0].message).toBe(
      "Days the link works must be a whole number.",
    );
  });
});

describe("joining through a link", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld();
  });

  it("an open group takes the person in at once, recording the link", async () => {
    const { token, id } = await createInvitationLink(a(w.orgAdmin), input(w, w.open));
    const person = await makeUser();
    const before = (await db.group.findUniqueOrThrow({ where: { id: w.open.id } })).memberCount;
    expect((await joinThroughInvitation(a(person), { token })).status).toBe("ACTIVE");
    const m = await db.membership.findUniqueOrThrow({
      where: { groupId_userId: { groupId: w.open.id, userId: person.id } },
    });
    expect(m).toMatchObject({ status: "ACTIVE", role: "MEMBER", invitationId: id });
    expect((await db.group.findUniqueOrThrow({ where: { id: w.open.id } })).memberCount).toBe(before + 1);
    expect((await db.groupInvitation.findUniqueOrThrow({ where: { id } })).uses).toBe(1);
    expect((await appError(joinThroughInvitation(a(person), { token }))).message).toBe(
      "You are already a member of this group.",
    );
    expect((await db.groupInvitation.findUniqueOrThrow({ where: { id } })).uses).toBe(1);
  });

  it("an approval group gets a request naming the organisation's link, and its owners and moderators hear of it", async () => {
    const { token, id } = await createInvitationLink(a(w.orgAdmin), input(w, w.approval));
    const person = await makeUser();
    expect((await joinThroughInvitation(a(person), { token })).status).toBe("PENDING");
    const m = await db.membership.findUniqueOrThrow({
      where: { groupId_userId: { groupId: w.approval.id, userId: person.id } },
    });
    expect(m).toMatchObject({ status: "PENDING", invitationId: id });
    expect(m.requestNote).toMatch(
      /Leeds Family Charity's invitation link: “Parents who use the Sure Start centre in Leeds”/,
    );
    const told = await db.notification.findMany({
      where: { kind: "MEMBERSHIP_REQUEST", actorId: person.id },
      select: { userId: true },
    });
    expect(told.map((n) => n.userId).sort()).toEqual([w.owner.id, w.moderator.id].sort());
    expect((await appError(joinThroughInvitation(a(person), { token }))).message).toBe(
      "Your request to join is waiting for approval.",
    );
  });

  it("refuses the signed out, suspended people and unknown, expired, revoked or used-up links, using nothing up", async () => {
    const { token, id } = await createInvitationLink(a(w.orgAdmin), input(w, w.open, { maxUses: 1 }));
    const person = await makeUser();
    expect((await appError(joinThroughInvitation(null, { token }))).code).toBe("UNAUTHENTICATED");
    const suspended = await makeUser({ suspendedUntil: days(2) });
    expect((await appError(joinThroughInvitation(a(suspended), { token }))).message).toMatch(
      /^Your account is suspended until /,
    );
    const groupSuspended = await makeUser();
    // Suspended from the group, then left it: the link must not let them back in.
    await addMember(w.open, groupSuspended);
    await suspendMember(a(w.owner), {
      groupId: w.open.id,
      userId: groupSuspended.id,
      days: 5,
      reason: "Repeated abuse",
    });
    await leaveGroup(a(groupSuspended), { groupId: w.open.id });
    expect((await appError(joinThroughInvitation(a(groupSuspended), { token }))).message).toMatch(
      /You are suspended from this group until/,
    );
    expect((await appError(joinThroughInvitation(a(person), { token: "x".repeat(43) }))).code).toBe("NOT_FOUND");
    expect((await db.groupInvitation.findUniqueOrThrow({ where: { id } })).uses).toBe(0);

    await joinThroughInvitation(a(person), { token });
    const late = await makeUser();
    const usedUp = await appError(joinThroughInvitation(a(late), { token }));
    expect([usedUp.code, usedUp.message]).toEqual([
      "CONFLICT",
      "This invitation link has been used as many times as it allows.",
    ]);

    const expired = await createInvitationLink(a(w.orgAdmin), input(w, w.open));
    await db.groupInvitation.update({ where: { id: expired.id }, data: { expiresAt: days(-1) } });
    expect((await appError(joinThroughInvitation(a(late), { token: expired.token }))).message).toBe(
      "This invitation link has expired.",
    );
    expect((await getInvitationLanding(expired.token, a(late)))!.state).toBe("EXPIRED");

    const revoked = await createInvitationLink(a(w.orgAdmin), input(w, w.open));
    await revokeInvitation(a(w.owner), { invitationId: revoked.id });
    expect((await appError(joinThroughInvitation(a(late), { token: revoked.token }))).message).toMatch(
      /has been revoked/,
    );
    expect(await db.membership.count({ where: { userId: late.id } })).toBe(0);
  });

  it("five people racing for the last place: exactly one joins", async () => {
    const { token, id } = await createInvitationLink(a(w.orgAdmin), input(w, w.open, { maxUses: 1 }));
    const people = await Promise.all(Array.from({ length: 5 }, () => makeUser()));
    const mustOverlap = Math.min(people.length, env().DATABASE_POOL_SIZE);
    // Prisma batches the identical token look-ups into one query, so the barrier is each join's own transaction (its group lock).
    const { results, overlapped } = await raceBehindTableLock(
      "Group",
      people.map((p) => () => joinThroughInvitation(a(p), { token })),
      mustOverlap,
    );
    expect(overlapped).toBeGreaterThanOrEqual(mustOverlap);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused.map((r) => r.reason.message)).toEqual(
      Array(4).fill("This invitation link has been used as many times as it allows."),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.membership.count({ where: { invitationId: id } })).toBe(1);
    expect((await db.groupInvitation.findUniqueOrThrow({ where: { id } })).uses).toBe(1);
    const group = await db.group.findUniqueOrThrow({ where: { id: w.open.id }, select: { memberCount: true } });
    expect(group.memberCount).toBe(await db.membership.count({ where: { groupId: w.open.id, status: "ACTIVE" } }));
  });
});

describe("revoking links", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld();
  });

  it("the organisation's admins, the group's owners and site admins may revoke; twice says so", async () => {
    for (const who of [w.orgAdmin, w.owner, w.siteAdmin]) {
      const { id } = await createInvitationLink(a(w.orgAdmin), input(w, w.open));
      await revokeInvitation(a(who), { invitationId: id });
      const row = await db.groupInvitation.findUniqueOrThrow({ where: { id } });
      expect(row.revokedById).toBe(who.id);
      expect(row.revokedAt).not.toBeNull();
      const again = await appError(revokeInvitation(a(who), { invitationId: id }));
      expect([again.code, again.message]).toEqual(["CONFLICT", "This link was already revoked."]);
    }
  });

  it("nobody else may revoke: not members, moderators, strangers or another organisation", async () => {
    const { id } = await createInvitationLink(a(w.orgAdmin), input(w, w.open));
    const cases: [Actor, string][] = [
      [null, "UNAUTHENTICATED"],
      [a(w.stranger), "FORBIDDEN"],
      [a(w.otherOrgAdmin), "FORBIDDEN"],
      [a(w.members[0]), "FORBIDDEN"],
      [a(w.moderator), "FORBIDDEN"],
    ];
    for (const [actor, code] of cases)
      expect((await appError(revokeInvitation(actor, { invitationId: id }))).code).toBe(code);
    expect((await db.groupInvitation.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();
  });

  it("the group's owners see the links into their group (without tokens); others may not", async () => {
    const list = await getGroupInvitations(a(w.owner), w.open.id, 1);
    expect(list.links.length).toBeGreaterThan(0);
    expect(list.links[0].organisationName).toBe("Leeds Family Charity");
    expect(list.links[0]).not.toHaveProperty("token");
    for (const actor of [a(w.moderator), a(w.orgAdmin), a(w.stranger)])
      expect((await appError(getGroupInvitations(actor, w.open.id, 1))).code).toBe("FORBIDDEN");
  });
});
