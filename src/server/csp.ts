// The Content-Security-Policy of every page. Pages rendered per request allow their scripts by a
// nonce made for that request (src/proxy.ts); pages kept in the page cache for signed-out readers
// are sent again to many people, so they allow exactly the inline scripts they carry, by hash
// (src/server/page-cache/).

/** `scriptSources`: `'nonce-…' 'strict-dynamic'` for a rendered page, the scripts' hashes and 'self' for a cached one. */
export function contentSecurityPolicy(scriptSources: string, { isDev = false, behindTls = false } = {}) {
  return [
    "default-src 'self'",
    `script-src 'self' ${scriptSources}${isDev ? " 'unsafe-eval'" : ""}`,
    // React sets style attributes; no third-party styles or fonts are loaded.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(behindTls ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function nonceSources(nonce: string) {
  return `'nonce-${nonce}' 'strict-dynamic'`;
}
