// The cross-site request check for everything that changes state. src/proxy.ts applies it to
// every POST/PUT/PATCH/DELETE; route handlers that take cookies apply it again themselves,
// because a proxy can be skipped (CVE-2025-29927). Server Actions also have Next's own check.
// No "server-only" here: the proxy imports it.

type HeaderSource = { get(name: string): string | null };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Whether this method can change state, so the request must come from this site. */
export function changesState(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Whether a request comes from a page of this site. Browsers send Origin on every non-GET
 * fetch and form post; it must name the host the request was sent to. As in Next's Server
 * Action check, X-Forwarded-Host (its first entry) wins over Host: another site's page cannot
 * set it, so it cannot forge a match. Without Origin (curl, scripts) only a browser's own
 * Sec-Fetch-Site: cross-site refuses; a script without the user's cookie has nothing to forge.
 */
export function isSameOrigin(headers: HeaderSource): boolean {
  const origin = headers.get("origin");
  if (origin === null) return headers.get("sec-fetch-site") !== "cross-site";
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  if (!host) return false;
  try {
    // "null" (sandboxed frames, data: pages) does not parse and is refused.
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

export const CROSS_SITE_MESSAGE = "Cross-site requests are not accepted.";

/** A 403 for a state-changing request from another site, or null when it may go on. */
export function refuseCrossSite(request: { method: string; headers: HeaderSource }): Response | null {
  if (!changesState(request.method) || isSameOrigin(request.headers)) return null;
  return Response.json({ error: CROSS_SITE_MESSAGE }, { status: 403, headers: { "Cache-Control": "no-store" } });
}
