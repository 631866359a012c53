import "server-only";
import { forgetSessionsOf } from "@/server/auth/session-cache";
import type { Actor } from "@/server/authz/permissions";
import { assertSelf } from "@/server/authz/refusals";
import { db, type Tx } from "@/server/db";
import { wakeMailer } from "@/server/email/mailer";
import { queueEmail } from "@/server/email/outbox";
import { conflict, invalid } from "@/server/errors";
import { consumeLimit } from "@/server/rate-limit";
import { confirmationEmail } from "./account-email";
import { consumeToken, issueToken, peekToken } from "./tokens";

const LINK_USED_OR_OLD =
  "This confirmation link has been used or is out of date. Sign in and ask for a new one in your account settings.";

/**
 * Queues the confirmation link for a new or unconfirmed account, in the caller's transaction;
 * `returnTo` (a checked path) rides along in the link, so confirming leads back to where they registered.
 */
export async function queueConfirmation(
  tx: Tx,
  user: { id: string; email: string; displayName: string },
  returnTo?: string,
) {
  const token = await issueToken(tx, { userId: user.id, purpose: "CONFIRM_EMAIL", email: user.email });
  await queueEmail(
    tx,
    confirmationEmail({ userId: user.id, to: user.email, displayName: user.displayName }, token, returnTo),
  );
}

/** "Send the link again", for a signed-in account that has not confirmed its address. */
export async function resendConfirmation(actor: Actor): Promise<string> {
  const me = assertSelf(actor, "account.updateProfile");
  const user = await db.user.findUniqueOrThrow({
    where: { id: me.id },
    select: { id: true, email: true, displayName: true, emailConfirmedAt: true },
  });
  if (user.emailConfirmedAt) throw conflict("Your email address is already confirmed.");
  if (!user.email) throw invalid("Your account has no email address to confirm.");
  await consumeLimit("confirmationEmail", user.id);
  const email = user.email;
  await db.$transaction((tx) => queueConfirmation(tx, { ...user, email }));
  wakeMailer();
  return email;
}

/**
 * Confirms the address a link was sent to, if the account still has that address (an address
 * changed since is not confirmed by an old link). Returns the account's id.
 */
export async function confirmEmail(token: unknown): Promise<{ userId: string }> {
  const result = await db.$transaction(async (tx) => {
    const used = await consumeToken(tx, "CONFIRM_EMAIL", token);
    if (!used) throw invalid(LINK_USED_OR_OLD);
    const confirmed = await tx.user.updateMany({
      where: { id: used.userId, email: used.email, deletedAt: null },
      data: { emailConfirmedAt: new Date() },
    });
    if (confirmed.count === 0) throw invalid(LINK_USED_OR_OLD);
    return { userId: used.userId };
  });
  forgetSessionsOf(result.userId);
  return result;
}

/** The address a confirmation link would confirm, if it still works (nothing is used up). */
export async function confirmationLinkAddress(token: unknown): Promise<string | null> {
  return (await peekToken("CONFIRM_EMAIL", token))?.email ?? null;
}
