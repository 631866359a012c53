import "server-only";
import { openSecret, sealSecret } from "@/server/auth/secret-box";
import { forgetSessionsOf } from "@/server/auth/session-cache";
import type { Actor } from "@/server/authz/permissions";
import { assertSelf } from "@/server/authz/refusals";
import { db, type Tx } from "@/server/db";
import { wakeMailer } from "@/server/email/mailer";
import { conflict, invalid } from "@/server/errors";
import { consumeLimit, refundLimit } from "@/server/rate-limit";
import { queueSecurityNotice } from "../security-notice";
import { hashRecoveryCode, matchTotp, newRecoveryCodes, newTotpSecret, normaliseRecoveryCode } from "./codes";
import { verifyProof } from "./verify";

// Turning two-step sign-in on (a pending secret, then a code to confirm it), off, and making new
// recovery codes. The codes are returned once, to be shown once; only their hashes are stored.

const ALREADY_ON = "Two-step sign-in is already on for your account.";
const NOT_ON = "Two-step sign-in is not on for your account.";

/** Replaces the account's recovery codes with ten new ones, returned in plain text this once. */
async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(normaliseRecoveryCode(code)) })),
  });
  return codes;
}

/** The account's two-step row, locked for the rest of the transaction (one change at a time). */
async function lockTwoStep(tx: Tx, userId: string) {
  const rows = await tx.$queryRaw<{ secret: string | null; pendingSecret: string | null; enabledAt: Date | null }[]>`
    SELECT secret, "pendingSecret", "enabledAt" FROM "TwoStepSignIn" WHERE "userId" = ${userId}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}

/** Makes a new secret to show as a QR code; it counts only once a code from it is confirmed. */
export async function startTwoStepSetup(actor: Actor) {
  const me = assertSelf(actor, "account.twoStep");
  const pendingSecret = sealSecret(newTotpSecret());
  await db.$transaction(async (tx) => {
    const row = await lockTwoStep(tx, me.id);
    if (row?.enabledAt) throw conflict(ALREADY_ON);
    await tx.twoStepSignIn.upsert({
      where: { userId: me.id },
      create: { userId: me.id, pendingSecret, pendingSince: new Date() },
      update: { pendingSecret, pendingSince: new Date() },
      select: { userId: true },
    });
  });
}

/** Forgets a setup that was started but not confirmed. */
export async function cancelTwoStepSetup(actor: Actor) {
  const me = assertSelf(actor, "account.twoStep");
  await db.twoStepSignIn.deleteMany({ where: { userId: me.id, enabledAt: null } });
}

/**
 * Switches two-step on when the code comes from the pending secret, and returns the ten recovery
 * codes to show once. A wrong code counts against the account's code limit.
 */
export async function confirmTwoStep(actor: Actor, input: { code: string }): Promise<string[]> {
  const me = assertSelf(actor, "account.twoStep");
  await consumeLimit("twoStepAccount", me.id);
  const codes = await db.$transaction(async (tx) => {
    const row = await lockTwoStep(tx, me.id);
    if (row?.enabledAt) throw conflict(ALREADY_ON);
    const secret = row?.pendingSecret ? openSecret(row.pendingSecret) : null;
    if (!row?.pendingSecret || !secret) throw conflict("Start setting up two-step sign-in first.");
    const step = matchTotp(secret, input.code, new Date());
    if (step === null) {
      throw invalid("That code did not match.", {
        code: "This is not the code your app shows now. Check that you scanned the code on this page, then try the newest code.",
      });
    }
    await tx.twoStepSignIn.update({
      where: { userId: me.id },
      data: {
        secret: row.pendingSecret,
        pendingSecret: null,
        pendingSince: null,
        enabledAt: new Date(),
        lastUsedStep: step,
      },
      select: { userId: true },
    });
    await queueSecurityNotice(tx, me.id, "TWO_STEP_ON");
    return replaceRecoveryCodes(tx, me.id);
  });
  forgetSessionsOf(me.id);
  wakeMailer();
  await refundLimit("twoStepAccount", me.id);
  return codes;
}

/** The account's password hash and confirmed secret, for verifyProof; refuses when two-step is off. */
async function proofFacts(userId: string) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { passwordHash: true, twoStep: { select: { secret: true, enabledAt: true } } },
  });
  if (!user.twoStep?.enabledAt) throw conflict(NOT_ON);
  return { id: userId, passwordHash: user.passwordHash, secret: user.twoStep.secret };
}

/** Turns two-step off and forgets the secret and every recovery code, after the password or a current code. */
export async function disableTwoStep(actor: Actor, input: { passwordOrCode: string }) {
  const me = assertSelf(actor, "account.twoStep");
  await verifyProof(await proofFacts(me.id), input.passwordOrCode);
  await db.$transaction(async (tx) => {
    await tx.recoveryCode.deleteMany({ where: { userId: me.id } });
    const removed = await tx.twoStepSignIn.deleteMany({ where: { userId: me.id } });
    // Two people turning it off at once: one notice.
    if (removed.count > 0) await queueSecurityNotice(tx, me.id, "TWO_STEP_OFF");
  });
  forgetSessionsOf(me.id);
  wakeMailer();
}

/** Ten new recovery codes in place of the old ones (used or not), after the password or a current code. */
export async function regenerateRecoveryCodes(actor: Actor, input: { passwordOrCode: string }): Promise<string[]> {
  const me = assertSelf(actor, "account.twoStep");
  await verifyProof(await proofFacts(me.id), input.passwordOrCode);
  const codes = await db.$transaction(async (tx) => {
    const row = await lockTwoStep(tx, me.id);
    if (!row?.enabledAt) throw conflict(NOT_ON);
    await queueSecurityNotice(tx, me.id, "RECOVERY_CODES_REPLACED");
    return replaceRecoveryCodes(tx, me.id);
  });
  wakeMailer();
  return codes;
}
