import "server-only";
import { cache } from "react";
import { Prisma } from "@/generated/prisma/client";
import type { PaperStatus } from "@/generated/prisma/enums";
import type { Actor } from "@/server/authz/permissions";
import { participationRefusal } from "@/server/authz/refusals";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { renderedHtml } from "@/server/markdown/rendered";
import { sectionMarkdown } from "../text/heading-offset";
import { paperAccessBySlug, personOf } from "./paper-access";

/** More open proposals than this on one paper would not be readable on one page anyway. */
const OPEN_PROPOSALS_SHOWN = 200;
const RECENTLY_CLOSED_SHOWN = 5;
const PUBLISHED_VERSIONS_SHOWN = 50;

type ProposalRow = {
  id: string;
  number: number;
  kind: string;
  author: { handle: string; displayName: string; deletedAt: Date | null } | null;
  supportCount: number;
  opposeCount: number;
  abstainCount: number;
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

type PaperRow = {
  id: string;
  slug: string;
  title: string;
  question: string;
  summary: string;
  status: PaperStatus;
  revisionNumber: number;
  createdAt: Date;
  updatedAt: Date;
  votingPeriodHours: number;
  quorum: number;
  thresholdPercent: number;
  publishThresholdPercent: number;
  requireBothPerspectives: boolean;
  creatorHandle: string | null;
  creatorName: string | null;
  creatorDeletedAt: Date | null;
  threadId: string | null;
  threadComments: number | null;
  following: boolean | null;
  commissioned: boolean;
  /** json_agg rows: no dates in them, so they arrive as they are meant. */
  sections: {
    id: string;
    anchor: string;
    heading: string;
    body: string;
    threadId: string | null;
    comments: number | null;
  }[];
  /** json_agg rows: publishedAt arrives as an ISO string. */
  versions: { version: number; publishedAt: string; correctionNote: string | null; revision: number }[];
};

/**
 * The paper with everything that hangs off it one to one or in a short list, in one statement:
 * its starter, its discussion thread, whether the viewer follows it, whether a commission is
 * posted for it, its live sections with their threads, and its published versions. Prisma reads
 * each relation with a statement of its own; this page is the busiest of the signed-in ones.
 */
async function paperRow(viewer: Actor, paperId: string): Promise<PaperRow> {
  const [row] = await db.$queryRaw<PaperRow[]>`
    SELECT p.id, p.slug, p.title, p.question, p.summary, p.status::text AS status, p."revisionNumber",
           p."createdAt", p."updatedAt", p."votingPeriodHours", p.quorum, p."thresholdPercent",
           p."publishThresholdPercent", p."requireBothPerspectives",
           u.handle AS "creatorHandle", u."displayName" AS "creatorName", u."deletedAt" AS "creatorDeletedAt",
           t.id AS "threadId", t."postCount" AS "threadComments",
           CASE WHEN ${viewer?.id ?? null}::uuid IS NULL THEN NULL
                ELSE f."userId" IS NOT NULL AND f."mutedAt" IS NULL END AS following,
           EXISTS (SELECT 1 FROM "CommissionPosting" c WHERE c."paperId" = p.id) AS commissioned,
           COALESCE((
             SELECT json_agg(json_build_object(
                      'id', s.id, 'anchor', s.anchor, 'heading', s.heading, 'body', s.body,
                      'threadId', st.id, 'comments', st."postCount") ORDER BY s.position)
             FROM "Section" s LEFT JOIN "Thread" st ON st."sectionId" = s.id
             WHERE s."paperId" = p.id AND s."removedAt" IS NULL
           ), '[]'::json) AS sections,
           COALESCE((
             SELECT json_agg(json_build_object(
                      'version', v.version, 'publishedAt', v."publishedAt",
                      'correctionNote', v."correctionNote", 'revision', r.number) ORDER BY v.version DESC)
             FROM (
               SELECT version, "publishedAt", "correctionNote", "revisionId" FROM "Publication"
               WHERE "paperId" = p.id ORDER BY version DESC LIMIT ${PUBLISHED_VERSIONS_SHOWN}
             ) v JOIN "Revision" r ON r.id = v."revisionId"
           ), '[]'::json) AS versions
    FROM "Paper" p
    LEFT JOIN "User" u ON u.id = p."createdById"
    LEFT JOIN "Thread" t ON t."paperId" = p.id
    LEFT JOIN "PaperFollow" f ON f."paperId" = p.id AND f."userId" = ${viewer?.id ?? null}::uuid
    WHERE p.id = ${paperId}::uuid`;
  // Deleted between the access check and here.
  if (!row) throw notFound("That paper");
  return row;
}

type ProposalListRow = Omit<ProposalRow, "author"> & {
  list: "open" | "closed";
  authorHandle: string | null;
  authorName: string | null;
  authorDeletedAt: Date | null;
  status: string;
  statusNote: string | null;
  closedAt: Date | null;
};

const PROPOSAL_COLUMNS = Prisma.sql`
  p.id, p.number, p.kind::text AS kind, p."sectionId", p.position, p."baseHeading", p."proposedHeading",
  p."closesAt", p.status::text AS status, p."statusNote", p."closedAt",
  p."supportCount", p."opposeCount", p."abstainCount",
  u.handle AS "authorHandle", u."displayName" AS "authorName", u."deletedAt" AS "authorDeletedAt"`;

/** The open proposals (by number) and the recently closed ones (latest first), with authors, in one statement. */
async function proposalRows(paperId: string) {
  const rows = await db.$queryRaw<ProposalListRow[]>`
    SELECT * FROM (
      (SELECT 'open' AS list, row_number() OVER (ORDER BY p.number) AS rank, ${PROPOSAL_COLUMNS}
       FROM "Proposal" p LEFT JOIN "User" u ON u.id = p."authorId"
       WHERE p."paperId" = ${paperId}::uuid AND p.status = 'OPEN'
       ORDER BY p.number LIMIT ${OPEN_PROPOSALS_SHOWN})
      UNION ALL
      (SELECT 'closed' AS list,
              row_number() OVER (ORDER BY p."closedAt" DESC NULLS LAST, p.number DESC) AS rank, ${PROPOSAL_COLUMNS}
       FROM "Proposal" p LEFT JOIN "User" u ON u.id = p."authorId"
       WHERE p."paperId" = ${paperId}::uuid
         AND p.status IN ('MERGED', 'PASSED', 'REJECTED', 'NEEDS_UPDATE', 'WITHDRAWN')
       ORDER BY p."closedAt" DESC NULLS LAST, p.number DESC LIMIT ${RECENTLY_CLOSED_SHOWN})
    ) listed
    ORDER BY list DESC, rank`;
  const withAuthor = (r: ProposalListRow) => ({
    ...r,
    author:
      r.authorHandle === null
        ? null
        : { handle: r.authorHandle, displayName: r.authorName ?? "", deletedAt: r.authorDeletedAt },
  });
  return {
    open: rows.filter((r) => r.list === "open").map(withAuthor),
    closed: rows.filter((r) => r.list === "closed").map(withAuthor),
  };
}

/**
 * Everything the paper page shows, in a fixed number of statements whatever the paper's size:
 * the access check (paperAccessBySlug, shared with closeDueProposalsOfPaper and the metadata),
 * then the paper with its sections, threads and versions, and its proposals, in parallel, then
 * the sections' stored HTML.
 */
export const getPaperPage = cache(async (viewer: Actor, groupSlug: string, paperSlug: string) => {
  const { paper: facts, group, membership, permissions } = await paperAccessBySlug(viewer, groupSlug, paperSlug);
  const paperId = facts.id;

  const [paper, { open, closed }] = await Promise.all([paperRow(viewer, paperId), proposalRows(paperId)]);
  const { sections } = paper;
  const versions = paper.versions;

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
      startedBy: personOf(
        paper.creatorHandle === null
          ? null
          : { handle: paper.creatorHandle, displayName: paper.creatorName ?? "", deletedAt: paper.creatorDeletedAt },
      ),
      thread: paper.threadId ? { id: paper.threadId, comments: paper.threadComments ?? 0 } : null,
    },
    rules: {
      votingPeriodHours: paper.votingPeriodHours,
      quorum: paper.quorum,
      thresholdPercent: paper.thresholdPercent,
      publishThresholdPercent: paper.publishThresholdPercent,
      requireBothPerspectives: paper.requireBothPerspectives,
    },
    sections: sections.map((s, i) => ({
      id: s.id,
      anchor: s.anchor,
      heading: s.heading,
      body: s.body,
      /** The body, sanitised when it was rendered (src/server/markdown/). */
      bodyHtml: bodyHtml[i],
      thread: s.threadId ? { id: s.threadId, comments: s.comments ?? 0 } : null,
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
      publishedAt: new Date(v.publishedAt),
      correctionNote: v.correctionNote,
    })),
    latestVersion: latest?.version ?? null,
    /** Whether the viewer may propose publishing: not while a vote to publish is open, nor when this very draft is already published. */
    canProposePublish:
      drafting && permissions.has("proposal.create") && !publishOpen && latest?.revision !== paper.revisionNumber,
    can: {
      propose: drafting && permissions.has("proposal.create"),
      comment: permissions.has("post.create"),
      fix: drafting && permissions.has("paper.editorialFix"),
      setRules: permissions.has("paper.setRules"),
    },
    /** Why this member may not propose (suspended, say), where joining or signing in would not help. */
    proposeRefusal: participationRefusal(viewer, "proposal.create", membership),
    signedIn: !!viewer,
    /** Whether the viewer follows the paper; null when signed out (there is nothing to follow with). */
    following: paper.following,
    /** Whether an organisation's commission is posted for this paper (getPaperCommission says more). */
    commissioned: paper.commissioned,
  };
});

export type PaperPage = Awaited<ReturnType<typeof getPaperPage>>;
