import { type NextRequest, NextResponse } from "next/server";
import { readBoundedBody } from "@/lib/bounded-body";
import { cameOverTls } from "@/lib/client-address";
import { requestIdFrom } from "@/lib/request-id";
import { MAX_FORM_BYTES, tooLargeAnswer, UNREADABLE_FORM_MESSAGE } from "@/lib/request-limits";
import { PAGE_PATH_HEADER } from "@/lib/return-path";
import { hasMalformedPercentEncoding } from "@/lib/route-params";
import { HSTS } from "@/lib/security-headers";
import { contentSecurityPolicy, nonceSources } from "@/server/csp";
import { malformedAddressResponse } from "@/server/malformed-address";
import { changesState, refuseCrossSite } from "@/server/same-origin";

// Refuses state-changing requests from other sites, sets a per-request nonce
// Content-Security-Policy (Next applies the nonce to its own scripts) and a request id
// for the logs. The headers that never change are in next.config.ts. Authorization is
// NOT done here: every page and action checks in the data layer.

/**
 * Whether a state-changing request carries more than any form of this site may send. Next
 * would refuse a Server Action over its bodySizeLimit too, but with an internal error (a 500
 * and an error page in the browser); here it gets a 413 and a message. A declared
 * Content-Length is enough; a body sent without one (chunked) is counted as it arrives, up to
 * just past the limit.
 */
async function isTooLarge(request: NextRequest): Promise<boolean> {
  if (!changesState(request.method)) return false;
  // Read nothing when the length is declared: a body the proxy reads is not there for the action.
  const declared = request.headers.get("content-length");
  if (declared !== null) return Number(declared) > MAX_FORM_BYTES;
  const read = await readBoundedBody(request, MAX_FORM_BYTES, { keep: false });
  return !read.ok && read.reason === "too-large";
}

function tooLarge(request: NextRequest) {
  const answer = tooLargeAnswer({
    nextAction: request.headers.has("next-action"),
    accept: request.headers.get("accept") ?? "",
  });
  return new NextResponse(answer.body, {
    status: 413,
    headers: { "Cache-Control": "no-store", Connection: "close", "Content-Type": answer.contentType },
  });
}

/**
 * Every Server Action of this site is called by a form, with the form's FormData, which the
 * browser sends as multipart/form-data. Anything else carrying a Next-Action header (JSON, plain
 * text, no body type) is not from our pages, and Next would fail decoding it with a 500.
 */
function notAForm(request: NextRequest) {
  if (request.method !== "POST" || !request.headers.get("next-action")) return null;
  const type = request.headers.get("content-type")?.toLowerCase() ?? "";
  if (type.startsWith("multipart/form-data") && type.includes("boundary=")) return null;
  return NextResponse.json(
    { error: UNREADABLE_FORM_MESSAGE },
    { status: 415, headers: { "Cache-Control": "no-store" } },
  );
}

/**
 * Our forms post their Server Actions to the page they are on. Sent to a file (/favicon.ico, a
 * built script) or a route handler, a Server Action request has nothing to run, and Next's static
 * file server answers it with a 500: it is simply not found.
 */
function notAPage(request: NextRequest) {
  if (!request.headers.get("next-action")) return null;
  const path = request.nextUrl.pathname;
  const file = /\.[A-Za-z0-9]+$/.test(path.slice(path.lastIndexOf("/") + 1));
  if (!file && !path.startsWith("/_next/") && !path.startsWith("/api/")) return null;
  return NextResponse.json(
    { error: "There is no form to send here." },
    { status: 404, headers: { "Cache-Control": "no-store" } },
  );
}

/**
 * A Server Action's form that does not even parse as multipart/form-data (cut short, a broken
 * boundary) would end in Next's decoder with a 500. Read from a copy; the body is at most 1 MB here.
 * Only for a declared length, as browsers send forms: a body sent without one was read while it was
 * counted (isTooLarge), and Next's decoder has the last word on it.
 */
async function unparsableForm(request: NextRequest) {
  if (
    request.method !== "POST" ||
    !request.headers.get("next-action") ||
    request.headers.get("content-length") === null
  )
    return null;
  try {
    await request.clone().formData();
    return null;
  } catch {
    return NextResponse.json(
      { error: UNREADABLE_FORM_MESSAGE },
      { status: 400, headers: { "Cache-Control": "no-store" } },
    );
  }
}

/**
 * Endpoints a signed token in the address authenticates, with no cookie to forge: RFC 8058's
 * one-click unsubscribe is POSTed by mail providers, from their servers or their webmail's origin.
 */
const TOKEN_ENDPOINTS = new Set(["/api/unsubscribe"]);

export async function proxy(request: NextRequest) {
  const requestId = requestIdFrom(request.headers.get("x-request-id"));
  const refusal =
    (TOKEN_ENDPOINTS.has(request.nextUrl.pathname) ? null : refuseCrossSite(request)) ??
    notAPage(request) ??
    notAForm(request) ??
    ((await isTooLarge(request)) ? tooLarge(request) : null) ??
    (await unparsableForm(request));
  if (refusal) {
    refusal.headers.set("x-request-id", requestId);
    return refusal;
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const behindTls = cameOverTls(process.env.TRUST_PROXY, request.headers.get("x-forwarded-proto"));
  const csp = contentSecurityPolicy(nonceSources(nonce), { isDev: process.env.NODE_ENV === "development", behindTls });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-request-id", requestId);
  requestHeaders.set("Content-Security-Policy", csp);
  // The page asked for, so the header's "Sign in" can return to it before any script runs (the
  // root layout does not otherwise know the path). Set here, so a client cannot supply its own.
  requestHeaders.set(PAGE_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);

  // A path Next.js cannot decode would answer 500: it names nothing (src/server/malformed-address.ts).
  const response = hasMalformedPercentEncoding(request.nextUrl.pathname)
    ? malformedAddressResponse(request.nextUrl.pathname)
    : NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("x-request-id", requestId);
  if (behindTls) {
    response.headers.set("Strict-Transport-Security", HSTS);
  }
  return response;
}

export const config = {
  matcher: [
    // Pages, route handlers and public files; built assets and the two files browsers fetch
    // on every visit need no CSP nonce.
    { source: "/((?!_next/static|_next/image|favicon.ico|robots.txt).*)" },
    // A Server Action request is checked whatever path it names, static files included: Next
    // runs the action machinery for any path, and without this a cross-site POST to
    // /favicon.ico skipped the origin check here and ended in Next's own 500.
    { source: "/:path*", has: [{ type: "header", key: "next-action" }] },
  ],
};
