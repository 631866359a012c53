import { listRecentPublications } from "@/features/library/queries";
import { FEED_SIZE, SITE_FEED_PATH, atomHeaders, buildAtomFeed } from "@/features/library/atom";
import { siteOrigin } from "@/features/library/site-origin";

export async function GET() {
  const entries = await listRecentPublications({ take: FEED_SIZE });
  const origin = await siteOrigin();
  const body = buildAtomFeed({ title: "Policy Commons: new publications", selfPath: SITE_FEED_PATH, alternatePath: "/library", origin }, entries);
  return new Response(body, { headers: atomHeaders });
}
