import "server-only";
import { cache } from "react";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { tallyOf } from "../decision-rules";
import { parseRuns, passagesOf } from "../text/provenance";
import { PERSON, PROPOSAL_REF, type ProposalRefRow, paperAccessBySlug, personOf } from "./paper-access";

export const PROPOSAL_FACTS = {
  ...PROPOSAL_REF,
  closedAt: true,
  threads: { select: { id: true, postCount: true }, take: 1 },
} as const;

type ProposalRow = ProposalRefRow & {
  closedAt: Date | null;
  threads: { id: string; postCount: number }[];
};

function proposalFacts(p: ProposalRow) {
  return {
    id: p.id,
    number: p.number,
    kind: p.kind,
    closedAt: p.closedAt,
    author: personOf(p.author),
    tally: tallyOf(p),
    thread: p.threads[0] ? { id: p.threads[0].id, comments: p.threads[0].postCount } : null,
  };
}

export type ProvenanceProposal = ReturnType<typeof proposalFacts>;

/** The revisions that wrote a section's passages, with their proposals, as the provenance view takes them. */
export const REVISION_FACTS = {
  number: true,
  kind: true,
  reason: true,
  createdAt: true,
  author: PERSON,
  proposal: { select: PROPOSAL_FACTS },
} as const;

type RevisionRow = {
  number: number;
  kind: string;
  reason: string;
  createdAt: Date;
  author: ProposalRow["author"];
  proposal: ProposalRow | null;
};

export function revisionFacts(r: RevisionRow) {
  return {
    number: r.number,
    kind: r.kind,
    reason: r.reason,
    createdAt: r.createdAt,
    author: personOf(r.author),
    proposal: r.proposal ? proposalFacts(r.proposal) : null,
  };
}

/**
 * The revision in which a section first appeared: the first draft, or the proposal that added it.
 * Only those two kinds of revision can create a section, so only their snapshots are searched.
 */
async function originOf(paperId: string, sectionId: string): Promise<number | null> {
  const rows = await db.$queryRaw<{ number: number }[]>`
    SELECT r.number
    FROM "Revision" r
    LEFT JOIN "Proposal" p ON p.id = r."proposalId"
    WHERE r."paperId" = ${paperId}::uuid
      AND (r.kind = 'INITIAL' OR p.kind = 'ADD_SECTION')
      AND r.snapshot->'sections' @> jsonb_build_array(jsonb_build_object('id', ${sectionId}::text))
    ORDER BY r.number
    LIMIT 1`;
  return rows[0]?.number ?? null;
}

/**
 * "How this was written": a section's current text split into passages by the revision that
 * wrote them, each revision explained (first draft, a proposal with its tally and discussion, or
 * an editorial fix), plus every proposal merged into the section.
 */
export const getSectionProvenance = cache(
  async (viewer: Actor, groupSlug: string, paperSlug: string, anchor: string) => {
    const { paper: facts, group } = await paperAccessBySlug(viewer, groupSlug, paperSlug);
    const section = await db.section.findUnique({
      where: { paperId_anchor: { paperId: facts.id, anchor: anchor.toLowerCase() } },
      select: { id: true, anchor: true, heading: true, body: true, provenance: true, removedAt: true },
    });
    if (!section) throw notFound("That section");

    const passages = passagesOf(section.body, parseRuns(section.provenance));
    const [paper, origin, merged] = await Promise.all([
      db.paper.findUniqueOrThrow({
        where: { id: facts.id },
        select: { id: true, slug: true, title: true, revisionNumber: true },
      }),
      originOf(facts.id, section.id),
      db.proposal.findMany({
        where: { sectionId: section.id, status: "MERGED" },
        orderBy: { number: "asc" },
        take: 200,
        select: { ...PROPOSAL_FACTS, revision: { select: { number: true } } },
      }),
    ]);
    const numbers = [...new Set([...passages.map((p) => p.revision), ...(origin ? [origin] : [])])];
    // Every revision the page explains, in one query.
    const revisions = await db.revision.findMany({
      where: { paperId: paper.id, number: { in: numbers } },
      orderBy: { number: "asc" },
      select: REVISION_FACTS,
    });

    return {
      group: { slug: group.slug, name: group.name },
      paper: { id: paper.id, slug: paper.slug, title: paper.title, revision: paper.revisionNumber },
      section: { id: section.id, anchor: section.anchor, heading: section.heading, removed: !!section.removedAt },
      passages,
      /** The revision that created the section, when it can be told. */
      origin,
      revisions: revisions.map(revisionFacts),
      merged: merged.map((p) => ({ ...proposalFacts(p), revision: p.revision?.number ?? null })),
    };
  },
);

export type SectionProvenance = Awaited<ReturnType<typeof getSectionProvenance>>;
