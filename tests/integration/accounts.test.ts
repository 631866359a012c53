import { randomBytes } from "node:crypto";
import pg from "pg";
import { beforeEach, describe, expect, it } from "vitest";
import {
  authenticateWithPassword,
  changePassword,
  registerUser,
  revokeOwnSession,
  signOutEverywhere,
  suspendUser,
  unsuspendUser,
  updateProfile,
} from "@/features/accounts/mutations";
import { getOwnAccount, getPublicProfile, listOwnSessions, listUsersForAdmin } from "@/features/accounts/queries";
import { ZRegister, ZUpdateProfile } from "@/features/accounts/schemas";
import { createAuthSession, resolveSession, revokeAuthSession } from "@/server/auth/session-store";
import { db } from "@/server/db";
import { appError } from "./helpers/app-error";
import { actorOf, addMember, days, makeGroup, makeUser } from "./helpers/factories";
import { resetDatabase } from "./helpers/reset-db";

const PASSWORD = "correct horse battery staple";
const NEW_PASSWORD = "a brand new passphrase";

let ipCounter = 0;
/** A fresh client address per call, so that per-IP limits only bite where a test means them to. */
const freshIp = () => `198.51.100.${++ipCounter % 250}`;

function registration(overrides: Record<string, unknown> = {}) {
  const id = randomBytes(4).toString("hex");
  return ZRegister.parse({
    email: `New_${id}@Example.test`,
    password: PASSWORD,
    confirmPassword: PASSWORD,
    handle: `new_${id}`,
    displayName: "New Person",
    perspective: "SERVICE_USER",
    sector: "HOUSING",
    fieldDetail: "tenant",
    organisationName: "Tenants' Union",
    ...overrides,
  });
}

beforeEach(resetDatabase);

describe("registerUser", () => {
  it("creates the user with a hashed password and the profile", async () => {
    const input = registration();
    const created = await registerUser(input, { ip: freshIp() });

    expect(created).toEqual({ id: expect.any(String), handle: input.handle, displayName: "New Person" });
    const stored = await db.user.findUniqueOrThrow({
      where: { id: created.id },
      select: { email: true, passwordHash: true, siteRole: true, profile: true },
    });
    expect(stored.email).toBe(input.email.toLowerCase());
    expect(stored.siteRole).toBe("MEMBER");
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.passwordHash).not.toContain(PASSWORD);
    expect(stored.profile).toMatchObject({
      perspective: "SERVICE_USER",
      sector: "HOUSING",
      fieldDetail: "tenant",
      organisationName: "Tenants' Union",
    });
    // The new account can sign in.
    await expect(
      authenticateWithPassword({ email: input.email, password: PASSWORD }, { ip: freshIp() }),
    ).resolves.toMatchObject({ id: created.id });
  });

  it("creates nothing when the profile cannot be written (user and profile are one transaction)", async () => {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(
        `CREATE FUNCTION test_refuse_profile() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'profile refused by test'; END $$`,
      );
      await admin.query(
        `CREATE TRIGGER test_refuse_profile BEFORE INSERT ON "Profile" FOR EACH ROW EXECUTE FUNCTION test_refuse_profile()`,
      );
      const input = registration();
      await expect(registerUser(input, { ip: freshIp() })).rejects.toThrow(/profile refused by test/);
      expect(await db.user.count({ where: { email: input.email } })).toBe(0);
    } finally {
      await admin.query(`DROP TRIGGER IF EXISTS test_refuse_profile ON "Profile"`);
      await admin.query(`DROP FUNCTION IF EXISTS test_refuse_profile()`);
      await admin.end();
    }
  });

  it("refuses a taken email with a message on the email field and creates no second account", async () => {
    const existing = await makeUser();
    const error = await appError(
      registerUser(registration({ email: existing.email.toUpperCase() }), { ip: freshIp() }),
    );

    expect(error.code).toBe("CONFLICT");
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(["email"]);
    expect(error.fieldErrors?.email).toMatch(/already exists/);
    expect(await db.user.count({ where: { email: existing.email } })).toBe(1);
    expect(await db.user.count()).toBe(1);
  });

  it("refuses a taken username with a message on the handle field and creates no second account", async () => {
    const existing = await makeUser();
    const error = await appError(
      registerUser(registration({ handle: existing.handle.toUpperCase() }), { ip: freshIp() }),
    );

    expect(error.code).toBe("CONFLICT");
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(["handle"]);
    expect(error.fieldErrors?.handle).toMatch(/taken/);
    expect(await db.user.count()).toBe(1);
  });

  it("reports both fields when both are taken", async () => {
    const existing = await makeUser();
    const error = await appError(
      registerUser(registration({ email: existing.email, handle: existing.handle }), { ip: freshIp() }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(["email", "handle"]);
  });

  it("gives exactly one account when the same email registers twice at once", async () => {
    const email = `race_${randomBytes(3).toString("hex")}@example.test`;
    const results = await Promise.allSettled([
      registerUser(registration({ email }), { ip: freshIp() }),
      registerUser(registration({ email }), { ip: freshIp() }),
    ]);
    const failures = results.filter((r) => r.status === "rejected");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(failures).toHaveLength(1);
    expect((failures[0] as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    expect(await db.user.count({ where: { email } })).toBe(1);
    expect(await db.profile.count()).toBe(1);
  });

  it("limits new accounts from one network to 10 an hour, with a message that says what to do", async () => {
    const ip = "203.0.113.7";
    for (let i = 0; i < 10; i++) await registerUser(registration(), { ip });

    const refused = registration();
    const error = await appError(registerUser(refused, { ip }));
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.message).toMatch(
      /^Too many new accounts from your network\. Please wait \d+ minutes and try again\.$/,
    );
    expect(await db.user.count({ where: { email: refused.email } })).toBe(0);
    expect(await db.user.count()).toBe(10);

    // Another network is not affected.
    await expect(registerUser(registration(), { ip: "203.0.113.8" })).resolves.toBeDefined();
  });

  it("limits repeated registration attempts for one email address", async () => {
    const existing = await makeUser();
    for (let i = 0; i < 3; i++) {
      expect((await appError(registerUser(registration({ email: existing.email }), { ip: freshIp() }))).code).toBe(
        "CONFLICT",
      );
    }
    const error = await appError(registerUser(registration({ email: existing.email }), { ip: freshIp() }));
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.message).toMatch(/Too many registration attempts for this email address/);
  });
});

describe("authenticateWithPassword", () => {
  it("signs in with the right password and returns no secrets", async () => {
    const user = await makeUser({ password: PASSWORD });
    const result = await authenticateWithPassword({ email: user.email, password: PASSWORD }, { ip: freshIp() });
    expect(result).toEqual({ id: user.id, handle: user.handle, displayName: user.displayName });
  });

  it("gives the same generic message for a wrong password and for an unknown email", async () => {
    const user = await makeUser({ password: PASSWORD });
    const wrong = await appError(
      authenticateWithPassword({ email: user.email, password: "not the password" }, { ip: freshIp() }),
    );
    const unknown = await appError(
      authenticateWithPassword({ email: "nobody@example.test", password: PASSWORD }, { ip: freshIp() }),
    );
    expect(wrong.code).toBe("UNAUTHENTICATED");
    expect(wrong.message).toBe("The email or password is incorrect.");
    expect(unknown.code).toBe(wrong.code);
    expect(unknown.message).toBe(wrong.message);
  });

  it("refuses an account without a password (OAuth only) with the generic message", async () => {
    const user = await makeUser();
    const error = await appError(authenticateWithPassword({ email: user.email, password: "" }, { ip: freshIp() }));
    expect(error.message).toBe("The email or password is incorrect.");
  });

  it("limits the account after 5 failures, even for the right password and from another network", async () => {
    const user = await makeUser({ password: PASSWORD });
    for (let i = 0; i < 5; i++) {
      const error = await appError(
        authenticateWithPassword({ email: user.email, password: `guess ${i}` }, { ip: freshIp() }),
      );
      expect(error.code).toBe("UNAUTHENTICATED");
    }
    const error = await appError(
      authenticateWithPassword({ email: user.email, password: PASSWORD }, { ip: freshIp() }),
    );
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.message).toMatch(
      /^Too many failed sign-in attempts for this account\. Please wait \d+ minutes and try again\.$/,
    );

    // Other accounts are not affected.
    const other = await makeUser({ password: PASSWORD });
    await expect(
      authenticateWithPassword({ email: other.email, password: PASSWORD }, { ip: freshIp() }),
    ).resolves.toMatchObject({ id: other.id });
  });

  it("clears the failure count on a successful sign-in", async () => {
    const user = await makeUser({ password: PASSWORD });
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++)
        await appError(authenticateWithPassword({ email: user.email, password: "wrong" }, { ip: freshIp() }));
      await expect(
        authenticateWithPassword({ email: user.email, password: PASSWORD }, { ip: freshIp() }),
      ).resolves.toMatchObject({ id: user.id });
    }
  });

  it("limits one network to 30 attempts across accounts", async () => {
    const ip = "203.0.113.50";
    const user = await makeUser({ password: PASSWORD });
    // Unknown accounts: each attempt counts for the network.
    for (let i = 0; i < 30; i++)
      await appError(authenticateWithPassword({ email: `ghost${i}@example.test`, password: "x" }, { ip }));
    const error = await appError(authenticateWithPassword({ email: user.email, password: PASSWORD }, { ip }));
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.message).toMatch(/Too many sign-in attempts from your network/);
  });

  it("signs a suspended account in, read-only (it must reach its data and be able to delete itself)", async () => {
    const user = await makeUser({ password: PASSWORD, suspendedUntil: days(3), suspensionReason: "spamming threads" });
    await expect(
      authenticateWithPassword({ email: user.email, password: PASSWORD }, { ip: freshIp() }),
    ).resolves.toMatchObject({ id: user.id });
    // What it may do then is the permission map's business: see the authorization matrix.
  });

  it("lets a person sign in again once the suspension has ended", async () => {
    const user = await makeUser({ password: PASSWORD, suspendedUntil: days(-1) });
    await expect(
      authenticateWithPassword({ email: user.email, password: PASSWORD }, { ip: freshIp() }),
    ).resolves.toMatchObject({ id: user.id });
  });

  it("refuses a deleted account with the generic message", async () => {
    const user = await makeUser({ password: PASSWORD });
    await db.user.update({ where: { id: user.id }, data: { deletedAt: new Date() } });
    const error = await appError(
      authenticateWithPassword({ email: user.email, password: PASSWORD }, { ip: freshIp() }),
    );
    expect(error.message).toBe("The email or password is incorrect.");
  });
});

describe("resolveSession", () => {
  it("returns the person behind a live session", async () => {
    const user = await makeUser();
    const sid = await createAuthSession(user.id, "test browser");
    expect(await resolveSession(sid)).toEqual({
      id: user.id,
      siteRole: "MEMBER",
      suspendedUntil: null,
      sessionId: sid,
      handle: user.handle,
      displayName: user.displayName,
    });
  });

  it("returns null for a malformed or unknown id", async () => {
    expect(await resolveSession("not-a-session")).toBeNull();
    expect(await resolveSession("00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("returns null once the session is revoked or expired", async () => {
    const user = await makeUser();
    const revoked = await createAuthSession(user.id, "a");
    const expired = await createAuthSession(user.id, "b");
    await revokeAuthSession(revoked);
    await db.authSession.update({ where: { id: expired }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resolveSession(revoked)).toBeNull();
    expect(await resolveSession(expired)).toBeNull();
  });

  it("returns null for sessions started before sessionsValidFrom, or of deleted users", async () => {
    const [old, deleted] = await Promise.all([makeUser(), makeUser()]);
    const oldSid = await createAuthSession(old.id, "a");
    const deletedSid = await createAuthSession(deleted.id, "c");
    await db.user.update({ where: { id: old.id }, data: { sessionsValidFrom: new Date(Date.now() + 1000) } });
    await db.user.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });
    expect(await resolveSession(oldSid)).toBeNull();
    expect(await resolveSession(deletedSid)).toBeNull();
  });

  it("keeps a suspended account's session, carrying the suspension for the permission map to read", async () => {
    const suspended = await makeUser();
    const sid = await createAuthSession(suspended.id, "b");
    const until = days(1);
    await db.user.update({ where: { id: suspended.id }, data: { suspendedUntil: until } });
    expect(await resolveSession(sid)).toMatchObject({ id: suspended.id, suspendedUntil: until });
  });
});

describe("profiles", () => {
  const profileInput = (overrides: Record<string, unknown> = {}) =>
    ZUpdateProfile.parse({
      displayName: "Grace H",
      perspective: "BOTH",
      sector: "JUSTICE",
      fieldDetail: "probation officer",
      organisationName: "Probation Service",
      bio: "Twenty years in probation.",
      ...overrides,
    });

  it("updates the profile and display name of the actor", async () => {
    const user = await makeUser();
    await updateProfile(actorOf(user), profileInput());
    const own = await getOwnAccount(actorOf(user));
    expect(own.displayName).toBe("Grace H");
    expect(own.email).toBe(user.email);
    expect(own.profile).toEqual({
      perspective: "BOTH",
      sector: "JUSTICE",
      fieldDetail: "probation officer",
      organisationName: "Probation Service",
      bio: "Twenty years in probation.",
      hideOrganisation: false,
      hideSector: false,
      hideGroups: false,
    });
  });

  it("creates the profile if the account has none yet", async () => {
    const user = await makeUser();
    await db.profile.delete({ where: { userId: user.id } });
    await updateProfile(actorOf(user), profileInput());
    expect(await db.profile.findUnique({ where: { userId: user.id }, select: { perspective: true } })).toEqual({
      perspective: "BOTH",
    });
  });

  it("requires a signed-in actor", async () => {
    expect((await appError(updateProfile(null, profileInput()))).code).toBe("UNAUTHENTICATED");
    expect((await appError(getOwnAccount(null))).code).toBe("UNAUTHENTICATED");
  });

  it("public profile never shows the email, and shows sector and organisation unless hidden", async () => {
    const user = await makeUser();
    const viewer = await makeUser();
    await updateProfile(actorOf(user), profileInput());

    for (const who of [null, actorOf(viewer), actorOf(user)]) {
      const profile = await getPublicProfile(user.handle, who);
      expect(profile).toMatchObject({
        handle: user.handle,
        displayName: "Grace H",
        perspective: "BOTH",
        sector: "JUSTICE",
        organisationName: "Probation Service",
      });
      expect(JSON.stringify(profile)).not.toContain(user.email);
      expect(profile).not.toHaveProperty("email");
    }
  });

  it("public profile hides sector (with field detail) and organisation when the person chose to", async () => {
    const user = await makeUser();
    await updateProfile(actorOf(user), profileInput({ hideSector: "on", hideOrganisation: "on" }));
    const profile = await getPublicProfile(user.handle.toUpperCase(), null);
    expect(profile).toMatchObject({ sector: null, fieldDetail: "", organisationName: null, perspective: "BOTH" });
    expect(JSON.stringify(profile)).not.toContain("Probation Service");
    expect(JSON.stringify(profile)).not.toContain("probation officer");
  });

  it("public profile lists only the groups the viewer may read", async () => {
    const user = await makeUser();
    const owner = await makeUser();
    const fellow = await makeUser();
    const outsider = await makeUser();
    const admin = await makeUser({ siteRole: "ADMIN" });
    const open = await makeGroup(owner, { joinPolicy: "OPEN" });
    const closed = await makeGroup(owner, { joinPolicy: "APPROVAL" });
    const requested = await makeGroup(owner, { joinPolicy: "APPROVAL" });
    await addMember(open, user);
    await addMember(closed, user, "MODERATOR");
    await addMember(closed, fellow);
    await addMember(requested, user, "MEMBER", "PENDING");

    const slugs = async (viewer: Parameters<typeof getPublicProfile>[1]) =>
      (await getPublicProfile(user.handle, viewer))!.groups.map((g) => g.slug).sort();
    expect(await slugs(null)).toEqual([open.slug]);
    expect(await slugs(actorOf(outsider))).toEqual([open.slug]);
    expect(await slugs(actorOf(fellow))).toEqual([open.slug, closed.slug].sort());
    expect(await slugs(actorOf(admin))).toEqual([open.slug, closed.slug].sort());
    // A pending request is not membership, not even on one's own profile.
    expect(await slugs(actorOf(user))).toEqual([open.slug, closed.slug].sort());
  });

  it("public profile of a deleted or unknown person is null", async () => {
    const user = await makeUser();
    await db.user.update({ where: { id: user.id }, data: { deletedAt: new Date() } });
    expect(await getPublicProfile(user.handle, null)).toBeNull();
    expect(await getPublicProfile("nobody_here", null)).toBeNull();
  });
});

describe("sessions and passwords", () => {
  it("a wrong current password is a validation error on that field and changes nothing", async () => {
    const user = await makeUser({ password: PASSWORD });
    const current = await createAuthSession(user.id, "this browser");
    const other = await createAuthSession(user.id, "other browser");

    const error = await appError(
      changePassword(actorOf(user), current, { currentPassword: "wrong", newPassword: NEW_PASSWORD }),
    );
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors).toEqual({ currentPassword: "This is not your current password." });
    expect(await resolveSession(other)).not.toBeNull();
    await expect(
      authenticateWithPassword({ email: user.email, password: PASSWORD }, { ip: freshIp() }),
    ).resolves.toBeDefined();
  });

  it("a password change ends every other session, keeps this one, and the new password works", async () => {
    const user = await makeUser({ password: PASSWORD });
    const bystander = await makeUser();
    const current = await createAuthSession(user.id, "this browser");
    const others = [await createAuthSession(user.id, "phone"), await createAuthSession(user.id, "laptop")];
    const bystanderSession = await createAuthSession(bystander.id, "theirs");

    await changePassword(actorOf(user), current, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });

    expect(await resolveSession(current)).toMatchObject({ id: user.id, sessionId: current });
    for (const sid of others) expect(await resolveSession(sid)).toBeNull();
    expect(await resolveSession(bystanderSession)).not.toBeNull();
    expect((await listOwnSessions(actorOf(user))).map((s) => s.id)).toEqual([current]);

    await expect(
      authenticateWithPassword({ email: user.email, password: NEW_PASSWORD }, { ip: freshIp() }),
    ).resolves.toMatchObject({ id: user.id });
    const old = await appError(authenticateWithPassword({ email: user.email, password: PASSWORD }, { ip: freshIp() }));
    expect(old.code).toBe("UNAUTHENTICATED");
    // The owner hears of it at their address, in case it was not them.
    expect(
      await db.outboxEmail.findMany({ where: { userId: user.id }, select: { toAddress: true, subject: true } }),
    ).toEqual([{ toAddress: user.email, subject: "Your Policy Commons password was changed" }]);
  });

  it("lists only the actor's own live sessions", async () => {
    const user = await makeUser();
    const other = await makeUser();
    const mine = await createAuthSession(user.id, "mine");
    const revoked = await createAuthSession(user.id, "revoked");
    await revokeAuthSession(revoked);
    await createAuthSession(other.id, "theirs");
    expect((await listOwnSessions(actorOf(user))).map((s) => s.id)).toEqual([mine]);
    expect((await appError(listOwnSessions(null))).code).toBe("UNAUTHENTICATED");
  });

  it("revokeOwnSession ends one's own session only", async () => {
    const user = await makeUser();
    const keep = await createAuthSession(user.id, "keep");
    const end = await createAuthSession(user.id, "end");
    await revokeOwnSession(actorOf(user), end);
    expect(await resolveSession(end)).toBeNull();
    expect(await resolveSession(keep)).not.toBeNull();
    // Already revoked: nothing to do.
    expect((await appError(revokeOwnSession(actorOf(user), end))).code).toBe("NOT_FOUND");
  });

  it("revokeOwnSession cannot end someone else's session", async () => {
    const user = await makeUser();
    const victim = await makeUser();
    const theirs = await createAuthSession(victim.id, "theirs");
    const error = await appError(revokeOwnSession(actorOf(user), theirs));
    expect(error.code).toBe("NOT_FOUND");
    expect(await resolveSession(theirs)).not.toBeNull();
    expect((await appError(revokeOwnSession(null, theirs))).code).toBe("UNAUTHENTICATED");
  });

  it("signOutEverywhere ends every session of the actor, this one included, and no one else's", async () => {
    const user = await makeUser();
    const bystander = await makeUser();
    const sids = [await createAuthSession(user.id, "a"), await createAuthSession(user.id, "b")];
    const theirs = await createAuthSession(bystander.id, "c");
    await signOutEverywhere(actorOf(user));
    for (const sid of sids) expect(await resolveSession(sid)).toBeNull();
    expect(await listOwnSessions(actorOf(user))).toEqual([]);
    expect(await resolveSession(theirs)).not.toBeNull();
    // Signing in again afterwards works.
    expect(await resolveSession(await createAuthSession(user.id, "again"))).not.toBeNull();
    expect((await appError(signOutEverywhere(null))).code).toBe("UNAUTHENTICATED");
  });
});

describe("site suspension", () => {
  it("anonymous visitors and non-admins cannot suspend, and nothing changes", async () => {
    const target = await makeUser();
    const member = await makeUser();
    const suspendedAdmin = await makeUser({ siteRole: "ADMIN", suspendedUntil: days(1) });
    const input = { userId: target.id, days: 7, reason: "spam" };

    expect((await appError(suspendUser(null, input))).code).toBe("UNAUTHENTICATED");
    expect((await appError(suspendUser(actorOf(member), input))).code).toBe("FORBIDDEN");
    expect((await appError(suspendUser(actorOf(suspendedAdmin), input))).code).toBe("FORBIDDEN");
    expect((await appError(suspendUser(actorOf(target), { ...input, userId: member.id }))).code).toBe("FORBIDDEN");

    expect(await db.user.findUniqueOrThrow({ where: { id: target.id }, select: { suspendedUntil: true } })).toEqual({
      suspendedUntil: null,
    });
    expect(await db.moderationAction.count()).toBe(0);
  });

  it("an admin's suspension ends the person's sessions and is recorded; signing in again gives a read-only account", async () => {
    const admin = await makeUser({ siteRole: "ADMIN" });
    const target = await makeUser({ password: PASSWORD });
    const sids = [await createAuthSession(target.id, "a"), await createAuthSession(target.id, "b")];
    const adminSid = await createAuthSession(admin.id, "admin");

    const before = Date.now();
    const until = await suspendUser(actorOf(admin), { userId: target.id, days: 7, reason: "repeated abuse" });
    expect(until.getTime()).toBeGreaterThanOrEqual(before + 7 * 86_400_000);
    expect(until.getTime()).toBeLessThanOrEqual(Date.now() + 7 * 86_400_000);

    for (const sid of sids) expect(await resolveSession(sid)).toBeNull();
    expect(await resolveSession(adminSid)).not.toBeNull();
    const stored = await db.user.findUniqueOrThrow({
      where: { id: target.id },
      select: { suspendedUntil: true, suspensionReason: true },
    });
    expect(stored).toEqual({ suspendedUntil: until, suspensionReason: "repeated abuse" });

    const actions = await db.moderationAction.findMany({
      select: { kind: true, actorId: true, subjectId: true, groupId: true, reason: true, details: true },
    });
    expect(actions).toEqual([
      {
        kind: "SUSPEND_USER",
        actorId: admin.id,
        subjectId: target.id,
        groupId: null,
        reason: "repeated abuse",
        details: { until: until.toISOString() },
      },
    ]);

    // Signing in again works (to read, see notifications, download the data or delete the account),
    // and the new session carries the suspension the permission map refuses everything else by.
    const again = await authenticateWithPassword({ email: target.email, password: PASSWORD }, { ip: freshIp() });
    const session = await resolveSession(await createAuthSession(again.id, "after"));
    expect(session).toMatchObject({ id: target.id, suspendedUntil: until });
    expect(
      (
        await appError(
          updateProfile(
            session,
            ZUpdateProfile.parse({ displayName: "Renamed", perspective: "OTHER", sector: "OTHER" }),
          ),
        )
      ).code,
    ).toBe("FORBIDDEN");
    await signOutEverywhere(session);
  });

  it("admins cannot be suspended, nor suspend themselves; unknown people are not found", async () => {
    const admin = await makeUser({ siteRole: "ADMIN" });
    const otherAdmin = await makeUser({ siteRole: "ADMIN" });
    const sid = await createAuthSession(otherAdmin.id, "x");

    const error = await appError(suspendUser(actorOf(admin), { userId: otherAdmin.id, days: 1, reason: "test" }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toMatch(/Admins cannot be suspended/);
    expect(await resolveSession(sid)).not.toBeNull();

    expect((await appError(suspendUser(actorOf(admin), { userId: admin.id, days: 1, reason: "test" }))).code).toBe(
      "VALIDATION",
    );
    expect(
      (
        await appError(
          suspendUser(actorOf(admin), { userId: "00000000-0000-4000-8000-000000000000", days: 1, reason: "x" }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(await db.moderationAction.count()).toBe(0);
  });

  it("an admin can lift a suspension; old sessions stay ended but the person can sign in again", async () => {
    const admin = await makeUser({ siteRole: "ADMIN" });
    const member = await makeUser();
    const target = await makeUser({ password: PASSWORD });
    const oldSid = await createAuthSession(target.id, "old");
    await suspendUser(actorOf(admin), { userId: target.id, days: 30, reason: "cooling off" });

    expect((await appError(unsuspendUser(null, { userId: target.id }))).code).toBe("UNAUTHENTICATED");
    expect((await appError(unsuspendUser(actorOf(member), { userId: target.id }))).code).toBe("FORBIDDEN");

    await unsuspendUser(actorOf(admin), { userId: target.id });
    expect(
      await db.user.findUniqueOrThrow({
        where: { id: target.id },
        select: { suspendedUntil: true, suspensionReason: true },
      }),
    ).toEqual({
      suspendedUntil: null,
      suspensionReason: null,
    });
    expect(await resolveSession(oldSid)).toBeNull();
    await expect(
      authenticateWithPassword({ email: target.email, password: PASSWORD }, { ip: freshIp() }),
    ).resolves.toMatchObject({ id: target.id });
    expect(await resolveSession(await createAuthSession(target.id, "new"))).not.toBeNull();

    const kinds = (
      await db.moderationAction.findMany({ orderBy: { createdAt: "asc" }, select: { kind: true, subjectId: true } })
    ).map((a) => a.kind);
    expect(kinds).toEqual(["SUSPEND_USER", "UNSUSPEND_USER"]);
    // Nothing left to lift.
    expect((await appError(unsuspendUser(actorOf(admin), { userId: target.id }))).code).toBe("NOT_FOUND");
  });
});

describe("listUsersForAdmin", () => {
  it("is for site admins only", async () => {
    const member = await makeUser();
    expect((await appError(listUsersForAdmin(null, { query: "", page: 1 }))).code).toBe("FORBIDDEN");
    expect((await appError(listUsersForAdmin(actorOf(member), { query: "", page: 1 }))).code).toBe("FORBIDDEN");
  });

  it("lists and searches people without their emails", async () => {
    const admin = await makeUser({ siteRole: "ADMIN" });
    const ada = await makeUser({ displayName: "Ada Lovelace" });
    await makeUser({ displayName: "Charles Babbage" });
    const all = await listUsersForAdmin(actorOf(admin), { query: "", page: 1 });
    expect(all.total).toBe(3);
    expect(JSON.stringify(all)).not.toContain("@example.test");
    const found = await listUsersForAdmin(actorOf(admin), { query: "lovelace", page: 1 });
    expect(found.users.map((u) => u.id)).toEqual([ada.id]);
  });
});
