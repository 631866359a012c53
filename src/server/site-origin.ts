import "server-only";
import { headers } from "next/headers";
import { originFromHeaders } from "@/lib/request-origin";
import { env } from "./env";

type HeaderSource = { get(name: string): string | null };

/** Where the app listens on this machine: the last resort, outside a request and for email. */
const localOrigin = () => `http://localhost:${process.env.PORT ?? 3000}`;

/** The configured address's origin, or this machine's: what a link may use without a request. */
function configuredOrLocal(): string {
  const configured = env().NEXTAUTH_URL;
  return configured ? new URL(configured).origin : localOrigin();
}

/**
 * The site's origin for absolute links on pages and in files a reader takes away (citations,
 * canonical links, feeds, the sitemap, downloads, the API). The configured NEXTAUTH_URL always
 * wins; production must set it (src/server/site-origin-check.ts stops the server otherwise).
 * Without it, on one machine, the request's own Host stands in when it is a plain host[:port]
 * (src/lib/request-origin.ts), so a site opened at http://192.168.1.20:3000 cites that address,
 * not localhost. A forged Host can only shape links in the answer to the request that forged
 * it: the page cache keys pages by Host and X-Forwarded-Host (server/page-cache/hook.ts).
 */
export function originFor(request: HeaderSource): string {
  if (env().NEXTAUTH_URL) return configuredOrLocal();
  return originFromHeaders(request, env().TRUST_PROXY) ?? localOrigin();
}

/**
 * As originFor, for route handlers given a Request. Its `url` names where Next listens, not what
 * the browser asked for, so it stands in only for a request with no Host at all (one made in code).
 */
export function requestOrigin(request: Request): string {
  if (request.headers.has("host")) return originFor(request.headers);
  const fallbackHost = new URL(request.url).host;
  return originFor({ get: (name) => (name === "host" ? fallbackHost : request.headers.get(name)) });
}

/** As originFor, for pages and metadata: the current request's headers, or outside a request (a job, a script) the configured or local address. */
export async function siteOrigin(): Promise<string> {
  let h: Awaited<ReturnType<typeof headers>>;
  try {
    h = await headers();
  } catch {
    // Not in a request (Next.js throws outside one).
    return configuredOrLocal();
  }
  return originFor(h);
}

/**
 * Headers for a cacheable answer whose links carry the site's origin. Without a configured
 * address that origin came from the request's Host, so a shared cache in front must keep one copy
 * per host, or a forged-Host copy would be served to everyone (for a year, for a final download).
 */
export function originVaryHeaders(): Record<string, string> {
  return env().NEXTAUTH_URL ? {} : { Vary: "Host, X-Forwarded-Host" };
}

/**
 * The origin for links in email: only ever the configured address. A request's Host header is the
 * sender's to choose, and a reset link built from it would carry the token to their site.
 */
export function mailOrigin(): string {
  return configuredOrLocal();
}
