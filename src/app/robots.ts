import type { MetadataRoute } from "next";
import { siteOrigin } from "@/server/site-origin";

// /robots.txt. Made here rather than kept as a file in public/: the protocol wants the sitemap's
// address absolute, and the site's origin (NEXTAUTH_URL) is known only where the app runs, while
// a file in public/ would be fixed into the build, which is reused across addresses (tests, a
// reverse proxy's public name). Next.js refuses a public/robots.txt next to this file.
export const dynamic = "force-dynamic";

export default async function robots(): Promise<MetadataRoute.Robots> {
  const origin = await siteOrigin();
  return {
    rules: {
      userAgent: "*",
      allow: "/",
      // Pages only a signed-in member can use, search results (endless combinations of the same
      // content) and sign-in's own endpoints: nothing there for an index.
      disallow: ["/admin/", "/api/auth/", "/invite/", "/notifications", "/search", "/settings/"],
    },
    sitemap: `${origin}/sitemap.xml`,
  };
}
