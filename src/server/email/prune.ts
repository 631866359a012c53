import "server-only";
import { db } from "../db";

/** Settled mail is kept 30 days (what was sent, for a member's question), single-use links a day past their end. */
export async function pruneOutbox(now = new Date()) {
  const monthAgo = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000);
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  const [mail, tokens] = await db.$transaction([
    db.outboxEmail.deleteMany({
      where: { status: { in: ["SENT", "SKIPPED", "FAILED"] }, createdAt: { lt: monthAgo } },
    }),
    db.accountToken.deleteMany({ where: { OR: [{ expiresAt: { lt: dayAgo } }, { usedAt: { lt: dayAgo } }] } }),
  ]);
  return { mail: mail.count, tokens: tokens.count };
}
