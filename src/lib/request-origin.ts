// The site's origin as a request names it, for one machine with no configured address. Pure: the
// server (src/server/site-origin.ts) and the tests share it.
//
// The Host header is the client's to write. It is used only when nothing is configured (in
// production the address must be: src/server/site-origin-check.ts), only when it is a plain
// hostname or IP address with an optional port (no user info, path, spaces or markup), and only
// to build links for the same client's answer. X-Forwarded-Host and X-Forwarded-Proto are read
// only behind trusted proxies (TRUST_PROXY), the entry the outermost one wrote, as for addresses.

import { resolveForwardedProto, trustedEntry } from "./client-address";

type HeaderSource = { get(name: string): string | null };

const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const HOSTNAME = `${LABEL}(?:\\.${LABEL})*\\.?`;
const IPV6 = "\\[[0-9a-f:.]{2,45}\\]";
const HOST = new RegExp(`^(?:${HOSTNAME}|${IPV6})(?::(\\d{1,5}))?$`, "i");

/** `value` as a host for a URL (lower case, without a trailing dot), or null when it is not a plain host[:port]. */
export function validHost(value: string | null | undefined): string | null {
  const text = (value ?? "").trim();
  if (text.length === 0 || text.length > 260) return null;
  const match = HOST.exec(text);
  if (!match) return null;
  if (match[1] !== undefined && (Number(match[1]) < 1 || Number(match[1]) > 65535)) return null;
  const host = text.toLowerCase().replace(/\.(?=:|$)/, "");
  try {
    // What the URL parser makes of it must be what we checked (it rejects a bad IPv6 literal and
    // reads "1.2.3.4.5" as no address); it drops the default port 80.
    const parsed = new URL(`http://${host}/`).host;
    return parsed === host.replace(/:80$/, "") ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * "http://192.168.1.20:3000" from a request's headers, or null when its host is not a plain
 * host[:port]. Behind `hops` trusted proxies, X-Forwarded-Host (when they set it) and
 * X-Forwarded-Proto are believed; without, only Host, over http.
 */
export function originFromHeaders(headers: HeaderSource, hops: number): string | null {
  const forwardedHost = trustedEntry(headers.get("x-forwarded-host"), hops);
  const host = validHost(forwardedHost ?? headers.get("host"));
  if (!host) return null;
  const proto = resolveForwardedProto({ encrypted: false, forwardedProto: headers.get("x-forwarded-proto"), hops });
  return `${proto}://${host}`;
}
