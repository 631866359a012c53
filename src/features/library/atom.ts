import { groupPath, publicationPath } from "@/lib/paths";
import { originVaryHeaders } from "@/server/site-origin";
import type { FeedEntry } from "./queries";

/** Any character XML 1.0 forbids: the class lists those it allows (tab, LF and CR among them). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters XML allows are named so that every other one is dropped
const NOT_XML_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** XML-escapes text for element content and attribute values; drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHAR, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export type FeedMeta = { title: string; selfPath: string; alternatePath: string; origin: string };

/** An Atom 1.0 feed (RFC 4287) of published versions. Entry ids are their permalinks, which never change. */
export function buildAtomFeed(meta: FeedMeta, entries: FeedEntry[]): string {
  const abs = (path: string) => `${meta.origin}${path}`;
  const updated = (entries[0]?.publishedAt ?? new Date(0)).toISOString();
  const items = entries.map((e) => {
    const url = abs(publicationPath(e.groupSlug, e.paperSlug, e.version));
    const title = e.version > 1 ? `${e.title} (version ${e.version})` : e.title;
    const summary = [
      e.commissionedBy ? `Commissioned by ${e.commissionedBy}.` : "",
      e.question,
      e.summary,
      e.correctionNote ? `Correction: ${e.correctionNote}` : "",
    ]
      .filter(Boolean)
      .join("\n\n");
    return `  <entry>
    <id>${escapeXml(url)}</id>
    <title>${escapeXml(title)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(url)}"/>
    <published>${e.publishedAt.toISOString()}</published>
    <updated>${e.publishedAt.toISOString()}</updated>
    <author><name>${escapeXml(e.groupName)}</name><uri>${escapeXml(abs(groupPath(e.groupSlug)))}</uri></author>
    <rights>CC BY 4.0</rights>
    <summary type="text">${escapeXml(summary)}</summary>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeXml(abs(meta.selfPath))}</id>
  <title>${escapeXml(meta.title)}</title>
  <updated>${updated}</updated>
  <link rel="self" type="application/atom+xml" href="${escapeXml(abs(meta.selfPath))}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(abs(meta.alternatePath))}"/>
  <author><name>Policy Commons</name></author>
${items.join("\n")}
</feed>
`;
}

export const atomHeaders = () => ({
  "Content-Type": "application/atom+xml; charset=utf-8",
  "Cache-Control": "public, max-age=300",
  ...originVaryHeaders(),
});
export const FEED_SIZE = 50;
export const SITE_FEED_PATH = "/feeds/publications.atom";
