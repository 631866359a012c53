import "server-only";
import { env } from "@/server/env";

/**
 * The site's public address, for links inside downloaded files and API responses: the
 * configured NEXTAUTH_URL when set (behind a proxy the request may name an inner host),
 * otherwise the address the request came to.
 */
export function siteOrigin(request: Request): string {
  const configured = env().NEXTAUTH_URL;
  return (configured ? new URL(configured).origin : new URL(request.url).origin).replace(/\/$/, "");
}
