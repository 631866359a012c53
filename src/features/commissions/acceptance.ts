import "server-only";
import { recordModerationAction } from "@/features/moderation/log";
import { type NewNotification, notify } from "@/features/notifications/mutations";
import { loadPaperAccess } from "@/features/papers/access";
import { membersWhoMayVote } from "@/features/papers/follow-audience";
import { lockPaper } from "@/features/papers/persist-change";
import { notifyProposalOpened } from "@/features/proposals/notify-opened";
import { paperPath, proposalPath } from "@/lib/paths";
import type { Actor } from "@/server/authz/permissions";
import { assertInGroup } from "@/server/authz/refusals";
import { db, QUEUED_TRANSACTION, type Tx } from "@/server/db";
import { conflict, unauthenticated } from "@/server/errors";
import { renderForWrite } from "@/server/markdown/rendered";
import { consumeLimit } from "@/server/rate-limit";
import { organisationAdminIds } from "./access";
import type { DeclineCommissionInput, ProposeAcceptanceInput } from "./schemas";

const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000);

function assertAwaiting(status: string) {
  if (status === "AWAITING_ACCEPTANCE") return;
  throw conflict(
    status === "DECLINED"
      ? "The group's owners declined this commission."
      : "The group has already taken this commission on.",
  );
}

/**
 * Any member opens the group's vote on taking a commissioned paper on. One vote at a time: a
 * second proposal while one is open would split the group's answer.
 */
export async function proposeAcceptance(actor: Actor, input: ProposeAcceptanceInput) {
  if (!actor) throw unauthenticated();
  const { paper, membership } = await loadPaperAccess(db, actor, input.paperId);
  assertInGroup(actor, "proposal.create", membership);
  assertAwaiting(paper.status);
  await consumeLimit("proposal", actor.id);
  const rendered = await renderForWrite({ rationale: input.rationale }, { by: actor.id });
  const created = await db.$transaction(async (tx) => {
    await lockPaper(tx, paper.id);
    const now = await tx.paper.findUniqueOrThrow({
      where: { id: paper.id },
      select: {
        status: true,
        revisionNumber: true,
        proposalCount: true,
        votingPeriodHours: true,
        quorum: true,
        thresholdPercent: true,
        requireBothPerspectives: true,
      },
    });
    assertAwaiting(now.status);
    const open = await tx.proposal.findFirst({
      where: { paperId: paper.id, kind: "ACCEPT_COMMISSION", status: "OPEN" },
      select: { number: true },
    });
    if (open) throw conflict(`The group is already voting on taking this on (proposal #${open.number}).`);
    const number = now.proposalCount + 1;
    await tx.paper.update({ where: { id: paper.id }, data: { proposalCount: number }, select: { id: true } });
    const proposal = await tx.proposal.create({
      data: {
        paperId: paper.id,
        number,
        kind: "ACCEPT_COMMISSION",
        authorId: actor.id,
        rationale: input.rationale,
        baseRevisionNumber: now.revisionNumber,
        quorum: now.quorum,
        thresholdPercent: now.thresholdPercent,
        requireBothPerspectives: now.requireBothPerspectives,
        closesAt: hoursFromNow(now.votingPeriodHours),
      },
      select: { id: true, number: true, closesAt: true, kind: true },
    });
    // Taking a commission on is the whole group's decision: every member who may vote hears it opened.
    const proposer = await tx.user.findUniqueOrThrow({
      where: { id: actor.id },
      select: { id: true, displayName: true },
    });
    const at = new Date();
    await notifyProposalOpened(tx, proposal, paper, proposer, { now: at, audience: membersWhoMayVote(paper.id, at) });
    return { id: proposal.id, number: proposal.number };
  }, QUEUED_TRANSACTION);
  await rendered.save();
  return created;
}

async function postingOf(tx: Tx, paperId: string) {
  return tx.commissionPosting.findUniqueOrThrow({
    where: { paperId },
    select: {
      commissionId: true,
      groupId: true,
      group: { select: { name: true, slug: true } },
      paper: { select: { slug: true, title: true } },
      commission: { select: { organisationId: true } },
    },
  });
}

async function tellOrganisation(tx: Tx, paperId: string, text: (group: string, title: string) => string) {
  const posting = await postingOf(tx, paperId);
  const admins = await organisationAdminIds(tx, posting.commission.organisationId);
  const url = paperPath(posting.group.slug, posting.paper.slug);
  await notify(
    tx,
    admins.map(
      (userId): NewNotification => ({
        userId,
        kind: "COMMISSION_DECIDED",
        text: text(posting.group.name, posting.paper.title),
        url,
      }),
    ),
  );
  return posting;
}

/**
 * The outcome handler for a passed ACCEPT_COMMISSION vote, called by
 * features/proposals/close-proposal.ts under the proposal lock (wired in src/composition/decisions.ts): the
 * paper opens for drafting and the posting is accepted. Declining withdraws open acceptance
 * votes under the same locks, so a vote that reaches here still finds the paper waiting.
 */
export async function acceptCommission(
  tx: Tx,
  proposal: { id: string; paperId: string },
  closedAt: Date,
): Promise<{ outcome: "ACCEPTED" | "NEEDS_UPDATE" }> {
  await lockPaper(tx, proposal.paperId);
  const paper = await tx.paper.findUniqueOrThrow({ where: { id: proposal.paperId }, select: { status: true } });
  if (paper.status !== "AWAITING_ACCEPTANCE") {
    await tx.proposal.update({
      where: { id: proposal.id },
      data: { closedAt, status: "NEEDS_UPDATE", statusNote: "The commission was already decided." },
      select: { id: true },
    });
    return { outcome: "NEEDS_UPDATE" };
  }
  await tx.paper.update({ where: { id: proposal.paperId }, data: { status: "DRAFTING" }, select: { id: true } });
  await tx.commissionPosting.update({
    where: { paperId: proposal.paperId },
    data: { status: "ACCEPTED", decidedAt: closedAt },
    select: { paperId: true },
  });
  await tx.proposal.update({
    where: { id: proposal.id },
    data: { closedAt, status: "PASSED", statusNote: "The group took the commission on; drafting is open." },
    select: { id: true },
  });
  await tellOrganisation(
    tx,
    proposal.paperId,
    (group, title) => `${group} voted to take on “${title}”. Drafting is open.`,
  );
  return { outcome: "ACCEPTED" };
}

/**
 * The group's owners (or a site admin) decline a commissioned paper the group has not taken on.
 * Open acceptance votes are withdrawn; the paper and its discussion stay readable, marked declined.
 */
export async function declineCommission(actor: Actor, input: DeclineCommissionInput) {
  if (!actor) throw unauthenticated();
  const { paper, group, membership } = await loadPaperAccess(db, actor, input.paperId);
  assertInGroup(actor, "commission.decline", membership);
  assertAwaiting(paper.status);
  await db.$transaction(async (tx) => {
    // Proposal locks before the paper lock: the same order closeProposal takes them.
    const open = await tx.$queryRaw<{ id: string; number: number }[]>`
      SELECT id, number FROM "Proposal"
      WHERE "paperId" = ${paper.id}::uuid AND kind = 'ACCEPT_COMMISSION' AND status IN ('OPEN', 'NEEDS_UPDATE')
      ORDER BY id FOR UPDATE`;
    await lockPaper(tx, paper.id);
    const now = await tx.paper.findUniqueOrThrow({ where: { id: paper.id }, select: { status: true } });
    assertAwaiting(now.status);
    const closedAt = new Date();
    await tx.paper.update({ where: { id: paper.id }, data: { status: "DECLINED" }, select: { id: true } });
    await tx.commissionPosting.update({
      where: { paperId: paper.id },
      data: { status: "DECLINED", decidedAt: closedAt },
      select: { paperId: true },
    });
    if (open.length > 0) {
      await tx.proposal.updateMany({
        where: { id: { in: open.map((p) => p.id) } },
        data: { status: "WITHDRAWN", closedAt, statusNote: "The group's owners declined the commission." },
      });
      const voters = await tx.vote.findMany({
        where: { proposalId: { in: open.map((p) => p.id) }, userId: { not: null } },
        select: { userId: true, proposalId: true },
      });
      await notify(
        tx,
        voters.flatMap(({ userId, proposalId }) =>
          userId
            ? [
                {
                  userId,
                  actorId: actor.id,
                  kind: "PROPOSAL_CLOSED" as const,
                  text: `The group's owners declined “${paper.title}”, so the vote on taking it on was withdrawn.`,
                  url: proposalPath(proposalId),
                },
              ]
            : [],
        ),
      );
    }
    const posting = await tellOrganisation(
      tx,
      paper.id,
      (groupName, title) => `${groupName} declined “${title}”: ${input.reason}`,
    );
    await recordModerationAction(tx, {
      groupId: group.id,
      actorId: actor.id,
      kind: "DECLINE_COMMISSION",
      reason: input.reason,
      details: { paperId: paper.id, commissionId: posting.commissionId, paperTitle: paper.title },
    });
  }, QUEUED_TRANSACTION);
}
