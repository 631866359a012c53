import type { NextConfig } from "next";

// Headers that do not depend on the request, on every response (also the static files the
// proxy skips). The Content-Security-Policy needs a fresh nonce per request, and HSTS depends
// on the request's scheme, so src/proxy.ts sets those. X-Frame-Options repeats the CSP's
// frame-ancestors 'none' for browsers that predate it.
const securityHeaders = [
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  // The site uses none of these; no page, and nothing it might embed, may ask for them.
  {
    key: "Permissions-Policy",
    value: "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), browsing-topics=(), interest-cohort=()",
  },
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
