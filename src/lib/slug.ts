/**
 * A URL-safe slug from a title: lower case ASCII letters, digits and hyphens, at most `maxLength`
 * long. A longer one is cut at the last word boundary before the limit ("…-while-a-claim", not
 * "…-while-a-claim-is-a" cut from "assessed"), unless that would keep less than half the limit
 * (one very long word), which is then cut where the limit falls. Slugs are stored when made, so a
 * change here only affects new ones.
 */
export function slugify(text: string, maxLength = 60): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return cutAtWord(slug, maxLength) || "untitled";
}

function cutAtWord(slug: string, maxLength: number): string {
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  // The limit falls just before a hyphen: the last word is whole.
  if (slug[maxLength] === "-") return cut.replace(/-+$/, "");
  const boundary = cut.lastIndexOf("-");
  return boundary >= maxLength / 2 ? cut.slice(0, boundary) : cut.replace(/-+$/, "");
}

/** The first of slug, slug-2, slug-3, ... that is not taken. */
export function uniqueSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}
