import type { NextConfig } from "next";
import { MAX_FORM_BYTES } from "./src/lib/request-limits";
import { SECURITY_HEADERS } from "./src/lib/security-headers";

// Headers that do not depend on the request, on every response (also the static files the
// proxy skips). The Content-Security-Policy needs a fresh nonce per request, and HSTS depends
// on the request's scheme, so src/proxy.ts sets those. X-Frame-Options repeats the CSP's
// frame-ancestors 'none' for browsers that predate it (src/lib/security-headers.ts).

const nextConfig: NextConfig = {
  poweredByHeader: false,
  typescript: { tsconfigPath: "tsconfig.next.json" },
  // Native or Node-only packages stay out of the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "rate-limiter-flexible"],
  experimental: {
    // Next's default, stated here because the proxy and the forms enforce the same number
    // (src/lib/request-limits.ts) so that a person gets a message instead of an error page.
    serverActions: { bodySizeLimit: MAX_FORM_BYTES },
  },
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      // Both name the site's address, which comes from the request's Host when NEXTAUTH_URL is not
      // set (src/server/site-origin.ts): a shared cache must keep one copy per host. Said always,
      // since this configuration is built once for every address; it costs nothing when one is set.
      ...["/robots.txt", "/sitemap.xml"].map((source) => ({
        source,
        headers: [{ key: "Vary", value: "Host, X-Forwarded-Host" }],
      })),
    ];
  },
};

export default nextConfig;
