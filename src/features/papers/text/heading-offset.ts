/**
 * How far to move a section body's headings so its highest one becomes an h3 under the section's
 * h2, whether the author started at "#" or "##" (skipped levels confuse screen-reader navigation).
 */
export function sectionHeadingOffset(markdown: string): number {
  const levels = [...markdown.matchAll(/^ {0,3}(#{1,6})[ \t]/gm)].map((m) => m[1].length);
  return levels.length === 0 ? 2 : Math.max(0, 3 - Math.min(...levels));
}

/** A section body as the renderer takes it. */
export const sectionMarkdown = (body: string) => ({ markdown: body, headingOffset: sectionHeadingOffset(body) });
