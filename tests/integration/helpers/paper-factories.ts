// Papers for tests, and the inputs and checks the papers tests share. makePaper writes a paper
// straight to the database, shaped as createPaper leaves it (sections with anchors and provenance,
// revision 1 with its snapshot, Group.paperCount kept in step); proposals and votes go through the
// mutations, since those are what the tests exercise.
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { snapshotOf } from "@/features/papers/snapshot";
import { freshRuns } from "@/features/papers/text/provenance";
import { castVote } from "@/features/proposals/cast-vote";
import type { ProposalInput } from "@/features/proposals/schemas";
import { slugify, uniqueSlug } from "@/lib/slug";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";

export type TestSection = { id: string; anchor: string; heading: string; body: string };
export type TestPaper = { id: string; slug: string; groupId: string; title: string; sections: TestSection[] };
export type PaperRules = {
  votingPeriodHours: number;
  quorum: number;
  thresholdPercent: number;
  requireBothPerspectives: boolean;
};

export const DEFAULT_SECTIONS = [
  { heading: "Payments", body: "Pay benefits weekly. Claimants wait too long.\n\nAppeals take months." },
  { heading: "Assessments", body: "Assessments are done by phone. Many people cannot hear well on the phone." },
  { heading: "Advice", body: "Free advice should be offered at every job centre." },
];

export async function makePaper(
  group: { id: string },
  author: { id: string },
  options: { title?: string; sections?: { heading: string; body: string }[]; rules?: Partial<PaperRules> } = {},
): Promise<TestPaper> {
  const title = options.title ?? `Faster benefit payments ${randomBytes(3).toString("hex")}`;
  const input = {
    title,
    question: "How should claimants be paid while they wait?",
    summary: "Pay people sooner and more simply.",
  };
  return db.$transaction(async (tx) => {
    const paper = await tx.paper.create({
      data: { groupId: group.id, slug: slugify(title), ...input, createdById: author.id, ...options.rules },
      select: { id: true, slug: true, groupId: true, title: true },
    });
    const anchors: string[] = [];
    const sections: TestSection[] = [];
    for (const [i, s] of (options.sections ?? DEFAULT_SECTIONS).entries()) {
      const anchor = uniqueSlug(slugify(s.heading, 50), anchors);
      anchors.push(anchor);
      sections.push(
        await tx.section.create({
          data: {
            paperId: paper.id,
            anchor,
            position: i + 1,
            heading: s.heading,
            body: s.body,
            provenance: freshRuns(s.body, 1),
          },
          select: { id: true, anchor: true, heading: true, body: true },
        }),
      );
    }
    await tx.revision.create({
      data: {
        paperId: paper.id,
        number: 1,
        kind: "INITIAL",
        authorId: author.id,
        snapshot: snapshotOf(input, sections),
      },
    });
    await tx.group.update({ where: { id: group.id }, data: { paperCount: { increment: 1 } } });
    return { ...paper, sections };
  });
}

const RATIONALE = "This makes the paper clearer for everyone.";

/** An AMEND_SECTION proposal input against the given revision (1 unless told). */
export function amend(
  paper: { id: string },
  section: TestSection,
  body: string,
  options: { heading?: string; baseRevision?: number; rationale?: string } = {},
): ProposalInput {
  return {
    kind: "AMEND_SECTION",
    paperId: paper.id,
    sectionId: section.id,
    baseRevision: options.baseRevision ?? 1,
    heading: options.heading ?? section.heading,
    body,
    rationale: options.rationale ?? RATIONALE,
  };
}

export function addSection(
  paper: { id: string },
  position: number,
  heading: string,
  body: string,
  baseRevision = 1,
): ProposalInput {
  return { kind: "ADD_SECTION", paperId: paper.id, baseRevision, position, heading, body, rationale: RATIONALE };
}

export function removeSection(paper: { id: string }, section: { id: string }, baseRevision = 1): ProposalInput {
  return { kind: "REMOVE_SECTION", paperId: paper.id, sectionId: section.id, baseRevision, rationale: RATIONALE };
}

export function retitle(
  paper: { id: string },
  title: string,
  options: { baseRevision?: number; question?: string; summary?: string } = {},
): ProposalInput {
  return {
    kind: "RETITLE",
    paperId: paper.id,
    baseRevision: options.baseRevision ?? 1,
    title,
    question: options.question ?? "How should claimants be paid while they wait?",
    summary: options.summary ?? "Pay people sooner and more simply.",
    rationale: RATIONALE,
  };
}

/** Each voter votes in turn on the given version. */
export async function voteAll(
  voters: Actor[],
  proposalId: string,
  choice: "SUPPORT" | "OPPOSE" | "ABSTAIN",
  version = 1,
) {
  for (const voter of voters) await castVote(voter, { proposalId, version, choice, reason: "" });
}

/** Ends the voting period of the given proposals (or of all a paper's open ones) a moment ago. */
export async function endVoting(where: { proposalIds?: string[]; paperId?: string }) {
  await db.proposal.updateMany({
    where: where.proposalIds ? { id: { in: where.proposalIds } } : { paperId: where.paperId, status: "OPEN" },
    data: { closesAt: new Date(Date.now() - 1000) },
  });
}

/** The live sections of a paper in order. */
export function liveSections(paperId: string) {
  return db.section.findMany({
    where: { paperId, removedAt: null },
    orderBy: { position: "asc" },
    select: { id: true, anchor: true, position: true, heading: true, body: true },
  });
}

/** The kept tallies of a proposal equal a recount of the votes on its current version. */
export async function expectTallyMatchesVotes(proposalId: string) {
  const proposal = await db.proposal.findUniqueOrThrow({ where: { id: proposalId } });
  const votes = await db.vote.findMany({
    where: { proposalId, proposalVersion: proposal.version },
    select: { choice: true, perspective: true },
  });
  const count = (choice: string, perspectives?: string[]) =>
    votes.filter((v) => v.choice === choice && (!perspectives || perspectives.includes(v.perspective))).length;
  expect({
    supportCount: proposal.supportCount,
    opposeCount: proposal.opposeCount,
    abstainCount: proposal.abstainCount,
    practitionerSupportCount: proposal.practitionerSupportCount,
    practitionerOpposeCount: proposal.practitionerOpposeCount,
    serviceUserSupportCount: proposal.serviceUserSupportCount,
    serviceUserOpposeCount: proposal.serviceUserOpposeCount,
  }).toEqual({
    supportCount: count("SUPPORT"),
    opposeCount: count("OPPOSE"),
    abstainCount: count("ABSTAIN"),
    practitionerSupportCount: count("SUPPORT", ["PRACTITIONER", "BOTH"]),
    practitionerOpposeCount: count("OPPOSE", ["PRACTITIONER", "BOTH"]),
    serviceUserSupportCount: count("SUPPORT", ["SERVICE_USER", "BOTH"]),
    serviceUserOpposeCount: count("OPPOSE", ["SERVICE_USER", "BOTH"]),
  });
  return proposal;
}

/**
 * A paper's history holds together: revisions numbered 1..n with no gap or duplicate, n is the
 * paper's revisionNumber, and the last snapshot is the paper's current text.
 */
export async function expectHistoryConsistent(paperId: string) {
  const [paper, revisions, sections] = await Promise.all([
    db.paper.findUniqueOrThrow({
      where: { id: paperId },
      select: { title: true, question: true, summary: true, revisionNumber: true },
    }),
    db.revision.findMany({ where: { paperId }, orderBy: { number: "asc" }, select: { number: true, snapshot: true } }),
    liveSections(paperId),
  ]);
  expect(revisions.map((r) => r.number)).toEqual(Array.from({ length: revisions.length }, (_, i) => i + 1));
  expect(paper.revisionNumber).toBe(revisions.length);
  expect(revisions.at(-1)!.snapshot).toEqual(snapshotOf(paper, sections));
  expect(sections.map((s) => s.position)).toEqual(sections.map((_, i) => i + 1));
  return revisions;
}

/** Everything a refused paper mutation must leave untouched. */
export async function paperStateOf(paperId: string) {
  const [paper, sections, revisions, proposals, votes, threads, posts, notifications, actions, group] =
    await Promise.all([
      db.paper.findUniqueOrThrow({ where: { id: paperId }, omit: { updatedAt: true } }),
      db.section.findMany({ where: { paperId }, orderBy: { id: "asc" }, omit: { updatedAt: true } }),
      db.revision.findMany({ where: { paperId }, orderBy: { number: "asc" }, select: { id: true, number: true } }),
      db.proposal.findMany({ where: { paperId }, orderBy: { number: "asc" }, omit: { updatedAt: true } }),
      db.vote.findMany({ where: { proposal: { paperId } }, orderBy: { id: "asc" }, omit: { updatedAt: true } }),
      db.thread.count(),
      db.post.count(),
      db.notification.count(),
      db.moderationAction.count(),
      db.paper.findUniqueOrThrow({
        where: { id: paperId },
        select: { group: { select: { paperCount: true, threadCount: true } } },
      }),
    ]);
  return { paper, sections, revisions, proposals, votes, threads, posts, notifications, actions, group };
}
