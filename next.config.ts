import type { NextConfig } from "next";

// Headers that do not depend on the request. The Content-Security-Policy needs a
// fresh nonce per request, so src/proxy.ts sets it.
const securityHeaders = [
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), browsing-topics=(), interest-cohort=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  typescript: { tsconfigPath: "tsconfig.next.json" },
  // Native or Node-only packages stay out of the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "rate-limiter-flexible"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
