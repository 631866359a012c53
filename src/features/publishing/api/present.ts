import {
  commissionPath,
  organisationPath,
  paperApiPath,
  proposalPath,
  publicationDownloadPath,
  publicationPath,
  publishedSectionPath,
} from "@/lib/paths";
import { citationOf } from "../exports/citation";
import { licenceOf } from "../exports/document";
import type { listPaperVersions, listPublishedPapers, loadPublishedVersion } from "./queries";
import {
  PAGE_SIZE,
  type PaperList,
  type PaperVersions,
  type PublicationVersion,
  ZPaperList,
  ZPaperVersions,
  ZPublicationVersion,
} from "./schemas";

// Query results to API responses: absolute URLs, ISO dates, no internal ids of people. Each
// response is parsed with its schema on the way out, so the OpenAPI document (made from the
// same schemas) describes exactly what is sent.

export const apiPaperPath = (paperId: string) => paperApiPath(paperId);
export const apiVersionPath = (paperId: string, version: number) => `${apiPaperPath(paperId)}/versions/${version}`;

const groupOf = (origin: string, g: { slug: string; name: string }) => ({
  slug: g.slug,
  name: g.name,
  url: `${origin}/groups/${g.slug}`,
});

const downloadsOf = (origin: string, groupSlug: string, paperSlug: string, version: number) => ({
  markdown: origin + publicationDownloadPath(groupSlug, paperSlug, version, "markdown"),
  html: origin + publicationDownloadPath(groupSlug, paperSlug, version, "html"),
  pdf: origin + publicationDownloadPath(groupSlug, paperSlug, version, "pdf"),
});

export function presentPaperList(
  origin: string,
  page: number,
  group: string | undefined,
  { rows, total }: Awaited<ReturnType<typeof listPublishedPapers>>,
): PaperList {
  const totalPages = Math.ceil(total / PAGE_SIZE);
  const next =
    page < totalPages
      ? `${origin}/api/papers?page=${page + 1}${group ? `&group=${encodeURIComponent(group)}` : ""}`
      : null;
  return ZPaperList.parse({
    papers: rows.map((r) => ({
      id: r.id,
      title: r.title,
      group: groupOf(origin, { slug: r.groupSlug, name: r.groupName }),
      latestVersion: r.latestVersion,
      firstPublishedAt: r.firstPublishedAt.toISOString(),
      latestPublishedAt: r.latestPublishedAt.toISOString(),
      url: origin + publicationPath(r.groupSlug, r.slug, r.latestVersion),
      apiUrl: origin + apiPaperPath(r.id),
    })),
    page,
    pageSize: PAGE_SIZE,
    total,
    totalPages,
    next,
  });
}

export function presentPaperVersions(
  origin: string,
  paper: Awaited<ReturnType<typeof listPaperVersions>>,
): PaperVersions {
  return ZPaperVersions.parse({
    id: paper.id,
    title: paper.publications[0].title,
    group: groupOf(origin, paper.group),
    versions: paper.publications.map((v) => ({
      version: v.version,
      title: v.title,
      publishedAt: v.publishedAt.toISOString(),
      correctionNote: v.correctionNote,
      url: origin + publicationPath(paper.group.slug, paper.slug, v.version),
      apiUrl: origin + apiVersionPath(paper.id, v.version),
      downloads: downloadsOf(origin, paper.group.slug, paper.slug, v.version),
    })),
  });
}

export function presentPublishedVersion(
  origin: string,
  p: Awaited<ReturnType<typeof loadPublishedVersion>>,
): PublicationVersion {
  const { group, slug } = p.paper;
  const url = origin + publicationPath(group.slug, slug, p.version);
  return ZPublicationVersion.parse({
    paperId: p.paper.id,
    version: p.version,
    title: p.title,
    question: p.question,
    summary: p.summary,
    group: groupOf(origin, group),
    publishedAt: p.publishedAt.toISOString(),
    correctionNote: p.correctionNote,
    url,
    downloads: downloadsOf(origin, group.slug, slug, p.version),
    licence: licenceOf(p.licence),
    citation: citationOf({
      title: p.title,
      version: p.version,
      publishedAt: p.publishedAt,
      groupName: group.name,
      permalink: url,
      paperSlug: slug,
    }),
    sections: p.sections.map((s) => ({
      anchor: s.anchor,
      heading: s.heading,
      markdown: s.body,
      url: `${url}#${s.anchor}`,
      provenanceUrl: origin + publishedSectionPath(group.slug, slug, p.version, s.anchor),
      proposals: s.proposals.map((q) => ({
        number: q.number,
        kind: q.kind,
        author: q.author?.displayName ?? null,
        tally: {
          support: q.tally.support,
          oppose: q.tally.oppose,
          abstain: q.tally.abstain,
          byPerspective: {
            practitioners: { support: q.tally.practitionerSupport, oppose: q.tally.practitionerOppose },
            serviceUsers: { support: q.tally.serviceUserSupport, oppose: q.tally.serviceUserOppose },
          },
        },
        closedAt: q.closedAt?.toISOString() ?? null,
        mergedRevision: q.mergedRevision,
        discussionUrl: origin + proposalPath(q.id),
      })),
    })),
    contributors: {
      people: p.contributors.people.map(({ displayName, handle, perspective, startedPaper, mergedProposals }) => ({
        displayName,
        handle,
        perspective,
        startedPaper,
        mergedProposals,
      })),
      commenters: p.contributors.commenters,
      voters: p.contributors.voters,
    },
    participation: p.participation,
    commission: p.commission ? commissionOf(origin, p.commission) : null,
  });
}

function commissionOf(
  origin: string,
  { credit, response }: NonNullable<Awaited<ReturnType<typeof loadPublishedVersion>>["commission"]>,
) {
  const { slug, name, verified } = credit.organisation;
  return {
    organisation: { slug, name, verified, url: origin + organisationPath(slug) },
    url: origin + commissionPath(credit.commissionId),
    title: credit.commissionTitle,
    question: credit.question,
    disclosure: credit.disclosure,
    independence: credit.independence,
    response: response
      ? { signatory: response.signatoryName, markdown: response.body, respondedAt: response.createdAt.toISOString() }
      : null,
  };
}
