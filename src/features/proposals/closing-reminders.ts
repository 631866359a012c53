import "server-only";
import { notifyAudience } from "@/features/notifications/mutations";
import { followersWhoMayVote } from "@/features/papers/follow-audience";
import { Prisma } from "@/generated/prisma/client";
import { formatDateTime } from "@/lib/dates";
import { proposalPath } from "@/lib/paths";
import { db } from "@/server/db";
import { lockProposal } from "./mutations";

const HOUR_MS = 3_600_000;
/** Reminded this long before voting closes. */
export const CLOSING_REMINDER_BEFORE_MS = 24 * HOUR_MS;
/** Not before a proposal has been open this long, so a short vote is not "reminded" as it opens. */
const OPEN_AT_LEAST_MS = 12 * HOUR_MS;
/** Proposals handled per run; the next run takes the rest. */
const BATCH = 200;

/**
 * One proposal's reminder, claimed and sent in one transaction: the claim (a row per proposal) and
 * the notifications stand or fall together, so each follower is reminded once, or not at all.
 */
async function remind(proposalId: string, now: Date): Promise<number | null> {
  return db.$transaction(async (tx) => {
    // The proposal lock: no vote is half-counted while we ask who has not voted.
    const proposal = await lockProposal(tx, proposalId);
    if (proposal.status !== "OPEN" || proposal.closesAt <= now) return null;
    const claimed = await tx.$queryRaw<{ proposalId: string }[]>`
      INSERT INTO "ProposalNotice" ("proposalId", "closingRemindedAt") VALUES (${proposalId}::uuid, ${now})
      ON CONFLICT ("proposalId") DO UPDATE SET "closingRemindedAt" = EXCLUDED."closingRemindedAt"
        WHERE "ProposalNotice"."closingRemindedAt" IS NULL
      RETURNING "proposalId"`;
    if (claimed.length === 0) return null;
    const paper = await tx.paper.findUniqueOrThrow({ where: { id: proposal.paperId }, select: { title: true } });
    const notVoted = Prisma.sql`
      SELECT f."userId" FROM (${followersWhoMayVote(proposal.paperId, now)}) f
      WHERE NOT EXISTS (
        SELECT 1 FROM "Vote" v
        WHERE v."proposalId" = ${proposalId}::uuid AND v."userId" = f."userId" AND v."proposalVersion" = ${proposal.version}
      )`;
    return notifyAudience(tx, notVoted, {
      kind: "PROPOSAL_CLOSING",
      text: `Voting on proposal #${proposal.number} on “${paper.title}” closes within a day (${formatDateTime(proposal.closesAt)}), and you have not voted.`,
      url: proposalPath(proposalId),
    });
  });
}

/**
 * Every ten minutes: a day before a proposal's voting closes, reminds the paper's followers who
 * may vote and have not, once per proposal (ProposalNotice.closingRemindedAt records it). Safe to
 * run in several processes at once: the claim is taken once.
 */
export async function sendClosingReminders(now = new Date()) {
  const soon = new Date(now.getTime() + CLOSING_REMINDER_BEFORE_MS);
  const openedBefore = new Date(now.getTime() - OPEN_AT_LEAST_MS);
  const due = await db.$queryRaw<{ id: string }[]>`
    SELECT p.id FROM "Proposal" p
    LEFT JOIN "ProposalNotice" pn ON pn."proposalId" = p.id
    WHERE p.status = 'OPEN' AND p."closesAt" > ${now} AND p."closesAt" <= ${soon}
      AND p."createdAt" <= ${openedBefore} AND pn."closingRemindedAt" IS NULL
    ORDER BY p."closesAt" LIMIT ${BATCH}`;
  let reminded = 0;
  for (const { id } of due) reminded += (await remind(id, now)) ?? 0;
  return { considered: due.length, reminded };
}
