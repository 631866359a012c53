import { atomHeaders, buildAtomFeed, FEED_SIZE, SITE_FEED_PATH } from "@/features/library/atom";
import { listRecentPublications } from "@/features/library/queries";
import { siteOrigin } from "@/server/site-origin";

export async function GET() {
  const entries = await listRecentPublications({ take: FEED_SIZE });
  const origin = await siteOrigin();
  const body = buildAtomFeed(
    { title: "Policy Commons: new publications", selfPath: SITE_FEED_PATH, alternatePath: "/library", origin },
    entries,
  );
  return new Response(body, { headers: atomHeaders() });
}
