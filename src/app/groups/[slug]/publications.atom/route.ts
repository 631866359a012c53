import { atomHeaders, buildAtomFeed, FEED_SIZE } from "@/features/library/atom";
import { findFeedGroup, listRecentPublications } from "@/features/library/queries";
import { groupFeedPath, groupPath } from "@/lib/paths";
import { routeParams } from "@/server/route-params";
import { siteOrigin } from "@/server/site-origin";

// Published versions are public whatever the group's join policy, so this feed is too.
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const valid = await routeParams(params, { slug: "slug" });
  const group = valid ? await findFeedGroup(valid.slug.toLowerCase()) : null;
  if (!group)
    return new Response("No such group.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const entries = await listRecentPublications({ groupSlug: group.slug, take: FEED_SIZE });
  const origin = await siteOrigin();
  const body = buildAtomFeed(
    {
      title: `${group.name}: new publications`,
      selfPath: groupFeedPath(group.slug),
      alternatePath: groupPath(group.slug),
      origin,
    },
    entries,
  );
  return new Response(body, { headers: atomHeaders() });
}
