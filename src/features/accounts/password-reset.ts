import "server-only";
import { hashPassword } from "@/server/auth/password";
import { forgetSessionsOf } from "@/server/auth/session-cache";
import { db } from "@/server/db";
import { wakeMailer } from "@/server/email/mailer";
import { queueEmail } from "@/server/email/outbox";
import { invalid } from "@/server/errors";
import { consumeLimit, resetLimit } from "@/server/rate-limit";
import { passwordResetEmail } from "./account-email";
import { consumeToken, issueToken, peekToken } from "./tokens";

/** The same answer whether or not the address has an account: the page must not tell which addresses do. */
export const RESET_REQUESTED_MESSAGE =
  "If an account uses that address, we have emailed it a link to choose a new password. The link works for one hour. Check your spam folder if it does not arrive in a few minutes.";

const LINK_USED_OR_OLD =
  "This reset link has been used or is out of date (links work once, for one hour). Ask for a new one.";

/**
 * "Forgot password": emails a single-use link when an account uses the address. Limited per
 * address and per network whether or not the address has an account, and answers the same either way.
 */
export async function requestPasswordReset(email: string, context: { ip: string }): Promise<void> {
  await limitPasswordResets(email, context);
  await sendPasswordResetLink(email);
}

/** The limits alone: what the form waits for. The rest happens after the answer (see sendPasswordResetLink). */
export async function limitPasswordResets(email: string, context: { ip: string }): Promise<void> {
  await consumeLimit("passwordResetIp", context.ip);
  await consumeLimit("passwordResetAccount", email);
}

/**
 * Emails the link if an account uses the address. The form runs this after it has answered, so
 * the answer takes as long whether or not the address has an account.
 */
export async function sendPasswordResetLink(email: string): Promise<void> {
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, displayName: true, deletedAt: true },
  });
  if (!user || user.deletedAt) return;
  await db.$transaction(async (tx) => {
    const token = await issueToken(tx, { userId: user.id, purpose: "RESET_PASSWORD", email });
    await queueEmail(tx, passwordResetEmail({ userId: user.id, to: email, displayName: user.displayName }, token));
  });
  wakeMailer();
}

/** Whether a reset link still works, to show its form (or say at once that it does not). */
export async function resetLinkWorks(token: unknown): Promise<boolean> {
  return !!(await peekToken("RESET_PASSWORD", token));
}

/**
 * Sets a new password through a reset link: the link is used up, every session of the account ends,
 * and the address counts as confirmed (the link reached it). All in one transaction.
 */
export async function resetPassword(token: unknown, newPassword: string): Promise<{ email: string }> {
  // Hashing is deliberately slow: not for links that cannot work.
  if (!(await resetLinkWorks(token))) throw invalid(LINK_USED_OR_OLD);
  const passwordHash = await hashPassword(newPassword);
  const now = new Date();
  const result = await db.$transaction(async (tx) => {
    const used = await consumeToken(tx, "RESET_PASSWORD", token, now);
    if (!used) throw invalid(LINK_USED_OR_OLD);
    const user = await tx.user.findUniqueOrThrow({
      where: { id: used.userId },
      select: { email: true, emailConfirmedAt: true },
    });
    // A reset sent to an address the account no longer has must not set its password.
    if (user.email !== used.email) throw invalid(LINK_USED_OR_OLD);
    await tx.user.update({
      where: { id: used.userId },
      data: { passwordHash, sessionsValidFrom: now, emailConfirmedAt: user.emailConfirmedAt ?? now },
      select: { id: true },
    });
    await tx.authSession.updateMany({ where: { userId: used.userId, revokedAt: null }, data: { revokedAt: now } });
    // Any other reset link sent before this one stops working too.
    await tx.accountToken.updateMany({
      where: { userId: used.userId, purpose: "RESET_PASSWORD", usedAt: null },
      data: { usedAt: now },
    });
    return { email: used.email, userId: used.userId };
  });
  forgetSessionsOf(result.userId);
  // Failed sign-ins before the reset no longer stand between the owner and their account.
  await resetLimit("signInAccount", result.email);
  return { email: result.email };
}
