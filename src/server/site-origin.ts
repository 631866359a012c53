import "server-only";
import { headers } from "next/headers";
import { env } from "./env";

/**
 * The site's origin for absolute links in feeds, the sitemap and email. NEXTAUTH_URL is the
 * configured public address; only without it does the request's own Host header stand in
 * (development), and outside any request (a job, a script) the default local address.
 */
export async function siteOrigin(): Promise<string> {
  const configured = env().NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  let h: Awaited<ReturnType<typeof headers>>;
  try {
    h = await headers();
  } catch {
    // Not in a request (Next.js throws outside one).
    return `http://localhost:${process.env.PORT ?? 3000}`;
  }
  const host = h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") === "https" ? "https" : "http";
  return `${proto}://${host}`;
}

/**
 * The origin for links in email: only ever the configured address. A request's Host header is the
 * sender's to choose, and a reset link built from it would carry the token to their site.
 */
export function mailOrigin(): string {
  const configured = env().NEXTAUTH_URL;
  return configured ? new URL(configured).origin : `http://localhost:${process.env.PORT ?? 3000}`;
}
