// Headers every answer of this site carries. next.config.ts sets them on everything Next serves;
// answers made before Next sees the request (src/server/fast-path.ts) set them too.

export const SECURITY_HEADERS = [
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  // The site uses none of these; no page, and nothing it might embed, may ask for them.
  {
    key: "Permissions-Policy",
    value:
      "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), browsing-topics=(), interest-cohort=()",
  },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** The same headers for a Node response, with Strict-Transport-Security when the request came over TLS. */
export function securityHeadersFor(behindTls: boolean): Record<string, string> {
  const headers = Object.fromEntries(SECURITY_HEADERS.map((h) => [h.key, h.value]));
  if (behindTls) headers["Strict-Transport-Security"] = HSTS;
  return headers;
}

export const HSTS = "max-age=63072000; includeSubDomains";
