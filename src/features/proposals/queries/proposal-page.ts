import "server-only";
import { cache } from "react";
import { TALLY } from "@/features/papers/queries/paper-access";
import type { Actor } from "@/server/authz/permissions";
import { assertInGroup } from "@/server/authz/refusals";
import { db } from "@/server/db";
import { isAppError } from "@/server/errors";
import { renderedHtmlOf } from "@/server/markdown/rendered";
import { assertVotingOpenOn, loadProposalAccess } from "../access";
import { evaluate, tallyOf } from "../rules";
import { PROPOSAL_HEAD_FIELDS, PROPOSAL_TEXT_FIELDS } from "./proposal-text-fields";

/** Kinds that change the paper's text: this feature closes and merges them; publishing and commissions decide the others. */
export const TEXT_PROPOSAL_KINDS = ["AMEND_SECTION", "ADD_SECTION", "REMOVE_SECTION", "RETITLE"] as const;
export type TextProposalKind = (typeof TEXT_PROPOSAL_KINDS)[number];
export const isTextKind = (kind: string): kind is TextProposalKind =>
  (TEXT_PROPOSAL_KINDS as readonly string[]).includes(kind);

/** Whether the proposal is still marked open though its voting period has ended (waiting to be closed). */
export async function isProposalDue(proposalId: string, now = new Date()) {
  const due = await db.proposal.findFirst({
    where: { id: proposalId, status: "OPEN", closesAt: { lte: now } },
    select: { id: true },
  });
  return due !== null;
}

/** One access check per request, shared by the proposal page's reads. */
export const proposalAccess = cache((viewer: Actor, proposalId: string) => loadProposalAccess(db, viewer, proposalId));

/** The reason a permission is refused, in the data layer's own words; null when granted. */
export function refusal(check: () => void): string | null {
  try {
    check();
    return null;
  } catch (error) {
    if (isAppError(error)) return error.message;
    throw error;
  }
}

function loadDetails(proposalId: string) {
  return db.proposal.findUniqueOrThrow({
    where: { id: proposalId },
    select: {
      ...PROPOSAL_HEAD_FIELDS,
      rationale: true,
      position: true,
      baseRevisionNumber: true,
      ...PROPOSAL_TEXT_FIELDS,
      quorum: true,
      thresholdPercent: true,
      requireBothPerspectives: true,
      closesAt: true,
      closedAt: true,
      createdAt: true,
      authorId: true,
      ...TALLY,
      author: {
        select: { handle: true, displayName: true, deletedAt: true, profile: { select: { perspective: true } } },
      },
      // Read here rather than from the access check, so a merge the page just closed shows (a new title, say).
      paper: { select: { title: true, question: true, summary: true, revisionNumber: true, status: true } },
      section: { select: { anchor: true, heading: true, body: true, removedAt: true } },
      revision: { select: { number: true } },
      threads: { select: { id: true, postCount: true }, take: 1 },
      publicationNote: true,
      publication: { select: { version: true } },
    },
  });
}

/** For a vote to publish: the version it would make, and the version it made once passed. */
async function publishFacts(paperId: string, p: { kind: string; publication: { version: number } | null }) {
  if (p.kind !== "PUBLISH") return null;
  if (p.publication) return { version: p.publication.version, published: true };
  const last = await db.publication.findFirst({
    where: { paperId },
    orderBy: { version: "desc" },
    select: { version: true },
  });
  return { version: (last?.version ?? 0) + 1, published: false };
}

/** For a proposed new section: the heading of the section it would follow (null: at the start). */
async function sectionBefore(paperId: string, position: number | null) {
  if (position === null || position <= 1) return null;
  const before = await db.section.findFirst({
    where: { paperId, removedAt: null },
    orderBy: { position: "asc" },
    skip: position - 2,
    select: { heading: true },
  });
  return before?.heading ?? null;
}

/**
 * Everything the proposal page shows except the list of votes. A pure read: the page closes a
 * due proposal first (closeProposalIfDue in src/composition/decisions.ts), and the job closes
 * the rest.
 */
export const getProposalPage = cache(async (viewer: Actor, proposalId: string) => {
  const { paper, group, membership, permissions } = await proposalAccess(viewer, proposalId);
  const p = await loadDetails(proposalId);
  const now = new Date();
  const [addAfter, myVote, publish] = await Promise.all([
    p.kind === "ADD_SECTION" && p.status === "OPEN" ? sectionBefore(paper.id, p.position) : null,
    viewer
      ? db.vote.findUnique({
          where: { proposalId_userId: { proposalId, userId: viewer.id } },
          select: { choice: true, reason: true, proposalVersion: true, updatedAt: true },
        })
      : null,
    publishFacts(paper.id, p),
  ]);

  const votingOpen = p.status === "OPEN" && p.closesAt > now;
  const isAuthor = !!viewer && p.authorId === viewer.id;
  const tally = tallyOf(p);
  const thread = p.threads[0] ?? null;
  return {
    group: { slug: group.slug, name: group.name },
    paper: { id: paper.id, slug: paper.slug, ...p.paper },
    proposal: {
      id: p.id,
      number: p.number,
      kind: p.kind,
      status: p.status,
      statusNote: p.statusNote,
      version: p.version,
      rationaleHtml: await renderedHtmlOf(p.rationale),
      position: p.position,
      baseRevisionNumber: p.baseRevisionNumber,
      base: {
        title: p.baseTitle,
        question: p.baseQuestion,
        summary: p.baseSummary,
        heading: p.baseHeading,
        text: p.baseText,
      },
      proposed: {
        title: p.proposedTitle,
        question: p.proposedQuestion,
        summary: p.proposedSummary,
        heading: p.proposedHeading,
        text: p.proposedText,
      },
      rules: {
        quorum: p.quorum,
        thresholdPercent: p.thresholdPercent,
        requireBothPerspectives: p.requireBothPerspectives,
      },
      closesAt: p.closesAt,
      closedAt: p.closedAt,
      createdAt: p.createdAt,
      mergedRevision: p.revision?.number ?? null,
      /** For a vote to publish: what changed since the last version, and the version it makes or made. */
      publicationNote: p.publicationNote,
      publish,
      author:
        p.author && !p.author.deletedAt
          ? {
              handle: p.author.handle,
              displayName: p.author.displayName,
              perspective: p.author.profile?.perspective ?? "OTHER",
            }
          : null,
    },
    /** The target section as it is now (null for new sections and front-matter changes). */
    section: p.section
      ? {
          anchor: p.section.anchor,
          heading: p.section.heading,
          body: p.section.body,
          removed: p.section.removedAt !== null,
        }
      : null,
    addAfter,
    tally,
    checks: evaluate(tally, p),
    voteCount: tally.support + tally.oppose + tally.abstain,
    thread,
    viewer: {
      signedIn: !!viewer,
      isAuthor,
      votingOpen,
      /** Why this viewer may not vote (null: they may, while voting is open). */
      voteRefusal:
        refusal(() => assertInGroup(viewer, "vote.cast", membership)) ??
        refusal(() => assertVotingOpenOn(p.paper, p.kind)),
      /** Signed in but not (yet) in the group: the page points them to it. */
      outsider: !!viewer && !membership,
      canComment: permissions.has("post.create"),
      commentRefusal: refusal(() => assertInGroup(viewer, "post.create", membership)),
      canChange:
        isAuthor &&
        permissions.has("proposal.edit") &&
        permissions.has("proposal.withdraw") &&
        paper.status === "DRAFTING" &&
        ((p.status === "OPEN" && p.closesAt > now) || p.status === "NEEDS_UPDATE"),
      myVote: myVote
        ? {
            choice: myVote.choice,
            reason: myVote.reason,
            current: myVote.proposalVersion === p.version,
            at: myVote.updatedAt,
          }
        : null,
    },
  };
});

export type ProposalPageData = Awaited<ReturnType<typeof getProposalPage>>;
