import "server-only";
import { unstable_cache } from "next/cache";
import { cache } from "react";
import { REVISION_FACTS, revisionFacts, type SectionProvenance } from "@/features/papers/queries/provenance";
import { passagesOf } from "@/features/papers/text/provenance";
import { parseCommissionCredit } from "@/features/publishing/commission-credit";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { renderedHtml } from "@/server/markdown/rendered";
import { listVersions, loadPublication } from "./publication";

/** "3" is a version; "03", "v3", "-1", "1.5" and 9-digit numbers are not. */
export function parseVersion(value: string): number {
  if (!/^[1-9]\d{0,5}$/.test(value)) throw notFound("That version");
  return Number(value);
}

/** The publication as stored, with its date as text so it survives the cache's JSON round trip. */
async function readPublication(groupSlug: string, paperSlug: string, version: number) {
  const row = await loadPublication(groupSlug, paperSlug, version);
  return { ...row, publishedAt: row.publishedAt.toISOString() };
}
export type PublicationRead = Awaited<ReturnType<typeof readPublication>>;
type Reader = (groupSlug: string, paperSlug: string, version: number) => Promise<PublicationRead>;

/**
 * A published version never changes (a trigger refuses updates) and a new version gets a new
 * URL, so the read is cached across requests with no revalidation: repeat views of a version do
 * not query the publication. Missing versions throw, and errors are not cached.
 */
export const cachedPublication: Reader = unstable_cache(readPublication, ["publication-v2"], { revalidate: false });

async function publicationOf(groupSlug: string, paperSlug: string, versionParam: string, read: Reader) {
  const version = parseVersion(versionParam);
  const row = await read(groupSlug.toLowerCase(), paperSlug.toLowerCase(), version);
  return { ...row, publishedAt: new Date(row.publishedAt) };
}

/**
 * A published version for readers, public whatever the group's join policy, plus the paper's
 * list of versions (a handful; one query, not cached, so "a newer version exists" is current).
 * `read` is the cached reader in the app; tests pass the plain one.
 */
export const getPublicationPage = cache(
  async (groupSlug: string, paperSlug: string, versionParam: string, read: Reader = cachedPublication) => {
    const publication = await publicationOf(groupSlug, paperSlug, versionParam, read);
    const versions = await listVersions(publication.paper.id);
    const latest = versions[0]?.version ?? publication.version;
    // The credit as it stood at publication (the snapshot, never the live commission).
    const credit = parseCommissionCredit(publication.commissionCredit);
    // Every Markdown part of the page in one read: the sections, then the disclosure.
    const html = await renderedHtml([
      ...publication.sections.map((s) => s.body),
      ...(credit ? [{ markdown: credit.disclosure, headingOffset: 3 }] : []),
    ]);
    return {
      publication,
      /** Each section's sanitised HTML, in the order of publication.sections. */
      sectionHtml: html.slice(0, publication.sections.length),
      versions,
      latest,
      newer: latest > publication.version,
      commission: credit ? { credit, disclosureHtml: html[publication.sections.length] } : null,
    };
  },
);
export type PublicationPage = Awaited<ReturnType<typeof getPublicationPage>>;

/**
 * "How this was decided" for one section of a published version: its published text split into
 * passages by the revision that wrote them, and those revisions with their proposals (author,
 * tally overall and by perspective, discussion) in one query. Shaped like the draft's
 * provenance so the same view renders it.
 */
export const getPublishedSectionProvenance = cache(
  async (
    groupSlug: string,
    paperSlug: string,
    versionParam: string,
    anchor: string,
    read: Reader = cachedPublication,
  ) => {
    const publication = await publicationOf(groupSlug, paperSlug, versionParam, read);
    const section = publication.sections.find((s) => s.anchor === anchor.toLowerCase());
    if (!section) throw notFound("That section");
    const passages = passagesOf(section.body, section.provenance);
    const numbers = [...new Set(passages.map((p) => p.revision))];
    const revisions = await db.revision.findMany({
      where: { paperId: publication.paper.id, number: { in: numbers } },
      orderBy: { number: "asc" },
      select: REVISION_FACTS,
    });
    const data: SectionProvenance = {
      group: { slug: publication.paper.group.slug, name: publication.paper.group.name },
      paper: {
        id: publication.paper.id,
        slug: publication.paper.slug,
        title: publication.title,
        revision: publication.revisionNumber,
      },
      section: { id: section.id, anchor: section.anchor, heading: section.heading, removed: false },
      passages,
      origin: null,
      revisions: revisions.map(revisionFacts),
      merged: [],
    };
    return {
      publication: { version: publication.version, publishedAt: publication.publishedAt, title: publication.title },
      provenance: data,
    };
  },
);
