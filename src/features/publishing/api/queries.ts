import "server-only";
import { tallyOf } from "@/features/papers/decision-rules";
import { PERSON, personOf, TALLY } from "@/features/papers/queries/paper-access";
import { parseCommissionCredit } from "@/features/publishing/commission-credit";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { parseContributors, parseParticipation, parsePublishedSections } from "../published";
import { PUBLICATION_FIELDS } from "../queries/publication";
import { PAGE_SIZE } from "./schemas";

// Reads for the public API: published versions only, whatever the group's join policy (publishing
// made them public). Each reader is a fixed, small number of queries whatever the data size.

type PaperRow = {
  id: string;
  slug: string;
  groupSlug: string;
  groupName: string;
  latestVersion: number;
  title: string;
  latestPublishedAt: Date;
  firstPublishedAt: Date;
};

/** One page of papers with at least one published version, most recently published first. */
export async function listPublishedPapers({ page, group }: { page: number; group?: string }) {
  const groupSlug = group ?? null;
  if (groupSlug && !(await db.group.findUnique({ where: { slug: groupSlug }, select: { id: true } })))
    throw notFound("That group");
  const [rows, counted] = await Promise.all([
    db.$queryRaw<PaperRow[]>`
      SELECT p.id::text AS id, p.slug, g.slug AS "groupSlug", g.name AS "groupName",
             latest.version AS "latestVersion", latest.title, latest."publishedAt" AS "latestPublishedAt", first."publishedAt" AS "firstPublishedAt"
      FROM "Paper" p
      JOIN "Group" g ON g.id = p."groupId"
      JOIN LATERAL (SELECT version, title, "publishedAt" FROM "Publication" WHERE "paperId" = p.id ORDER BY version DESC LIMIT 1) latest ON true
      JOIN LATERAL (SELECT "publishedAt" FROM "Publication" WHERE "paperId" = p.id ORDER BY version ASC LIMIT 1) first ON true
      WHERE (${groupSlug}::text IS NULL OR g.slug = ${groupSlug}::text)
      ORDER BY latest."publishedAt" DESC, p.id
      LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`,
    db.paper.count({ where: { publications: { some: {} }, ...(groupSlug ? { group: { slug: groupSlug } } : {}) } }),
  ]);
  return { rows, total: counted };
}

/** A paper's published versions, newest first; not found when nothing of it is published. */
export async function listPaperVersions(paperId: string) {
  const paper = await db.paper.findUnique({
    where: { id: paperId },
    select: {
      id: true,
      slug: true,
      group: { select: { slug: true, name: true } },
      publications: {
        orderBy: { version: "desc" },
        select: { version: true, title: true, publishedAt: true, correctionNote: true },
      },
    },
  });
  if (!paper || paper.publications.length === 0) throw notFound("That paper");
  return paper;
}

/** One published version with, for each section, the merged proposals that shaped it. */
export async function loadPublishedVersion(paperId: string, version: number) {
  const row = await db.publication.findUnique({
    where: { paperId_version: { paperId, version } },
    select: PUBLICATION_FIELDS,
  });
  if (!row) throw notFound("That version");
  const sections = parsePublishedSections(row.sections);
  const credit = parseCommissionCredit(row.commissionCredit);
  // Read live, not from the snapshot: the organisation may respond after publication.
  const response = credit
    ? await db.commissionResponse.findFirst({
        where: { publicationId: row.id },
        orderBy: { createdAt: "asc" },
        select: { signatoryName: true, body: true, createdAt: true },
      })
    : null;
  // Proposals merged into these sections up to the published revision: later merges shaped a later draft, not this text.
  const proposals = await db.proposal.findMany({
    where: {
      sectionId: { in: sections.map((s) => s.id) },
      status: "MERGED",
      revision: { number: { lte: row.revision.number } },
    },
    orderBy: { number: "asc" },
    take: 2000,
    select: {
      id: true,
      number: true,
      kind: true,
      sectionId: true,
      closedAt: true,
      author: PERSON,
      revision: { select: { number: true } },
      ...TALLY,
    },
  });
  return {
    ...row,
    sections: sections.map((s) => ({
      ...s,
      proposals: proposals
        .filter((p) => p.sectionId === s.id)
        .map((p) => ({
          id: p.id,
          number: p.number,
          kind: p.kind,
          closedAt: p.closedAt,
          author: personOf(p.author),
          tally: tallyOf(p),
          mergedRevision: p.revision?.number ?? null,
        })),
    })),
    contributors: parseContributors(row.contributors),
    participation: parseParticipation(row.participation),
    commission: credit ? { credit, response } : null,
  };
}
