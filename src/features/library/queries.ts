import "server-only";
import type { CreditRef } from "@/features/commissions/queries/credit-ref";
import { parseCommissionCredit } from "@/features/publishing/commission-credit";
import { Prisma } from "@/generated/prisma/client";
import type { SectorValue } from "@/lib/perspectives";
import { db } from "@/server/db";
import { LIBRARY_PAGE_SIZE, type LibraryParams } from "./schemas";

export type LibraryEntry = {
  id: string;
  title: string;
  question: string;
  version: number;
  publishedAt: Date;
  contributorCount: number;
  paperSlug: string;
  groupSlug: string;
  groupName: string;
  groupSector: SectorValue;
  /** The commissioning organisation, from the join this list already makes; null when not commissioned. */
  commission: CreditRef | null;
};

type LibraryRow = Omit<LibraryEntry, "commission"> & {
  commissionId: string | null;
  organisationSlug: string | null;
  organisationName: string | null;
  organisationVerified: boolean | null;
};

/** Counting stops here: beyond it the page says "more than". */
const COUNT_CAP = 5_000;

/**
 * The latest published version of each paper, newest first. Public: publishing makes a text public
 * whatever the group's join policy. Two queries (page, capped count), whatever the data size.
 */
export async function listLibrary(params: LibraryParams) {
  const where = Prisma.sql`
    WHERE NOT EXISTS (SELECT 1 FROM "Publication" newer WHERE newer."paperId" = pub."paperId" AND newer.version > pub.version)
    ${params.group ? Prisma.sql`AND g.slug = ${params.group}` : Prisma.empty}
    ${params.organisation ? Prisma.sql`AND o.slug = ${params.organisation}` : Prisma.empty}
    ${params.field ? Prisma.sql`AND g.sector = ${params.field}::"Sector"` : Prisma.empty}
    ${params.from ? Prisma.sql`AND pub."publishedAt" >= ${`${params.from}T00:00:00Z`}::timestamptz` : Prisma.empty}
    ${params.to ? Prisma.sql`AND pub."publishedAt" < ${`${params.to}T00:00:00Z`}::timestamptz + interval '1 day'` : Prisma.empty}`;
  const from = Prisma.sql`
    FROM "Publication" pub
    JOIN "Paper" p ON p.id = pub."paperId"
    JOIN "Group" g ON g.id = p."groupId"
    LEFT JOIN "Commission" c ON c.id = p."commissionId"
    LEFT JOIN "Organisation" o ON o.id = c."organisationId"`;
  const [rows, [{ total }]] = await Promise.all([
    db.$queryRaw<LibraryRow[]>`
      SELECT pub.id, pub.title, pub.question, pub.version, pub."publishedAt",
             COALESCE(jsonb_array_length(pub.contributors -> 'people'), 0)::int AS "contributorCount",
             p.slug AS "paperSlug", g.slug AS "groupSlug", g.name AS "groupName", g.sector AS "groupSector",
             c.id::text AS "commissionId", o.slug AS "organisationSlug", o.name AS "organisationName", (o."verifiedAt" IS NOT NULL) AS "organisationVerified"
      ${from} ${where}
      ORDER BY pub."publishedAt" DESC, pub.id DESC
      LIMIT ${LIBRARY_PAGE_SIZE} OFFSET ${(params.page - 1) * LIBRARY_PAGE_SIZE}`,
    db.$queryRaw<
      { total: number }[]
    >`SELECT count(*)::int AS total FROM (SELECT 1 ${from} ${where} LIMIT ${COUNT_CAP + 1}) capped`,
  ]);
  const entries = rows.map(
    ({ commissionId, organisationSlug, organisationName, organisationVerified, ...e }): LibraryEntry => ({
      ...e,
      commission:
        commissionId && organisationSlug && organisationName
          ? {
              commissionId,
              organisation: { slug: organisationSlug, name: organisationName, verified: organisationVerified === true },
            }
          : null,
    }),
  );
  return {
    entries,
    total: Math.min(total, COUNT_CAP),
    moreThanCap: total > COUNT_CAP,
    page: params.page,
    pageCount: Math.max(1, Math.ceil(Math.min(total, COUNT_CAP) / LIBRARY_PAGE_SIZE)),
  };
}

/** Choices for the filters: groups and commissioning organisations that have published papers (bounded). */
export async function listLibraryFilters() {
  const [groups, organisations] = await Promise.all([
    db.group.findMany({
      where: { papers: { some: { publications: { some: {} } } } },
      orderBy: { name: "asc" },
      take: 200,
      select: { slug: true, name: true },
    }),
    db.organisation.findMany({
      where: { commissions: { some: { papers: { some: { publications: { some: {} } } } } } },
      orderBy: { name: "asc" },
      take: 200,
      select: { slug: true, name: true },
    }),
  ]);
  return { groups, organisations };
}

export type FeedEntry = {
  id: string;
  title: string;
  question: string;
  summary: string;
  version: number;
  publishedAt: Date;
  correctionNote: string | null;
  paperSlug: string;
  groupSlug: string;
  groupName: string;
  /** The commissioning organisation's name as credited at publication; null when not commissioned. */
  commissionedBy: string | null;
};

/** The newest published versions (every version is news), site-wide or for one group. */
export async function listRecentPublications(options: { groupSlug?: string; take: number }): Promise<FeedEntry[]> {
  const rows = await db.publication.findMany({
    where: options.groupSlug ? { paper: { group: { slug: options.groupSlug } } } : {},
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: options.take,
    select: {
      id: true,
      title: true,
      question: true,
      summary: true,
      version: true,
      publishedAt: true,
      correctionNote: true,
      commissionCredit: true,
      paper: { select: { slug: true, group: { select: { slug: true, name: true } } } },
    },
  });
  return rows.map(({ paper, commissionCredit, ...r }) => ({
    ...r,
    paperSlug: paper.slug,
    groupSlug: paper.group.slug,
    groupName: paper.group.name,
    commissionedBy: parseCommissionCredit(commissionCredit)?.organisation.name ?? null,
  }));
}

/** A group's name for its feed's title; null when there is no such group. */
export async function findFeedGroup(slug: string) {
  return db.group.findUnique({ where: { slug }, select: { slug: true, name: true } });
}

/** What /sitemap.xml lists, each list bounded. Drafts are public only in OPEN groups. */
export async function listSitemapEntries(limit: number) {
  const [groups, papers, publications] = await Promise.all([
    db.group.findMany({
      where: { joinPolicy: "OPEN" },
      orderBy: { updatedAt: "desc" },
      take: limit,
      select: { slug: true, updatedAt: true },
    }),
    db.paper.findMany({
      where: { group: { joinPolicy: "OPEN" } },
      orderBy: { updatedAt: "desc" },
      take: limit,
      select: { slug: true, updatedAt: true, group: { select: { slug: true } } },
    }),
    db.publication.findMany({
      orderBy: { publishedAt: "desc" },
      take: limit,
      select: {
        version: true,
        publishedAt: true,
        paper: { select: { slug: true, group: { select: { slug: true } } } },
      },
    }),
  ]);
  return { groups, papers, publications };
}
