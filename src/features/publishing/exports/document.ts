import type { Contributors, PublishedSection } from "../published";
import { publicationPath } from "../published";
import { citationOf, type Citation } from "./citation";

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
  /** The site's address, for turning site-relative links in bodies into absolute ones. */
  origin: string;
  /** For file names: "<paper-slug>-v<version>". */
  fileStem: string;
};

const LICENCES: Record<string, { name: string; url: string }> = {
  "CC-BY-4.0": { name: "Creative Commons Attribution 4.0 International", url: "https://creativecommons.org/licenses/by/4.0/" },
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
  paper: { slug: string; group: { slug: string; name: string } };
};

/** `origin` is the site's address, e.g. "https://commons.example.org", without a trailing slash. */
export function exportDocumentOf(p: ExportSource, origin: string): ExportDocument {
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
    citation: citationOf({ title: p.title, version: p.version, publishedAt: p.publishedAt, groupName: p.paper.group.name, permalink, paperSlug: p.paper.slug }),
    origin,
    fileStem: `${p.paper.slug}-v${p.version}`,
  };
}

/** "3 people commented; 12 people voted." */
export function participationLine(c: Contributors) {
  const people = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;
  return `${people(c.commenters)} commented in the discussions; ${people(c.voters)} voted on its proposals.`;
}
