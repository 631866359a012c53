import { bibtexCitation, plainCitation } from "../components/citation";

/**
 * How to cite a published version, in the exports: the same text and BibTeX as the "Cite this"
 * block on the published page (one source, so a downloaded file and the page never disagree).
 */
export type Citation = { text: string; bibtex: string };

type CitationInput = {
  title: string;
  version: number;
  publishedAt: Date;
  groupName: string;
  permalink: string;
  paperSlug: string;
};

export function citationOf(c: CitationInput): Citation {
  const facts = {
    groupName: c.groupName,
    title: c.title,
    version: c.version,
    publishedAt: c.publishedAt,
    url: c.permalink,
  };
  return { text: plainCitation(facts), bibtex: bibtexCitation(facts, `${c.paperSlug.slice(0, 40)}-v${c.version}`) };
}
