/**
 * How to cite a published version. The group is the author, as a collective (so BibTeX gets
 * double braces and does not split it into first and last names); the URL is the permalink.
 */
export type CitationFacts = { groupName: string; title: string; version: number; publishedAt: Date; url: string };

export const SITE_NAME = "Policy Commons";
export const LICENCE_NAME = "Creative Commons Attribution 4.0 International (CC BY 4.0)";
export const LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/";

export function collectiveAuthor(groupName: string) {
  return `${groupName}, ${SITE_NAME}`;
}

export function plainCitation(c: CitationFacts): string {
  const year = c.publishedAt.getUTCFullYear();
  return `${collectiveAuthor(c.groupName)} (${year}). ${c.title}. Version ${c.version}. ${c.url}. Licensed under CC BY 4.0.`;
}

/** BibTeX braces and backslashes would break the entry; other characters pass through as UTF-8. */
const bib = (text: string) => text.replace(/[\\{}]/g, "").replace(/([%&$#_])/g, "\\$1");

export function bibtexCitation(c: CitationFacts, key: string): string {
  return [
    // A slug cut short can leave "--" before "-v2": collapse it so keys read cleanly.
    `@misc{${key.replace(/[^A-Za-z0-9_-]/g, "").replace(/-{2,}/g, "-")},`,
    `  author = {{${bib(collectiveAuthor(c.groupName))}}},`,
    `  title = {{${bib(c.title)}}},`,
    `  year = {${c.publishedAt.getUTCFullYear()}},`,
    `  version = {${c.version}},`,
    `  url = {${c.url}},`,
    `  license = {CC BY 4.0},`,
    `  note = {Version ${c.version}, published ${c.publishedAt.toISOString().slice(0, 10)}}`,
    `}`,
  ].join("\n");
}
