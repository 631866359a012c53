import "server-only";
import { verifyPassword } from "@/server/auth/password";
import { forgetSessionsOf } from "@/server/auth/session-cache";
import type { Actor } from "@/server/authz/permissions";
import { assertSelf } from "@/server/authz/refusals";
import { db } from "@/server/db";
import { wakeMailer } from "@/server/email/mailer";
import { queueEmail, queueEmails } from "@/server/email/outbox";
import { conflict, invalid, isUniqueViolation } from "@/server/errors";
import { consumeLimit, refundLimit } from "@/server/rate-limit";
import {
  addressInUseNotice,
  emailChangeConfirmation,
  emailChangedNotice,
  emailChangeRequestedNotice,
} from "./account-email";
import { consumeToken, issueToken, peekToken } from "./tokens";

const LINK_USED_OR_OLD =
  "This link has been used or is out of date (links work for 24 hours). Your account keeps its address; you can ask again in your account settings.";

/**
 * Asks to move the account to a new address: a link goes to the new address and a notice to the
 * old one; nothing changes until the link is followed. Accounts with a password confirm with it.
 * If the new address already has an account, that address is told and the asker is not, so this
 * form cannot be used to find out who has an account.
 */
export async function requestEmailChange(actor: Actor, input: { newEmail: string; currentPassword?: string }) {
  const me = assertSelf(actor, "account.updateProfile");
  const user = await db.user.findUniqueOrThrow({
    where: { id: me.id },
    select: { id: true, email: true, displayName: true, passwordHash: true },
  });
  if (user.passwordHash) {
    // Counted before it is checked and given back when right, as at sign-in: a borrowed session
    // cannot guess the password and then move the account to an address of its own.
    await consumeLimit("accountProof", user.id);
    if (!(await verifyPassword(user.passwordHash, input.currentPassword ?? "")))
      throw invalid("Your current password is not right.", { currentPassword: "This is not your current password." });
    await refundLimit("accountProof", user.id);
  }
  if (user.email === input.newEmail)
    throw invalid("That is already your address.", { newEmail: "That is already your address." });
  await consumeLimit("emailChange", user.id);
  const taken = await db.user.findUnique({ where: { email: input.newEmail }, select: { id: true } });
  const now = new Date();
  const recipient = { userId: user.id, displayName: user.displayName };
  // The current address hears of the request either way, so its inbox says nothing of whether the
  // new one has an account.
  const notice = user.email ? [emailChangeRequestedNotice({ ...recipient, to: user.email }, input.newEmail, now)] : [];
  await db.$transaction(async (tx) => {
    if (taken) {
      await queueEmails(tx, [addressInUseNotice(input.newEmail), ...notice]);
      return;
    }
    const token = await issueToken(tx, { userId: user.id, purpose: "CHANGE_EMAIL", email: input.newEmail });
    await queueEmails(tx, [emailChangeConfirmation({ ...recipient, to: input.newEmail }, token), ...notice]);
  });
  wakeMailer();
}

/** Follows the link sent to the new address: the account moves to it, confirmed, and the old address is told. */
export async function confirmEmailChange(token: unknown): Promise<{ email: string; userId: string }> {
  try {
    const result = await db.$transaction(async (tx) => {
      const used = await consumeToken(tx, "CHANGE_EMAIL", token);
      if (!used) throw invalid(LINK_USED_OR_OLD);
      const before = await tx.user.findUniqueOrThrow({
        where: { id: used.userId },
        select: { email: true, displayName: true },
      });
      await tx.user.update({
        where: { id: used.userId },
        data: { email: used.email, emailConfirmedAt: new Date() },
        select: { id: true },
      });
      // Links sent to the old address (confirmation, reset) must not act on the new one.
      await tx.accountToken.updateMany({
        where: { userId: used.userId, usedAt: null, email: { not: used.email } },
        data: { usedAt: new Date() },
      });
      if (before.email)
        await queueEmail(
          tx,
          emailChangedNotice({ userId: used.userId, to: before.email, displayName: before.displayName }, used.email),
        );
      return { email: used.email, userId: used.userId };
    });
    forgetSessionsOf(result.userId);
    wakeMailer();
    return result;
  } catch (error) {
    // Someone else took the address between the request and the click.
    if (isUniqueViolation(error))
      throw conflict("That address now belongs to another account, so your address stays as it was.");
    throw error;
  }
}

/** The new address an email-change link would move the account to, if it still works. */
export async function emailChangeLinkAddress(token: unknown): Promise<string | null> {
  return (await peekToken("CHANGE_EMAIL", token))?.email ?? null;
}
