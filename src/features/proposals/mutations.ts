import "server-only";
import { notify } from "@/features/notifications/mutations";
import { assertDrafting, loadPaperAccess } from "@/features/papers/access";
import { followPaperIn } from "@/features/papers/follow";
import { followersWhoMayVote } from "@/features/papers/follow-audience";
import { currentText, lockPaper } from "@/features/papers/persist-change";
import { sectionMarkdown } from "@/features/papers/text/heading-offset";
import { proposalPath } from "@/lib/paths";
import type { Actor } from "@/server/authz/permissions";
import { assertInGroup, requireActor } from "@/server/authz/refusals";
import { db, QUEUED_TRANSACTION, type Tx } from "@/server/db";
import { conflict, forbidden, invalid, notFound } from "@/server/errors";
import { renderForWrite } from "@/server/markdown/rendered";
import { consumeLimit } from "@/server/rate-limit";
import { loadProposalAccess } from "./access";
import { audienceWithout, notifyProposalOpened } from "./notify-opened";
import { proposalFields, sameText } from "./proposal-text";
import type { EditProposalInput, ProposalInput } from "./schemas";

const ZERO_TALLY = {
  supportCount: 0,
  opposeCount: 0,
  abstainCount: 0,
  practitionerSupportCount: 0,
  practitionerOpposeCount: 0,
  serviceUserSupportCount: 0,
  serviceUserOpposeCount: 0,
};

/** Publishing needs its own, higher share of support; every other kind uses the threshold. */
const thresholdFor = (kind: string, rules: { thresholdPercent: number; publishThresholdPercent: number }) =>
  kind === "PUBLISH" ? rules.publishThresholdPercent : rules.thresholdPercent;

const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000);

/** The paper's rules now, copied onto a proposal when its voting opens. */
async function rulesOf(tx: Tx, paperId: string) {
  return tx.paper.findUniqueOrThrow({
    where: { id: paperId },
    select: {
      votingPeriodHours: true,
      quorum: true,
      thresholdPercent: true,
      publishThresholdPercent: true,
      requireBothPerspectives: true,
      proposalCount: true,
      title: true,
    },
  });
}

/** The proposal's Markdown (its rationale, and the section text it proposes), checked and rendered for its pages. */
function renderProposal(input: ProposalInput | EditProposalInput, by: NonNullable<Actor>) {
  const fields: Record<string, { markdown: string; headingOffset?: number }> = {
    rationale: { markdown: input.rationale },
  };
  if ("body" in input) fields.body = sectionMarkdown(input.body);
  return renderForWrite(fields, { by: by.id });
}

/** Any member proposes a change; voting opens at once under the paper's current rules. */
export async function createProposal(actor: Actor, input: ProposalInput) {
  const me = requireActor(actor);
  const { paper, membership } = await loadPaperAccess(db, me, input.paperId);
  assertInGroup(me, "proposal.create", membership);
  assertDrafting(paper);
  await consumeLimit("proposal", me.id);
  const rendered = await renderProposal(input, me);
  const proposer = await db.user.findUniqueOrThrow({ where: { id: me.id }, select: { id: true, displayName: true } });
  const created = await db.$transaction(async (tx) => {
    // The paper lock numbers proposals one at a time and keeps the text still while we read it.
    await lockPaper(tx, paper.id);
    const state = await currentText(tx, paper.id);
    const fields = await proposalFields(tx, state, input);
    const rules = await rulesOf(tx, paper.id);
    const number = rules.proposalCount + 1;
    await tx.paper.update({ where: { id: paper.id }, data: { proposalCount: number }, select: { id: true } });
    const proposal = await tx.proposal.create({
      data: {
        ...fields,
        paperId: paper.id,
        number,
        authorId: me.id,
        quorum: rules.quorum,
        thresholdPercent: thresholdFor(input.kind, rules),
        requireBothPerspectives: rules.requireBothPerspectives,
        closesAt: hoursFromNow(rules.votingPeriodHours),
      },
      select: { id: true, number: true, closesAt: true, kind: true, proposedHeading: true, baseHeading: true },
    });
    // Proposing follows the paper (unless the proposer unfollowed it); its followers hear of it.
    await followPaperIn(tx, paper.id, me.id);
    await notifyProposalOpened(tx, proposal, { id: paper.id, title: rules.title }, proposer);
    return { id: proposal.id, number: proposal.number };
  }, QUEUED_TRANSACTION);
  await rendered.save();
  return created;
}

/** Locks a proposal row and returns what its author-side mutations need. */
async function lockProposal(tx: Tx, proposalId: string) {
  await tx.$queryRaw`SELECT id FROM "Proposal" WHERE id = ${proposalId}::uuid FOR UPDATE`;
  const proposal = await tx.proposal.findUnique({ where: { id: proposalId } });
  if (!proposal) throw notFound("That proposal");
  return proposal;
}

async function currentVoters(tx: Tx, proposalId: string, version: number) {
  const votes = await tx.vote.findMany({
    where: { proposalId, proposalVersion: version, userId: { not: null } },
    select: { userId: true },
  });
  return votes.flatMap((v) => (v.userId ? [v.userId] : []));
}

function assertAuthor(me: NonNullable<Actor>, proposal: { authorId: string | null }) {
  if (proposal.authorId !== me.id) throw forbidden("Only the person who made this proposal can change or withdraw it.");
}

/**
 * The proposer edits their proposal while it is open, or updates it after it was marked
 * "needs update". A changed text is a new version: earlier votes stop counting, their voters are
 * told, and voting runs for a full period again. A changed rationale alone keeps the votes.
 */
export async function editProposal(actor: Actor, input: EditProposalInput) {
  const me = requireActor(actor);
  const { paper, membership } = await loadProposalAccess(db, me, input.proposalId);
  assertInGroup(me, "proposal.edit", membership);
  assertDrafting(paper);
  // Only the author may edit: asked before the text is rendered (and again under the lock).
  const owner = await db.proposal.findUnique({ where: { id: input.proposalId }, select: { authorId: true } });
  if (owner) assertAuthor(me, owner);
  const rendered = await renderProposal(input, me);
  const edited = await db.$transaction(async (tx) => {
    const proposal = await lockProposal(tx, input.proposalId);
    assertAuthor(me, proposal);
    if (
      proposal.kind !== input.kind ||
      (proposal.sectionId ?? undefined) !== ("sectionId" in input ? input.sectionId : undefined)
    ) {
      throw invalid("A proposal's kind and section cannot change; withdraw it and make a new one instead.");
    }
    const reopening = proposal.status === "NEEDS_UPDATE";
    if (proposal.status !== "OPEN" && !reopening)
      throw conflict("This proposal is closed and can no longer be edited.");
    if (!reopening && proposal.closesAt <= new Date())
      throw conflict("Voting on this proposal has closed, so it can no longer be edited.");

    const state = await currentText(tx, paper.id);
    const fields = await proposalFields(tx, state, input, proposal.id);
    const textSame = sameText(fields, proposal);
    if (textSame && proposal.rationale === fields.rationale && !reopening) throw invalid("Nothing changed.");
    if (textSame && !reopening) {
      await tx.proposal.update({
        where: { id: proposal.id },
        data: { rationale: fields.rationale },
        select: { id: true },
      });
      return { id: proposal.id, version: proposal.version, votesReset: false };
    }

    const rules = await rulesOf(tx, paper.id);
    const voters = await currentVoters(tx, proposal.id, proposal.version);
    const version = proposal.version + 1;
    const closesAt = hoursFromNow(rules.votingPeriodHours);
    await tx.proposal.update({
      where: { id: proposal.id },
      data: {
        ...fields,
        ...ZERO_TALLY,
        version,
        status: "OPEN",
        statusNote: null,
        closedAt: null,
        quorum: rules.quorum,
        thresholdPercent: thresholdFor(proposal.kind, rules),
        requireBothPerspectives: rules.requireBothPerspectives,
        closesAt,
      },
      select: { id: true },
    });
    // Its vote starts again: the paper's followers hear, as when it first opened; those who voted
    // hear below that their vote no longer counts.
    if (reopening) {
      const proposer = await tx.user.findUniqueOrThrow({
        where: { id: me.id },
        select: { id: true, displayName: true },
      });
      const now = new Date();
      await notifyProposalOpened(
        tx,
        { ...proposal, ...fields, closesAt },
        { id: paper.id, title: rules.title },
        proposer,
        { now, again: true, audience: audienceWithout(followersWhoMayVote(paper.id, now), voters) },
      );
    }
    await notify(
      tx,
      voters.map((userId) => ({
        userId,
        actorId: me.id,
        kind: "PROPOSAL_CHANGED" as const,
        text: `Proposal #${proposal.number} on “${rules.title}” changed after you voted. Your vote no longer counts: read the new text and vote again.`,
        url: proposalPath(proposal.id),
      })),
    );
    return { id: proposal.id, version, votesReset: true };
  }, QUEUED_TRANSACTION);
  await rendered.save();
  return edited;
}

/**
 * The proposer withdraws an open (or needs-update) proposal; its voters are told. Withdrawing
 * changes the group's vote, so it is taking part: neither kind of suspension allows it.
 */
export async function withdrawProposal(actor: Actor, input: { proposalId: string }) {
  const me = requireActor(actor);
  const { membership } = await loadProposalAccess(db, me, input.proposalId);
  assertInGroup(me, "proposal.withdraw", membership);
  await db.$transaction(async (tx) => {
    const proposal = await lockProposal(tx, input.proposalId);
    assertAuthor(me, proposal);
    if (proposal.status !== "OPEN" && proposal.status !== "NEEDS_UPDATE")
      throw conflict("This proposal is already closed.");
    // Once voting has ended the outcome is the group's, even before the closing job records it.
    if (proposal.status === "OPEN" && proposal.closesAt <= new Date())
      throw conflict("Voting on this proposal has closed, so it can no longer be withdrawn.");
    await tx.proposal.update({
      where: { id: proposal.id },
      data: { status: "WITHDRAWN", closedAt: new Date(), statusNote: "Withdrawn by the proposer." },
      select: { id: true },
    });
    const paper = await tx.paper.findUniqueOrThrow({ where: { id: proposal.paperId }, select: { title: true } });
    const voters = await currentVoters(tx, proposal.id, proposal.version);
    await notify(
      tx,
      voters.map((userId) => ({
        userId,
        actorId: me.id,
        kind: "PROPOSAL_CLOSED" as const,
        text: `Proposal #${proposal.number} on “${paper.title}” was withdrawn by its proposer.`,
        url: proposalPath(proposal.id),
      })),
    );
  }, QUEUED_TRANSACTION);
}

export { lockProposal };
