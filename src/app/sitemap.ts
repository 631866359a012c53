import type { MetadataRoute } from "next";
import { listSitemapEntries } from "@/features/library/queries";
import { paperPath, publicationPath } from "@/lib/paths";
import { siteOrigin } from "@/server/site-origin";

// Read from the database on each request: prerendering it at build time would freeze it (and make
// the build need the database).
export const dynamic = "force-dynamic";

/** Each list is bounded; together they stay well under the sitemap protocol's 50,000 URLs. */
const LIMIT = 5_000;

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const origin = await siteOrigin();
  const { groups, papers, publications } = await listSitemapEntries(LIMIT);
  return [
    { url: `${origin}/` },
    { url: `${origin}/groups` },
    { url: `${origin}/library` },
    ...groups.map((g) => ({ url: `${origin}/groups/${g.slug}`, lastModified: g.updatedAt })),
    ...papers.map((p) => ({ url: `${origin}${paperPath(p.group.slug, p.slug)}`, lastModified: p.updatedAt })),
    ...publications.map((p) => ({
      url: `${origin}${publicationPath(p.paper.group.slug, p.paper.slug, p.version)}`,
      lastModified: p.publishedAt,
    })),
  ];
}
