import "server-only";
import type { Tx } from "@/server/db";
import { queueEmail } from "@/server/email/outbox";
import { type SecurityChange, securityNotice } from "./account-email";

/**
 * Queues the notice of a change to how an account signs in, in the transaction that makes the
 * change (the caller wakes the mailer after it commits). Accounts without an address (deleted) hear nothing.
 */
export async function queueSecurityNotice(tx: Tx, userId: string, change: SecurityChange): Promise<void> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, displayName: true } });
  if (!user?.email) return;
  await queueEmail(tx, securityNotice({ userId, to: user.email, displayName: user.displayName }, change, new Date()));
}
