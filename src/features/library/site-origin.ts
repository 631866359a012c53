import "server-only";
import { headers } from "next/headers";
import { env } from "@/server/env";

/**
 * The site's origin for absolute links in feeds and the sitemap. NEXTAUTH_URL is the configured
 * public address; only without it does the request's own Host header stand in (development).
 */
export async function siteOrigin(): Promise<string> {
  const configured = env().NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  const h = await headers();
  const host = h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") === "https" ? "https" : "http";
  return `${proto}://${host}`;
}
