import "server-only";
import { recordModerationAction } from "@/features/moderation/log";
import { dummyPasswordHash, hashPassword, verifyPassword } from "@/server/auth/password";
import { forgetSessionsOf } from "@/server/auth/session-cache";
import { authorize } from "@/server/authz/authorize";
import type { Actor } from "@/server/authz/permissions";
import { assertSelf } from "@/server/authz/refusals";
import { db } from "@/server/db";
import { wakeMailer } from "@/server/email/mailer";
import { AppError, conflict, forbidden, invalid, isUniqueViolation, notFound } from "@/server/errors";
import { consumeLimit, refundLimit, resetLimit } from "@/server/rate-limit";
import { queueConfirmation } from "./email-confirmation";
import { takenRegistrationFields } from "./queries";
import type { RegisterInput, UpdateProfileInput } from "./schemas";
import { queueSecurityNotice } from "./security-notice";
import { TWO_STEP_CODE_NEEDED } from "./two-step/schemas";
import { verifySecondStep } from "./two-step/verify";

async function assertEmailAndHandleFree(input: { email: string; handle: string }) {
  const fieldErrors = await takenRegistrationFields(input);
  if (Object.keys(fieldErrors).length) throw conflict("Some details are already in use.", fieldErrors);
}

/** Creates the account and its profile together, or nothing at all. */
export async function registerUser(input: RegisterInput, context: { ip: string }) {
  await consumeLimit("registerIp", context.ip);
  await consumeLimit("registerAccount", input.email);

  await assertEmailAndHandleFree(input);

  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: {
          email: input.email,
          passwordHash,
          handle: input.handle,
          displayName: input.displayName,
          profile: {
            create: {
              perspective: input.perspective,
              sector: input.sector,
              fieldDetail: input.fieldDetail,
              organisationName: input.organisationName ?? null,
            },
          },
        },
        select: { id: true, handle: true, displayName: true },
      });
      // The account and its confirmation link exist together, or neither does.
      await queueConfirmation(
        tx,
        { id: created.id, email: input.email, displayName: created.displayName },
        input.callbackUrl,
      );
      return created;
    });
    wakeMailer();
    return user;
  } catch (error) {
    // Someone took the email or username between our check and the insert: say which.
    if (!isUniqueViolation(error)) throw error;
    await assertEmailAndHandleFree(input);
    throw conflict("Some details are already in use.", { email: "This email or username was just taken." });
  }
}

const WRONG_CREDENTIALS = "The email or password is incorrect.";

/**
 * Checks an email and password with the sign-in limits (per account and per IP) and returns the
 * account, suspended or not. Deleted accounts have neither, and never match.
 *
 * The per-account attempt is reserved (counted) before the password is checked, in one atomic
 * statement, and given back only when the password is right. Checking the limit first and counting
 * the failure afterwards let simultaneous guesses all pass the check before any was counted: 40 at
 * once got 7 passwords checked against a limit of 5. Now at most 5 wrong passwords per window are
 * ever checked, however many arrive together.
 */
export async function verifyCredentials(input: { email: string; password: string }, context: { ip: string }) {
  await consumeLimit("signInIp", context.ip);
  await consumeLimit("signInAccount", input.email);

  const user = await db.user.findUnique({
    where: { email: input.email },
    select: {
      id: true,
      handle: true,
      displayName: true,
      passwordHash: true,
      suspendedUntil: true,
      suspensionReason: true,
      deletedAt: true,
    },
  });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok || user.deletedAt) throw new AppError("UNAUTHENTICATED", WRONG_CREDENTIALS);
  // Only failures count against the account.
  await refundLimit("signInAccount", input.email);
  return {
    id: user.id,
    handle: user.handle,
    displayName: user.displayName,
    suspendedUntil: user.suspendedUntil,
    suspensionReason: user.suspensionReason,
  };
}

/**
 * Checks a password sign-in, with limits per account and per IP. A suspended account signs in too:
 * suspension makes it read-only (see permissions.ts), and it must still reach its data and its
 * notifications, and be able to delete itself.
 *
 * With two-step sign-in on, the password alone is never enough: without a code the answer is
 * TWO_STEP_CODE_NEEDED (the form then asks for one and sends the password again with it), and
 * with one, the code must be current and unused, or an unused recovery code (used up here).
 */
export async function authenticateWithPassword(
  input: { email: string; password: string; code?: string },
  context: { ip: string },
) {
  const user = await verifyCredentials(input, context);
  const twoStep = await db.twoStepSignIn.findUnique({ where: { userId: user.id }, select: { enabledAt: true } });
  if (twoStep?.enabledAt) {
    if (!input.code) throw new AppError("UNAUTHENTICATED", TWO_STEP_CODE_NEEDED);
    await verifySecondStep(user.id, input.code, context);
  }
  await resetLimit("signInAccount", input.email);
  return { id: user.id, handle: user.handle, displayName: user.displayName };
}

export async function updateProfile(actor: Actor, input: UpdateProfileInput) {
  const me = assertSelf(actor, "account.updateProfile");
  const profile = {
    perspective: input.perspective,
    sector: input.sector,
    fieldDetail: input.fieldDetail,
    organisationName: input.organisationName ?? null,
    bio: input.bio,
    hideOrganisation: input.hideOrganisation,
    hideSector: input.hideSector,
    hideGroups: input.hideGroups,
  };
  await db.user.update({
    where: { id: me.id },
    data: { displayName: input.displayName, profile: { upsert: { create: profile, update: profile } } },
    select: { id: true },
  });
  forgetSessionsOf(me.id);
}

/** Changes the password and ends every other session of the account. */
export async function changePassword(
  actor: Actor,
  currentSessionId: string,
  input: { currentPassword: string; newPassword: string },
) {
  const me = assertSelf(actor, "account.changePassword");
  const user = await db.user.findUnique({ where: { id: me.id }, select: { passwordHash: true } });
  // Wrong current passwords are counted (given back when right), so a borrowed session cannot guess.
  await consumeLimit("accountProof", me.id);
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw invalid("Your current password is not right.", { currentPassword: "This is not your current password." });
  }
  await refundLimit("accountProof", me.id);
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: me.id }, data: { passwordHash }, select: { id: true } });
    await tx.authSession.updateMany({
      where: { userId: me.id, id: { not: currentSessionId }, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    await queueSecurityNotice(tx, me.id, "PASSWORD_CHANGED");
  });
  forgetSessionsOf(me.id);
  wakeMailer();
}

/** Ends one of the actor's own sessions. */
export async function revokeOwnSession(actor: Actor, sessionId: string) {
  const me = assertSelf(actor, "account.endSessions");
  const result = await db.authSession.updateMany({
    where: { id: sessionId, userId: me.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (result.count === 0) throw notFound("That session");
  forgetSessionsOf(me.id);
}

/** Ends every session of the actor, this one included. */
export async function signOutEverywhere(actor: Actor) {
  const me = assertSelf(actor, "account.endSessions");
  await db.user.update({ where: { id: me.id }, data: { sessionsValidFrom: new Date() }, select: { id: true } });
  forgetSessionsOf(me.id);
}

/** Site-wide suspension by an admin: ends the person's sessions and blocks sign-in until it lapses. */
export async function suspendUser(actor: Actor, input: { userId: string; days: number; reason: string }) {
  const { me: admin } = await authorize(actor, "user.suspend");
  if (admin.id === input.userId) throw invalid("You cannot suspend your own account.");
  const until = new Date(Date.now() + input.days * 24 * 60 * 60 * 1000);
  await db.$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, siteRole: true } });
    if (!target) throw notFound("That member");
    if (target.siteRole === "ADMIN") throw forbidden("Admins cannot be suspended; remove the admin role first.");
    await tx.user.update({
      where: { id: target.id },
      data: { suspendedUntil: until, suspensionReason: input.reason, sessionsValidFrom: new Date() },
      select: { id: true },
    });
    await recordModerationAction(tx, {
      groupId: null,
      actorId: admin.id,
      kind: "SUSPEND_USER",
      reason: input.reason,
      subjectId: target.id,
      details: { until: until.toISOString() },
    });
  });
  forgetSessionsOf(input.userId);
  return until;
}

export async function unsuspendUser(actor: Actor, input: { userId: string }) {
  const { me: admin } = await authorize(actor, "user.suspend");
  await db.$transaction(async (tx) => {
    const result = await tx.user.updateMany({
      where: { id: input.userId, suspendedUntil: { not: null } },
      data: { suspendedUntil: null, suspensionReason: null },
    });
    if (result.count === 0) throw notFound("A suspension for that member");
    await recordModerationAction(tx, {
      groupId: null,
      actorId: admin.id,
      kind: "UNSUSPEND_USER",
      subjectId: input.userId,
    });
  });
  forgetSessionsOf(input.userId);
}
