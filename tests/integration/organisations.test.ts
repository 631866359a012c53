import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  acceptInvitation,
  declineInvitation,
  inviteAdmin,
  removeAdmin,
  revokeInvitation,
} from "@/features/organisations/admins";
import { createOrganisation, updateOrganisation } from "@/features/organisations/mutations";
import {
  getInvitationForInvitee,
  getOrganisationPage,
  listMyInvitations,
  listMyOrganisations,
  listOrganisations,
} from "@/features/organisations/queries";
import { setVerified } from "@/features/organisations/verify";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { appError } from "./helpers/app-error";
import { actorOf, days, makeUser, type TestUser } from "./helpers/factories";
import { raceBehindTableLock } from "./helpers/race";
import { resetDatabase } from "./helpers/reset-db";

beforeAll(resetDatabase);

const fresh = (prefix: string) => `${prefix} ${randomBytes(4).toString("hex")}`;
const details = (name = fresh("Org")) => ({
  name,
  kind: "CHARITY" as const,
  description: "We help people.",
  website: "https://example.org",
});

type Who = "anonymous" | "suspended" | "member" | "otherAdmin" | "siteAdmin" | "admin";

/** An organisation with one admin, and everyone who is not one of its admins. */
async function makeWorld() {
  const [admin, member, otherAdmin, siteAdmin, suspended] = await Promise.all([
    makeUser(),
    makeUser(),
    makeUser(),
    makeUser({ siteRole: "ADMIN" }),
    makeUser({ suspendedUntil: days(7) }),
  ]);
  const organisation = await createOrganisation(actorOf(admin), details());
  await createOrganisation(actorOf(otherAdmin), details());
  // The suspended user is an admin of this very organisation: suspension must count for more.
  await db.organisationMember.create({ data: { organisationId: organisation.id, userId: suspended.id } });
  const users: Record<Exclude<Who, "anonymous">, TestUser> = { admin, member, otherAdmin, siteAdmin, suspended };
  const actor = (who: Who): Actor => (who === "anonymous" ? null : actorOf(users[who]));
  return { organisation, ...users, actor };
}

const adminsOf = (organisationId: string) =>
  db.organisationMember
    .findMany({ where: { organisationId }, select: { userId: true } })
    .then((rows) => rows.map((r) => r.userId).sort());

describe("createOrganisation", () => {
  it("makes the creator its admin and a slug from the name", async () => {
    const user = await makeUser();
    const name = fresh("Shelter Cymru");
    const created = await createOrganisation(actorOf(user), details(name));
    expect(created.slug).toBe(name.toLowerCase().replace(/ /g, "-"));
    expect(await adminsOf(created.id)).toEqual([user.id]);
    const page = await getOrganisationPage(created.slug, actorOf(user));
    expect(page?.isAdmin).toBe(true);
    expect(page?.organisation).toMatchObject({
      name,
      kind: "CHARITY",
      website: "https://example.org",
      verified: false,
    });
  });

  it("never takes a page's address", async () => {
    const user = await makeUser();
    const created = await createOrganisation(actorOf(user), details("New"));
    expect(created.slug).toMatch(/^new-\d+$/);
  });

  it("anonymous and suspended people may not create one", async () => {
    expect((await appError(createOrganisation(null, details()))).code).toBe("UNAUTHENTICATED");
    const suspended = await makeUser({ suspendedUntil: days(3) });
    expect((await appError(createOrganisation(actorOf(suspended), details()))).code).toBe("FORBIDDEN");
  });

  it("two organisations with the same name created at once get distinct slugs", async () => {
    const [a, b] = await Promise.all([makeUser(), makeUser()]);
    const name = fresh("Same Name");
    const { results, overlapped } = await raceBehindTableLock(
      "Organisation",
      [() => createOrganisation(actorOf(a), details(name)), () => createOrganisation(actorOf(b), details(name))],
      2,
    );
    expect(overlapped).toBe(2);
    const slugs = results.map((r) => (r.status === "fulfilled" ? r.value.slug : String(r.reason)));
    const base = name.toLowerCase().replace(/ /g, "-");
    expect(slugs.sort()).toEqual([base, `${base}-2`]);
  });
});

describe("updateOrganisation", () => {
  it("an admin edits the details; the slug stays", async () => {
    const w = await makeWorld();
    await updateOrganisation(w.actor("admin"), {
      organisationId: w.organisation.id,
      name: "Renamed",
      kind: "PUBLIC_BODY",
      description: "New words",
      website: undefined,
    });
    const row = await db.organisation.findUniqueOrThrow({ where: { id: w.organisation.id } });
    expect(row).toMatchObject({
      name: "Renamed",
      kind: "PUBLIC_BODY",
      website: null,
      description: "New words",
      slug: w.organisation.slug,
    });
  });

  it.each(["anonymous", "suspended", "member", "otherAdmin", "siteAdmin"] as const)("%s may not", async (who) => {
    const w = await makeWorld();
    const error = await appError(
      updateOrganisation(w.actor(who), { organisationId: w.organisation.id, ...details("Hijacked") }),
    );
    expect(error.code).toBe(who === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN");
    expect((await db.organisation.findUniqueOrThrow({ where: { id: w.organisation.id } })).name).not.toBe("Hijacked");
  });
});

describe("inviting admins", () => {
  it("an admin invites by handle; the invitee is notified and can accept", async () => {
    const w = await makeWorld();
    const invitation = await inviteAdmin(w.actor("admin"), {
      organisationId: w.organisation.id,
      handle: w.member.handle,
    });
    const notification = await db.notification.findFirstOrThrow({
      where: { userId: w.member.id, kind: "ORGANISATION_INVITATION" },
    });
    expect(notification.url).toBe(`/organisations/invitations/${invitation.id}`);
    expect((await listMyInvitations(w.actor("member"))).map((i) => i.id)).toEqual([invitation.id]);
    expect(await getInvitationForInvitee(w.actor("otherAdmin"), invitation.id)).toBeNull();
    const page = await getOrganisationPage(w.organisation.slug, w.actor("admin"));
    expect(page?.pendingInvitations.map((i) => i.inviteeHandle)).toEqual([w.member.handle]);

    expect(await acceptInvitation(w.actor("member"), { invitationId: invitation.id })).toEqual({
      slug: w.organisation.slug,
    });
    expect(await adminsOf(w.organisation.id)).toContain(w.member.id);
    expect((await listMyOrganisations(w.actor("member"))).map((o) => o.id)).toEqual([w.organisation.id]);
    expect(await listMyInvitations(w.actor("member"))).toEqual([]);
  });

  it("pending invitations are shown to admins only", async () => {
    const w = await makeWorld();
    await inviteAdmin(w.actor("admin"), { organisationId: w.organisation.id, handle: w.member.handle });
    for (const who of ["anonymous", "member", "otherAdmin", "siteAdmin", "suspended"] as const) {
      expect((await getOrganisationPage(w.organisation.slug, w.actor(who)))?.pendingInvitations, who).toEqual([]);
    }
  });

  it("refuses unknown, deleted, existing and already invited people", async () => {
    const w = await makeWorld();
    const input = (handle: string) => ({ organisationId: w.organisation.id, handle });
    expect((await appError(inviteAdmin(w.actor("admin"), input("nobody_here_123")))).fieldErrors?.handle).toMatch(
      /no member/,
    );
    const gone = await makeUser();
    await db.user.update({ where: { id: gone.id }, data: { deletedAt: new Date() } });
    expect((await appError(inviteAdmin(w.actor("admin"), input(gone.handle)))).code).toBe("CONFLICT");
    expect((await appError(inviteAdmin(w.actor("admin"), input(w.admin.handle)))).fieldErrors?.handle).toMatch(
      /already an admin/,
    );
    await inviteAdmin(w.actor("admin"), input(w.member.handle));
    expect((await appError(inviteAdmin(w.actor("admin"), input(w.member.handle)))).fieldErrors?.handle).toMatch(
      /already has an invitation/,
    );
  });

  it.each(["anonymous", "suspended", "member", "otherAdmin", "siteAdmin"] as const)(
    "%s may not invite",
    async (who) => {
      const w = await makeWorld();
      const error = await appError(
        inviteAdmin(w.actor(who), { organisationId: w.organisation.id, handle: w.member.handle }),
      );
      expect(error.code).toBe(who === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN");
      expect(await db.organisationInvitation.count({ where: { organisationId: w.organisation.id } })).toBe(0);
    },
  );

  it("only the invitee may accept or decline", async () => {
    const w = await makeWorld();
    const invitation = await inviteAdmin(w.actor("admin"), {
      organisationId: w.organisation.id,
      handle: w.member.handle,
    });
    for (const who of ["admin", "otherAdmin", "siteAdmin"] as const) {
      expect((await appError(acceptInvitation(w.actor(who), { invitationId: invitation.id }))).code, who).toBe(
        "NOT_FOUND",
      );
      expect((await appError(declineInvitation(w.actor(who), { invitationId: invitation.id }))).code, who).toBe(
        "NOT_FOUND",
      );
    }
    expect((await appError(acceptInvitation(null, { invitationId: invitation.id }))).code).toBe("UNAUTHENTICATED");
    expect(await adminsOf(w.organisation.id)).not.toContain(w.member.id);
  });

  it("a suspended invitee may not accept", async () => {
    const w = await makeWorld();
    const invitee = await makeUser({ suspendedUntil: days(2) });
    const invitation = await inviteAdmin(w.actor("admin"), {
      organisationId: w.organisation.id,
      handle: invitee.handle,
    });
    expect((await appError(acceptInvitation(actorOf(invitee), { invitationId: invitation.id }))).code).toBe(
      "FORBIDDEN",
    );
  });

  it("declining removes the invitation, so the person can be invited again", async () => {
    const w = await makeWorld();
    const input = { organisationId: w.organisation.id, handle: w.member.handle };
    const invitation = await inviteAdmin(w.actor("admin"), input);
    await declineInvitation(w.actor("member"), { invitationId: invitation.id });
    expect(await db.organisationInvitation.count({ where: { id: invitation.id } })).toBe(0);
    expect(await adminsOf(w.organisation.id)).not.toContain(w.member.id);
    await inviteAdmin(w.actor("admin"), input);
  });

  it("admins may withdraw an invitation; others may not", async () => {
    const w = await makeWorld();
    const invitation = await inviteAdmin(w.actor("admin"), {
      organisationId: w.organisation.id,
      handle: w.member.handle,
    });
    for (const who of ["member", "otherAdmin", "siteAdmin", "suspended"] as const) {
      expect((await appError(revokeInvitation(w.actor(who), { invitationId: invitation.id }))).code, who).toBe(
        "FORBIDDEN",
      );
    }
    await revokeInvitation(w.actor("admin"), { invitationId: invitation.id });
    expect((await appError(acceptInvitation(w.actor("member"), { invitationId: invitation.id }))).code).toBe(
      "NOT_FOUND",
    );
  });

  it("accepting twice at once makes the invitee an admin once", async () => {
    const w = await makeWorld();
    const invitation = await inviteAdmin(w.actor("admin"), {
      organisationId: w.organisation.id,
      handle: w.member.handle,
    });
    const accept = () => acceptInvitation(w.actor("member"), { invitationId: invitation.id });
    const { results, overlapped } = await raceBehindTableLock("OrganisationInvitation", [accept, accept], 2);
    expect(overlapped).toBe(2);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({
      code: "CONFLICT",
    });
    expect(
      await db.organisationMember.count({ where: { organisationId: w.organisation.id, userId: w.member.id } }),
    ).toBe(1);
  });
});

describe("removeAdmin", () => {
  async function twoAdmins() {
    const w = await makeWorld();
    await db.organisationMember.delete({
      where: { organisationId_userId: { organisationId: w.organisation.id, userId: w.suspended.id } },
    });
    const second = await makeUser();
    await db.organisationMember.create({ data: { organisationId: w.organisation.id, userId: second.id } });
    return { ...w, second };
  }

  it("an admin removes another admin, and can leave while another remains", async () => {
    const w = await twoAdmins();
    await removeAdmin(w.actor("admin"), { organisationId: w.organisation.id, userId: w.second.id });
    expect(await adminsOf(w.organisation.id)).toEqual([w.admin.id]);
    const error = await appError(
      removeAdmin(w.actor("admin"), { organisationId: w.organisation.id, userId: w.admin.id }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/last admin/);
    expect(await adminsOf(w.organisation.id)).toEqual([w.admin.id]);
  });

  it("an admin may leave when another admin remains", async () => {
    const w = await twoAdmins();
    await removeAdmin(actorOf(w.second), { organisationId: w.organisation.id, userId: w.second.id });
    expect(await adminsOf(w.organisation.id)).toEqual([w.admin.id]);
  });

  it("an admin whose account was deleted does not count as the remaining admin", async () => {
    const w = await twoAdmins();
    await db.user.update({ where: { id: w.second.id }, data: { deletedAt: new Date() } });
    expect(
      (await appError(removeAdmin(w.actor("admin"), { organisationId: w.organisation.id, userId: w.admin.id }))).code,
    ).toBe("CONFLICT");
  });

  it.each(["anonymous", "suspended", "member", "otherAdmin", "siteAdmin"] as const)(
    "%s may not remove an admin",
    async (who) => {
      const w = await makeWorld();
      const error = await appError(
        removeAdmin(w.actor(who), { organisationId: w.organisation.id, userId: w.admin.id }),
      );
      expect(error.code).toBe(who === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN");
      expect(await adminsOf(w.organisation.id)).toContain(w.admin.id);
    },
  );

  it("a suspended admin cannot step down while suspended (the account is read-only), but can once it ends", async () => {
    const w = await makeWorld();
    const error = await appError(
      removeAdmin(w.actor("suspended"), { organisationId: w.organisation.id, userId: w.suspended.id }),
    );
    expect(error).toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/^Your account is suspended until /),
    });
    expect(await adminsOf(w.organisation.id)).toContain(w.suspended.id);
    await db.user.update({ where: { id: w.suspended.id }, data: { suspendedUntil: new Date(Date.now() - 1000) } });
    await removeAdmin(actorOf({ ...w.suspended, suspendedUntil: new Date(Date.now() - 1000) }), {
      organisationId: w.organisation.id,
      userId: w.suspended.id,
    });
    expect(await adminsOf(w.organisation.id)).toEqual([w.admin.id]);
  });

  it("two admins removing each other at once leave one admin", async () => {
    const w = await twoAdmins();
    const { results, overlapped } = await raceBehindTableLock(
      "Organisation",
      [
        () => removeAdmin(w.actor("admin"), { organisationId: w.organisation.id, userId: w.second.id }),
        () => removeAdmin(actorOf(w.second), { organisationId: w.organisation.id, userId: w.admin.id }),
      ],
      2,
    );
    expect(overlapped).toBe(2);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await adminsOf(w.organisation.id)).toHaveLength(1);
  });

  it("two admins leaving at once: one stays", async () => {
    const w = await twoAdmins();
    const { results } = await raceBehindTableLock(
      "Organisation",
      [
        () => removeAdmin(w.actor("admin"), { organisationId: w.organisation.id, userId: w.admin.id }),
        () => removeAdmin(actorOf(w.second), { organisationId: w.organisation.id, userId: w.second.id }),
      ],
      2,
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await adminsOf(w.organisation.id)).toHaveLength(1);
  });
});

describe("setVerified", () => {
  it("a site admin verifies and unverifies; both are logged site-wide with the reason", async () => {
    const w = await makeWorld();
    await setVerified(w.actor("siteAdmin"), {
      organisationId: w.organisation.id,
      verified: true,
      reason: "Registered charity 123456",
    });
    let row = await db.organisation.findUniqueOrThrow({ where: { id: w.organisation.id } });
    expect(row.verifiedById).toBe(w.siteAdmin.id);
    expect(row.verifiedAt).toBeInstanceOf(Date);
    expect((await listOrganisations({ page: 1 })).organisations[0]).toMatchObject({
      id: w.organisation.id,
      verified: true,
    });

    await setVerified(w.actor("siteAdmin"), {
      organisationId: w.organisation.id,
      verified: false,
      reason: "Registration lapsed",
    });
    row = await db.organisation.findUniqueOrThrow({ where: { id: w.organisation.id } });
    expect(row).toMatchObject({ verifiedAt: null, verifiedById: null });

    const log = await db.moderationAction.findMany({
      where: { kind: "VERIFY_ORGANISATION", actorId: w.siteAdmin.id },
      orderBy: { createdAt: "asc" },
      select: { groupId: true, reason: true, details: true },
    });
    expect(log).toEqual([
      {
        groupId: null,
        reason: "Registered charity 123456",
        details: { organisationId: w.organisation.id, organisationName: expect.any(String), verified: true },
      },
      {
        groupId: null,
        reason: "Registration lapsed",
        details: { organisationId: w.organisation.id, organisationName: expect.any(String), verified: false },
      },
    ]);
  });

  it("refuses to verify twice", async () => {
    const w = await makeWorld();
    await setVerified(w.actor("siteAdmin"), { organisationId: w.organisation.id, verified: true, reason: "Checked" });
    expect(
      (
        await appError(
          setVerified(w.actor("siteAdmin"), { organisationId: w.organisation.id, verified: true, reason: "Again" }),
        )
      ).code,
    ).toBe("CONFLICT");
  });

  it.each(["anonymous", "member", "admin", "otherAdmin", "suspended"] as const)("%s may not verify", async (who) => {
    const w = await makeWorld();
    const error = await appError(
      setVerified(w.actor(who), { organisationId: w.organisation.id, verified: true, reason: "Trust me" }),
    );
    expect(error.code).toBe(who === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN");
    expect((await db.organisation.findUniqueOrThrow({ where: { id: w.organisation.id } })).verifiedAt).toBeNull();
  });

  it("a suspended site admin may not verify", async () => {
    const w = await makeWorld();
    const suspendedAdmin = await makeUser({ siteRole: "ADMIN", suspendedUntil: days(1) });
    expect(
      (
        await appError(
          setVerified(actorOf(suspendedAdmin), {
            organisationId: w.organisation.id,
            verified: true,
            reason: "Checked",
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
  });
});

describe("getOrganisationPage", () => {
  it("is public, and shows commissions with their posting counts, a page at a time", async () => {
    const w = await makeWorld();
    const base = {
      question: "Q",
      background: "B",
      scope: "S",
      goodAnswer: "G",
      disclosure: "D",
      contributionsOpenAt: days(0),
      draftingFrom: days(10),
    };
    await db.commission.createMany({
      data: Array.from({ length: 22 }, (_, i) => ({
        ...base,
        organisationId: w.organisation.id,
        title: `Commission ${i}`,
        deadlineAt: days(30 + i),
      })),
    });
    const page = await getOrganisationPage(w.organisation.slug, null);
    expect(page?.commissions).toHaveLength(20);
    expect(page?.commissions[0]).toMatchObject({ title: "Commission 21", postingCount: 0 });
    expect(page?.commissionPageCount).toBe(2);
    expect(page?.admins.map((a) => a.userId).sort()).toEqual([w.admin.id, w.suspended.id].sort());
    expect(page?.isAdmin).toBe(false);
    expect(page?.can("organisation.update")).toBe(false);
    expect((await getOrganisationPage(w.organisation.slug, null, { commissionPage: 2 }))?.commissions).toHaveLength(2);
    expect(await getOrganisationPage("no-such-organisation", null)).toBeNull();
  });
});
