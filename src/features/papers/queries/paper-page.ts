import "server-only";
import { cache } from "react";
import type { Actor } from "@/server/authz/permissions";
import { participationRefusal } from "@/server/authz/refusals";
import { db } from "@/server/db";
import { renderedHtml } from "@/server/markdown/rendered";
import { sectionMarkdown } from "../text/heading-offset";
import { PERSON, PROPOSAL_REF, type ProposalRefRow, paperAccessBySlug, personOf } from "./paper-access";

/** More open proposals than this on one paper would not be readable on one page anyway. */
const OPEN_PROPOSALS_SHOWN = 200;
const RECENTLY_CLOSED_SHOWN = 5;
const PUBLISHED_VERSIONS_SHOWN = 50;

const PROPOSAL_SUMMARY = {
  ...PROPOSAL_REF,
  sectionId: true,
  position: true,
  baseHeading: true,
  proposedHeading: true,
  closesAt: true,
} as const;

type ProposalRow = ProposalRefRow & {
  sectionId: string | null;
  position: number | null;
  baseHeading: string | null;
  proposedHeading: string | null;
  closesAt: Date;
};

function proposalSummary(p: ProposalRow) {
  return {
    id: p.id,
    number: p.number,
    kind: p.kind,
    sectionId: p.sectionId,
    position: p.position,
    heading: p.proposedHeading ?? p.baseHeading,
    closesAt: p.closesAt,
    author: personOf(p.author),
    tally: { support: p.supportCount, oppose: p.opposeCount, abstain: p.abstainCount },
  };
}

export type ProposalSummary = ReturnType<typeof proposalSummary>;

/**
 * Everything the paper page shows, in a fixed number of queries whatever the paper's size:
 * access (3), then the paper, its sections, its open
 * proposals, the discussion threads of the paper and its sections, and the recently closed
 * proposals, in parallel.
 */
export const getPaperPage = cache(async (viewer: Actor, groupSlug: string, paperSlug: string) => {
  const { paper: facts, group, membership, permissions } = await paperAccessBySlug(viewer, groupSlug, paperSlug);
  const paperId = facts.id;

  const [paper, sections, open, threads, closed, versions] = await Promise.all([
    db.paper.findUniqueOrThrow({
      where: { id: paperId },
      select: {
        id: true,
        slug: true,
        title: true,
        question: true,
        summary: true,
        status: true,
        revisionNumber: true,
        createdAt: true,
        updatedAt: true,
        createdBy: PERSON,
        votingPeriodHours: true,
        quorum: true,
        thresholdPercent: true,
        publishThresholdPercent: true,
        requireBothPerspectives: true,
      },
    }),
    db.section.findMany({
      where: { paperId, removedAt: null },
      orderBy: { position: "asc" },
      select: { id: true, anchor: true, heading: true, body: true },
    }),
    db.proposal.findMany({
      where: { paperId, status: "OPEN" },
      orderBy: { number: "asc" },
      take: OPEN_PROPOSALS_SHOWN,
      select: PROPOSAL_SUMMARY,
    }),
    db.thread.findMany({
      where: { OR: [{ paperId }, { section: { paperId, removedAt: null } }] },
      select: { id: true, paperId: true, sectionId: true, postCount: true },
    }),
    db.proposal.findMany({
      where: { paperId, status: { in: ["MERGED", "PASSED", "REJECTED", "NEEDS_UPDATE", "WITHDRAWN"] } },
      orderBy: [{ closedAt: { sort: "desc", nulls: "last" } }, { number: "desc" }],
      take: RECENTLY_CLOSED_SHOWN,
      select: { ...PROPOSAL_SUMMARY, status: true, statusNote: true, closedAt: true },
    }),
    // Published versions are public whatever the group's policy; a paper has a handful.
    db.publication.findMany({
      where: { paperId },
      orderBy: { version: "desc" },
      take: PUBLISHED_VERSIONS_SHOWN,
      select: { version: true, publishedAt: true, correctionNote: true, revision: { select: { number: true } } },
    }),
  ]);

  const sectionThreads = new Map(
    threads.filter((t) => t.sectionId).map((t) => [t.sectionId, { id: t.id, comments: t.postCount }]),
  );
  const paperThread = threads.find((t) => t.paperId === paperId);
  const openSummaries = open.map(proposalSummary);
  const liveSectionIds = new Set(sections.map((s) => s.id));
  const drafting = paper.status === "DRAFTING";
  const latest = versions[0] ?? null;
  const publishOpen = open.some((p) => p.kind === "PUBLISH");
  const bodyHtml = await renderedHtml(sections.map((s) => sectionMarkdown(s.body)));

  return {
    group: { id: group.id, slug: group.slug, name: group.name },
    paper: {
      id: paper.id,
      slug: paper.slug,
      title: paper.title,
      question: paper.question,
      summary: paper.summary,
      status: paper.status,
      revision: paper.revisionNumber,
      startedAt: paper.createdAt,
      updatedAt: paper.updatedAt,
      startedBy: personOf(paper.createdBy),
      thread: paperThread ? { id: paperThread.id, comments: paperThread.postCount } : null,
    },
    rules: {
      votingPeriodHours: paper.votingPeriodHours,
      quorum: paper.quorum,
      thresholdPercent: paper.thresholdPercent,
      publishThresholdPercent: paper.publishThresholdPercent,
      requireBothPerspectives: paper.requireBothPerspectives,
    },
    sections: sections.map((s, i) => ({
      ...s,
      /** The body, sanitised when it was rendered (src/server/markdown/). */
      bodyHtml: bodyHtml[i],
      thread: sectionThreads.get(s.id) ?? null,
      proposals: openSummaries.filter((p) => p.sectionId === s.id),
    })),
    /** Open proposals not tied to a live section: new sections, new titles. */
    paperProposals: openSummaries.filter((p) => !p.sectionId || !liveSectionIds.has(p.sectionId)),
    openCount: open.length,
    recentlyClosed: closed.map((p) => ({
      ...proposalSummary(p),
      status: p.status,
      statusNote: p.statusNote,
      closedAt: p.closedAt,
    })),
    /** Newest first: version, date and what changed. */
    versions: versions.map((v) => ({
      version: v.version,
      publishedAt: v.publishedAt,
      correctionNote: v.correctionNote,
    })),
    latestVersion: latest?.version ?? null,
    /** Whether the viewer may propose publishing: not while a vote to publish is open, nor when this very draft is already published. */
    canProposePublish:
      drafting &&
      permissions.has("proposal.create") &&
      !publishOpen &&
      latest?.revision.number !== paper.revisionNumber,
    can: {
      propose: drafting && permissions.has("proposal.create"),
      comment: permissions.has("post.create"),
      fix: drafting && permissions.has("paper.editorialFix"),
      setRules: permissions.has("paper.setRules"),
    },
    /** Why this member may not propose (suspended, say), where joining or signing in would not help. */
    proposeRefusal: participationRefusal(viewer, "proposal.create", membership),
    signedIn: !!viewer,
  };
});

export type PaperPage = Awaited<ReturnType<typeof getPaperPage>>;
