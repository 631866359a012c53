import { parseCommissionCredit } from "@/features/publishing/commission-credit";
import { commissionPath, organisationPath, publicationPath } from "@/lib/paths";
import type { Contributors, PublishedSection } from "../published";
import { type Citation, citationOf } from "./citation";

/** A commissioned report's credit as published, and the organisation's signed response if it has made one. */
export type ExportCommission = {
  organisation: { name: string; url: string; verified: boolean };
  commissionUrl: string;
  /** Markdown from the organisation, as it stood at publication. */
  disclosure: string;
  independence: string;
  response: { signatory: string; body: string; date: Date } | null;
};

/**
 * Everything an export shows, in one plain object: the Markdown, HTML and PDF writers read only
 * this, so they stay pure and agree with each other. Links are absolute, because a downloaded
 * file is read away from the site.
 */
export type ExportDocument = {
  title: string;
  version: number;
  publishedAt: Date;
  licence: { code: string; name: string; url: string };
  permalink: string;
  group: { name: string; url: string };
  question: string;
  summary: string;
  correctionNote: string | null;
  sections: Pick<PublishedSection, "anchor" | "heading" | "body">[];
  contributors: Contributors;
  citation: Citation;
  /** Null when the paper was not commissioned. */
  commission: ExportCommission | null;
  /** The site's address, for turning site-relative links in bodies into absolute ones. */
  origin: string;
  /** For file names: "<paper-slug>-v<version>". */
  fileStem: string;
};

const LICENCES: Record<string, { name: string; url: string }> = {
  "CC-BY-4.0": {
    name: "Creative Commons Attribution 4.0 International",
    url: "https://creativecommons.org/licenses/by/4.0/",
  },
};

export function licenceOf(code: string) {
  return { code, ...(LICENCES[code] ?? { name: code, url: "" }) };
}

export type ExportSource = {
  version: number;
  title: string;
  question: string;
  summary: string;
  sections: PublishedSection[];
  contributors: Contributors;
  licence: string;
  correctionNote: string | null;
  publishedAt: Date;
  /** The credit snapshot taken at publication (absent or null: not commissioned). */
  commissionCredit?: unknown;
  paper: { slug: string; group: { slug: string; name: string } };
};

export type ExportResponse = { signatoryName: string; body: string; createdAt: Date };

function commissionOf(snapshot: unknown, response: ExportResponse | null, origin: string): ExportCommission | null {
  const credit = parseCommissionCredit(snapshot);
  if (!credit) return null;
  return {
    organisation: {
      name: credit.organisation.name,
      url: origin + organisationPath(credit.organisation.slug),
      verified: credit.organisation.verified,
    },
    commissionUrl: origin + commissionPath(credit.commissionId),
    disclosure: credit.disclosure,
    independence: credit.independence,
    response: response ? { signatory: response.signatoryName, body: response.body, date: response.createdAt } : null,
  };
}

/** `origin` is the site's address, e.g. "https://commons.example.org", without a trailing slash. */
export function exportDocumentOf(
  p: ExportSource,
  origin: string,
  response: ExportResponse | null = null,
): ExportDocument {
  const permalink = `${origin}${publicationPath(p.paper.group.slug, p.paper.slug, p.version)}`;
  return {
    title: p.title,
    version: p.version,
    publishedAt: p.publishedAt,
    licence: licenceOf(p.licence),
    permalink,
    group: { name: p.paper.group.name, url: `${origin}/groups/${p.paper.group.slug}` },
    question: p.question,
    summary: p.summary,
    correctionNote: p.correctionNote,
    sections: p.sections.map(({ anchor, heading, body }) => ({ anchor, heading, body })),
    contributors: p.contributors,
    citation: citationOf({
      title: p.title,
      version: p.version,
      publishedAt: p.publishedAt,
      groupName: p.paper.group.name,
      permalink,
      paperSlug: p.paper.slug,
    }),
    commission: commissionOf(p.commissionCredit, response, origin),
    origin,
    fileStem: `${p.paper.slug}-v${p.version}`,
  };
}

/** "3 people commented; 12 people voted." */
export function participationLine(c: Contributors) {
  const people = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;
  return `${people(c.commenters)} commented in the discussions; ${people(c.voters)} voted on its proposals.`;
}
