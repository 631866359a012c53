import { NextResponse, type NextRequest } from "next/server";
import { refuseCrossSite } from "@/server/same-origin";
import { hasMalformedPercentEncoding } from "@/lib/route-params";
import { malformedAddressResponse } from "@/server/malformed-address";

// Refuses state-changing requests from other sites, sets a per-request nonce
// Content-Security-Policy (Next applies the nonce to its own scripts) and a request id
// for the logs. The headers that never change are in next.config.ts. Authorization is
// NOT done here: every page and action checks in the data layer.

function contentSecurityPolicy(nonce: string, isDev: boolean, behindTls: boolean) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
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

/**
 * `next start` serves plain HTTP, so TLS means a reverse proxy in front. Its X-Forwarded-Proto
 * is believed only with TRUST_PROXY=1, the same rule as client IPs (src/server/auth/client-ip.ts);
 * otherwise any client could set it. Read from process.env: env.ts is server-only.
 */
function isBehindTls(request: NextRequest) {
  if (process.env.TRUST_PROXY !== "1") return false;
  return request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

export function proxy(request: NextRequest) {
  const requestId = request.headers.get("x-request-id")?.match(/^[\w-]{8,64}$/)?.[0] ?? crypto.randomUUID();
  const refusal = refuseCrossSite(request);
  if (refusal) {
    refusal.headers.set("x-request-id", requestId);
    return refusal;
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const behindTls = isBehindTls(request);
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development", behindTls);

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-request-id", requestId);
  requestHeaders.set("Content-Security-Policy", csp);

  // A path Next.js cannot decode would answer 500: it names nothing (src/server/malformed-address.ts).
  const response = hasMalformedPercentEncoding(request.nextUrl.pathname)
    ? malformedAddressResponse(request.nextUrl.pathname)
    : NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("x-request-id", requestId);
  if (behindTls) {
    response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  }
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|robots.txt).*)" }],
};
