import "server-only";
import { cache } from "react";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { parseContributors, parseParticipation, parsePublishedSections } from "../published";

/** Everything a reader of one published version sees, and where it lives; pages and the API share it. */
export const PUBLICATION_FIELDS = {
  id: true,
  version: true,
  title: true,
  question: true,
  summary: true,
  sections: true,
  contributors: true,
  participation: true,
  licence: true,
  correctionNote: true,
  publishedAt: true,
  proposalId: true,
  commissionCredit: true,
  revision: { select: { number: true } },
  paper: { select: { id: true, slug: true, group: { select: { id: true, slug: true, name: true } } } },
} as const;

/**
 * One published version, for readers: public whatever the group's join policy, because
 * publishing is the group's decision to make the text public. Immutable, so safe to cache.
 */
export const loadPublication = cache(async (groupSlug: string, paperSlug: string, version: number) => {
  if (!Number.isInteger(version) || version < 1) throw notFound("That version");
  const row = await db.publication.findFirst({
    where: { version, paper: { slug: paperSlug, group: { slug: groupSlug } } },
    select: PUBLICATION_FIELDS,
  });
  if (!row) throw notFound("That version");
  return {
    ...row,
    revisionNumber: row.revision.number,
    sections: parsePublishedSections(row.sections),
    contributors: parseContributors(row.contributors),
    participation: parseParticipation(row.participation),
  };
});
export type LoadedPublication = Awaited<ReturnType<typeof loadPublication>>;

/** Every published version of a paper, newest first (a handful per paper). */
export async function listVersions(paperId: string) {
  return db.publication.findMany({
    where: { paperId },
    orderBy: { version: "desc" },
    select: { version: true, publishedAt: true, correctionNote: true, title: true },
  });
}

/** The raw response to a commissioned version, for the downloads (which render it themselves; a read of the publication's own row, so publishing needs nothing of commissions); null until there is one. */
export async function findPublicationResponse(publicationId: string) {
  return db.commissionResponse.findFirst({
    where: { publicationId },
    orderBy: { createdAt: "asc" },
    select: { id: true, signatoryName: true, body: true, createdAt: true },
  });
}
