// Two-step sign-in against the real database: turning it on (pending secret, confirming code,
// recovery codes shown once and stored as hashes), signing in (never with the password alone; a
// code once; a recovery code once), the code limits, turning it off, REQUIRE_TWO_STEP_FOR for
// admins and owners, and what the data download and account deletion do with it.
import { beforeAll, describe, expect, it } from "vitest";
import { deleteAccount, deleteAccountWithPassword } from "@/composition/memberships";
import { authenticateWithPassword } from "@/features/accounts/mutations";
import { ZDeleteAccount, ZDeleteAccountWithPassword } from "@/features/accounts/schemas";
import { totpCode } from "@/features/accounts/two-step/codes";
import {
  confirmTwoStep,
  disableTwoStep,
  regenerateRecoveryCodes,
  startTwoStepSetup,
} from "@/features/accounts/two-step/mutations";
import { heldBackRoles, twoStepSettings } from "@/features/accounts/two-step/queries";
import { TWO_STEP_CODE_NEEDED } from "@/features/accounts/two-step/schemas";
import { verifySecondStep } from "@/features/accounts/two-step/verify";
import { readProfile } from "@/features/privacy/data-export/sections/account";
import { openSecret } from "@/server/auth/secret-box";
import { createAuthSession, resolveSession } from "@/server/auth/session-store";
import { authorize } from "@/server/authz/authorize";
import { TWO_STEP_REQUIRED_MESSAGE } from "@/server/authz/refusals";
import { db } from "@/server/db";
import { appError } from "./helpers/app-error";
import { actorOf, addMember, makeGroup, makeUser, type TestUser } from "./helpers/factories";
import { resetDatabase } from "./helpers/reset-db";

const PASSWORD = "correct horse battery staple";
let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter % 250}`;
const later = (seconds: number) => new Date(Date.now() + seconds * 1000);

/** The base32 secret the person would scan, read back as the server sealed it. */
async function pendingSecretOf(userId: string): Promise<string> {
  const row = await db.twoStepSignIn.findUniqueOrThrow({ where: { userId }, select: { pendingSecret: true } });
  const secret = openSecret(row.pendingSecret ?? "");
  if (!secret) throw new Error("no pending secret");
  return secret;
}

/** A member with two-step on: their secret and recovery codes. */
async function withTwoStep(user: TestUser) {
  await startTwoStepSetup(actorOf(user));
  const secret = await pendingSecretOf(user.id);
  const recoveryCodes = await confirmTwoStep(actorOf(user), { code: totpCode(secret, new Date()) });
  return { secret, recoveryCodes };
}

const signIn = (user: TestUser, code?: string, ip = freshIp()) =>
  authenticateWithPassword({ email: user.email, password: PASSWORD, code }, { ip });

beforeAll(resetDatabase);

describe("turning two-step sign-in on", () => {
  it("shows a pending secret as a QR code, and switches on only with a code from it", async () => {
    const ada = await makeUser({ password: PASSWORD });
    expect((await twoStepSettings(actorOf(ada))).status).toBe("off");

    await startTwoStepSetup(actorOf(ada));
    const settings = await twoStepSettings(actorOf(ada));
    expect(settings.status).toBe("setting-up");
    expect(settings.setup?.qrSvg).toMatch(/^<svg/);
    expect(settings.setup?.uri).toMatch(/^otpauth:\/\/totp\//);
    const secret = await pendingSecretOf(ada.id);
    expect(settings.setup?.secretText.replaceAll(" ", "")).toBe(secret);
    // Stored sealed, not as the base32 secret.
    const stored = await db.twoStepSignIn.findUniqueOrThrow({ where: { userId: ada.id } });
    expect(stored.pendingSecret).not.toContain(secret);

    // Until it is confirmed, signing in needs no code.
    await expect(signIn(ada)).resolves.toMatchObject({ id: ada.id });

    const wrong = await appError(
      confirmTwoStep(actorOf(ada), { code: "000000" === totpCode(secret, new Date()) ? "111111" : "000000" }),
    );
    expect(wrong.code).toBe("VALIDATION");
    expect(wrong.fieldErrors?.code).toMatch(/not the code your app shows/);
    expect((await twoStepSettings(actorOf(ada))).status).toBe("setting-up");

    const codes = await confirmTwoStep(actorOf(ada), { code: totpCode(secret, new Date()) });
    expect(codes).toHaveLength(10);
    const on = await twoStepSettings(actorOf(ada));
    expect(on).toMatchObject({ status: "on", recoveryCodesLeft: 10, setup: null });
    const hashes = await db.recoveryCode.findMany({ where: { userId: ada.id }, select: { codeHash: true } });
    expect(hashes.map((h) => h.codeHash).some((h) => codes.some((c) => h.includes(c.replaceAll("-", ""))))).toBe(false);
    expect(hashes.every((h) => /^[0-9a-f]{64}$/.test(h.codeHash))).toBe(true);

    // Once on, a second setup is refused rather than replacing the secret.
    expect((await appError(startTwoStepSetup(actorOf(ada)))).code).toBe("CONFLICT");
  });

  it("refuses to confirm what was never started", async () => {
    const bea = await makeUser({ password: PASSWORD });
    expect((await appError(confirmTwoStep(actorOf(bea), { code: "123456" }))).code).toBe("CONFLICT");
  });
});

describe("signing in with two-step on", () => {
  it("never gives a session for the password alone, and checks the password before asking for a code", async () => {
    const cal = await makeUser({ password: PASSWORD });
    const { secret } = await withTwoStep(cal);
    const needed = await appError(signIn(cal));
    expect(needed).toMatchObject({ code: "UNAUTHENTICATED", message: TWO_STEP_CODE_NEEDED });
    const wrongPassword = await appError(
      authenticateWithPassword(
        { email: cal.email, password: "not the password", code: totpCode(secret, later(30)) },
        { ip: freshIp() },
      ),
    );
    expect(wrongPassword.message).toBe("The email or password is incorrect.");
  });

  it("accepts a current code once and refuses it again (replay)", async () => {
    const dee = await makeUser({ password: PASSWORD });
    const { secret } = await withTwoStep(dee);
    // The confirming code used this step; the next step's code is within the window.
    const next = totpCode(secret, later(30));
    await expect(signIn(dee, next)).resolves.toMatchObject({ id: dee.id });
    const again = await appError(signIn(dee, next));
    expect(again.message).toMatch(/just used/);
    // The confirming code itself cannot sign in either.
    const wrong = await appError(signIn(dee, "12345x"));
    expect(wrong.message).toMatch(/6-digit code/);
  });

  it("takes two racing sign-ins with one code as one", async () => {
    const eve = await makeUser({ password: PASSWORD });
    const { secret } = await withTwoStep(eve);
    const code = totpCode(secret, later(30));
    const results = await Promise.allSettled([signIn(eve, code), signIn(eve, code), signIn(eve, code)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("accepts each recovery code once, however it is typed", async () => {
    const fay = await makeUser({ password: PASSWORD });
    const { recoveryCodes } = await withTwoStep(fay);
    await expect(signIn(fay, recoveryCodes[0].toUpperCase().replaceAll("-", " "))).resolves.toMatchObject({
      id: fay.id,
    });
    const used = await appError(signIn(fay, recoveryCodes[0]));
    expect(used.message).toMatch(/recovery code is not right, or it was already used/);
    expect((await twoStepSettings(actorOf(fay))).recoveryCodesLeft).toBe(9);
  });

  it("limits wrong codes per account: after five, even the right code waits", async () => {
    const gus = await makeUser({ password: PASSWORD });
    const { secret } = await withTwoStep(gus);
    const right = totpCode(secret, later(30));
    const wrongCode = right === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) expect((await appError(signIn(gus, wrongCode))).code).toBe("UNAUTHENTICATED");
    const limited = await appError(signIn(gus, right));
    expect(limited.code).toBe("RATE_LIMITED");
    expect(limited.message).toMatch(/Too many wrong codes for this account/);
  });

  it("limits code attempts per network, across accounts", async () => {
    const ip = "203.0.113.77";
    const users = await Promise.all(Array.from({ length: 7 }, () => makeUser({ password: PASSWORD })));
    for (const user of users) await withTwoStep(user);
    let attempts = 0;
    for (const user of users.slice(0, 6)) {
      for (let i = 0; i < 5; i++, attempts++) await appError(verifySecondStep(user.id, "000000", { ip }));
    }
    expect(attempts).toBe(30);
    const blocked = await appError(verifySecondStep(users[6].id, "000000", { ip }));
    expect(blocked.code).toBe("RATE_LIMITED");
    expect(blocked.message).toMatch(/from your network/);
  });
});

describe("turning it off and new recovery codes", () => {
  it("asks for the password or a current code, and forgets everything when off", async () => {
    const hal = await makeUser({ password: PASSWORD });
    const { secret, recoveryCodes } = await withTwoStep(hal);

    const wrong = await appError(regenerateRecoveryCodes(actorOf(hal), { passwordOrCode: "not my password" }));
    expect(wrong.fieldErrors?.passwordOrCode).toMatch(/neither your password nor a current code/);

    const fresh = await regenerateRecoveryCodes(actorOf(hal), { passwordOrCode: totpCode(secret, later(30)) });
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(recoveryCodes[1]);
    expect((await appError(signIn(hal, recoveryCodes[1]))).message).toMatch(/already used/);

    await disableTwoStep(actorOf(hal), { passwordOrCode: PASSWORD });
    expect(await db.twoStepSignIn.count({ where: { userId: hal.id } })).toBe(0);
    expect(await db.recoveryCode.count({ where: { userId: hal.id } })).toBe(0);
    await expect(signIn(hal)).resolves.toMatchObject({ id: hal.id });
    expect((await appError(disableTwoStep(actorOf(hal), { passwordOrCode: PASSWORD }))).code).toBe("CONFLICT");

    // Each change to how the account signs in told its owner, once, with what to do if it was not them.
    const notices = await db.outboxEmail.findMany({
      where: { userId: hal.id },
      orderBy: { createdAt: "asc" },
      select: { toAddress: true, category: true, subject: true, text: true },
    });
    expect(notices.map((n) => n.subject)).toEqual([
      "Two-step sign-in is now on for your Policy Commons account",
      "New recovery codes were made for your Policy Commons account",
      "Two-step sign-in was turned off for your Policy Commons account",
    ]);
    for (const n of notices) {
      expect(n).toMatchObject({ toAddress: hal.email, category: "ACCOUNT" });
      expect(n.text).toMatch(/If it was not, reset your password now \(http.*\/forgot-password\)/);
    }
  });
});

describe("REQUIRE_TWO_STEP_FOR", () => {
  it("holds back a site admin's powers until they turn two-step on", async () => {
    const admin = await makeUser({ password: PASSWORD, siteRole: "ADMIN" });
    const sid = await createAuthSession(admin.id, "test");
    const held = await resolveSession(sid, new Date(), ["admins"]);
    expect(held).toMatchObject({ siteRole: "MEMBER", awaitingTwoStep: ["admins"] });
    expect(await heldBackRoles(held)).toEqual(["admins"]);
    const refused = await appError(authorize(held, "user.suspend"));
    expect(refused).toMatchObject({ code: "FORBIDDEN", message: TWO_STEP_REQUIRED_MESSAGE.admins });
    // Without the variable nothing is held back.
    expect(await resolveSession(sid, new Date(), [])).toMatchObject({ siteRole: "ADMIN" });

    await withTwoStep(admin);
    const freed = await resolveSession(sid, new Date(), ["admins"]);
    expect(freed?.siteRole).toBe("ADMIN");
    await expect(authorize(freed, "user.suspend")).resolves.toBeTruthy();
  });

  it("holds back a group owner's running of the group, not their taking part", async () => {
    const owner = await makeUser({ password: PASSWORD });
    const group = await makeGroup(owner);
    await addMember(group, owner, "OWNER").catch(() => undefined);
    const sid = await createAuthSession(owner.id, "test");
    const held = await resolveSession(sid, new Date(), ["group-owners"]);
    expect(await heldBackRoles(held)).toEqual(["group-owners"]);
    const refused = await appError(authorize(held, "group.update", { groupId: group.id }));
    expect(refused).toMatchObject({ code: "FORBIDDEN", message: TWO_STEP_REQUIRED_MESSAGE["group-owners"] });
    await expect(authorize(held, "post.create", { groupId: group.id })).resolves.toBeTruthy();

    await withTwoStep(owner);
    const freed = await resolveSession(sid, new Date(), ["group-owners"]);
    await expect(authorize(freed, "group.update", { groupId: group.id })).resolves.toBeTruthy();
  });
});

describe("your data and deleting your account", () => {
  it("the data download says whether two-step is on, never the secret or the code hashes", async () => {
    const ivy = await makeUser({ password: PASSWORD });
    await withTwoStep(ivy);
    const profile = await readProfile(ivy.id);
    expect(profile.twoStepSignIn).toMatchObject({ recoveryCodesLeft: 10 });
    const text = JSON.stringify(profile);
    const stored = await db.twoStepSignIn.findUniqueOrThrow({ where: { userId: ivy.id } });
    const hashes = await db.recoveryCode.findMany({ where: { userId: ivy.id } });
    expect(text).not.toContain(String(stored.secret));
    for (const h of hashes) expect(text).not.toContain(h.codeHash);
  });

  it("deleting without signing in needs the code too; deleting erases the secret and codes", async () => {
    const jo = await makeUser({ password: PASSWORD });
    const { secret } = await withTwoStep(jo);
    const form = { email: jo.email, password: PASSWORD, posts: "keep", understood: "on" };
    const refused = await appError(
      deleteAccountWithPassword(ZDeleteAccountWithPassword.parse(form), { ip: freshIp() }),
    );
    expect(refused.fieldErrors?.code).toMatch(/6-digit code/);
    expect(await db.user.count({ where: { id: jo.id, deletedAt: null } })).toBe(1);

    await deleteAccountWithPassword(ZDeleteAccountWithPassword.parse({ ...form, code: totpCode(secret, later(30)) }), {
      ip: freshIp(),
    });
    expect(await db.twoStepSignIn.count({ where: { userId: jo.id } })).toBe(0);
    expect(await db.recoveryCode.count({ where: { userId: jo.id } })).toBe(0);

    const kit = await makeUser({ password: PASSWORD });
    await withTwoStep(kit);
    await deleteAccount(actorOf(kit), ZDeleteAccount.parse({ understood: "on", posts: "keep", password: PASSWORD }));
    expect(await db.twoStepSignIn.count({ where: { userId: kit.id } })).toBe(0);
    expect(await db.recoveryCode.count({ where: { userId: kit.id } })).toBe(0);
  });
});

describe("the sign-in form's code field, fed the hostile corpus", () => {
  it("answers every hostile code with a clear refusal and starts no session", async () => {
    const { authOptions } = await import("@/composition/auth");
    const { BAD_UNICODE, INJECTION, ONE_MB, GENERIC_FAILURE, justOver } = await import("./helpers/hostile-corpus");
    const provider = authOptions.providers.find((p) => p.id === "credentials") as unknown as {
      options: {
        authorize(credentials: Record<string, unknown>, req: { headers: Record<string, string> }): Promise<unknown>;
      };
    };
    const lee = await makeUser({ password: PASSWORD });
    await withTwoStep(lee);
    const hostile: unknown[] = [
      "",
      " ",
      justOver(40),
      ONE_MB,
      ...Object.values(BAD_UNICODE),
      ...Object.values(INJECTION),
      ["123456", "654321"],
      { code: "123456" },
      "１２３４５６",
    ];
    const sessionsBefore = await db.authSession.count({ where: { userId: lee.id } });
    for (const [i, code] of hostile.entries()) {
      // Spread over addresses so that the per-network limit is not what answers.
      const headers = { "x-forwarded-for": `192.0.2.${i + 1}`, "user-agent": "hostile" };
      await db.$executeRawUnsafe(`DELETE FROM rate_limits`);
      const outcome = await provider.options
        .authorize({ email: lee.email, password: PASSWORD, code }, { headers })
        .then(
          () => "signed in",
          (error: Error) => error.message,
        );
      expect(outcome, `code #${i}`).not.toBe("signed in");
      expect(outcome, `code #${i}`).not.toMatch(GENERIC_FAILURE);
      expect(outcome.length, `code #${i}`).toBeGreaterThan(10);
    }
    expect(await db.authSession.count({ where: { userId: lee.id } })).toBe(sessionsBefore);
  });
});
