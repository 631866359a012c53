// Which address a request came from, when proxies may stand in front of the app. Pure: the
// server hook (src/server/client-address-hook.ts), the proxy and the rate limits share it.
//
// X-Forwarded-For is a list that anyone can start: a client may send "X-Forwarded-For: 1.2.3.4",
// and each proxy on the way appends the address it saw the request come from. Only the entries
// that our own proxies appended can be believed, counted from the right: with one trusted proxy
// (TRUST_PROXY=1) the last entry is the client as that proxy saw it; with two, the last but one.
// Without a trusted proxy the header means nothing and the socket's address is the client.

/** TRUST_PROXY: how many reverse proxies of our own stand in front of the app (0 when unset). Null when the value is not a number of proxies. */
export function parseTrustProxy(value: string | undefined): number | null {
  const text = (value ?? "").trim();
  if (text === "") return 0;
  return /^\d{1,2}$/.test(text) ? Number(text) : null;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * An IP address in one canonical form, or null when `value` is not one. Accepts what proxies
 * write: "203.0.113.9", "203.0.113.9:5123", "2001:db8::1", "[2001:db8::1]:443", and IPv4 mapped
 * into IPv6 ("::ffff:203.0.113.9", as Node reports IPv4 clients on a dual-stack socket).
 */
export function normaliseAddress(value: string | undefined | null): string | null {
  if (!value) return null;
  let text = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) text = bracketed[1];
  else if (/^[\d.]+:\d{1,5}$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  if (IPV4.test(text)) return text;
  if (!text.includes(":") || !/^[0-9a-fA-F:.]+$/.test(text)) return null;
  let canonical: string;
  try {
    canonical = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (mapped) {
    const [hi, lo] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)];
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return canonical;
}

function entries(header: string | string[] | null | undefined): string[] {
  const text = Array.isArray(header) ? header.join(",") : (header ?? "");
  return text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The entry of a comma-separated forwarding header (X-Forwarded-For, -Proto, -Host) that the
 * outermost of `hops` trusted proxies wrote: the `hops`-th from the right, or the leftmost when
 * there are fewer; null when there is none or no proxy is trusted.
 */
export function trustedEntry(header: string | string[] | null | undefined, hops: number): string | null {
  if (hops <= 0) return null;
  const chain = entries(header);
  return chain.length === 0 ? null : (chain[Math.max(0, chain.length - hops)] ?? null);
}

/**
 * The client's address: the socket's own without trusted proxies; otherwise the X-Forwarded-For
 * entry that the outermost trusted proxy appended (the `hops`-th from the right; the leftmost
 * when there are fewer). An entry that is not an address falls back to the socket's, which a
 * client cannot choose.
 */
export function resolveClientAddress(input: {
  socketAddress: string | undefined | null;
  forwardedFor: string | string[] | null | undefined;
  hops: number;
}): string | null {
  const socket = normaliseAddress(input.socketAddress);
  return normaliseAddress(trustedEntry(input.forwardedFor, input.hops)) ?? socket;
}

/** The scheme the client used: "https" only when the socket is TLS, or when the outermost trusted proxy says so. */
export function resolveForwardedProto(input: {
  encrypted: boolean;
  forwardedProto: string | string[] | null | undefined;
  hops: number;
}): "http" | "https" {
  if (input.encrypted) return "https";
  return trustedEntry(input.forwardedProto, input.hops)?.toLowerCase() === "https" ? "https" : "http";
}

function expandIpv6(address: string): number[] {
  const [head, tail] = address.includes("::") ? address.split("::") : [address, undefined];
  const part = (s: string | undefined) => (s ? s.split(":").map((h) => parseInt(h, 16)) : []);
  const left = part(head);
  const right = part(tail);
  return tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
}

/**
 * The key per-address rate limits count under: an IPv4 address as is, an IPv6 address by its /64
 * network, because one home or server is given a whole /64 and could otherwise take a fresh
 * address for every request (Mastodon throttles the same way).
 */
export function rateLimitNetwork(address: string): string {
  if (!address.includes(":")) return address;
  const groups = expandIpv6(address)
    .slice(0, 4)
    .map((g) => g.toString(16));
  return `${groups.join(":")}::/64`;
}

/**
 * Whether a request reached us over TLS. `next start` serves plain HTTP, so TLS means a reverse
 * proxy in front, whose X-Forwarded-Proto is believed only with TRUST_PROXY set (1 or more
 * proxies), the same rule as client addresses: src/server/client-address-hook.ts has already
 * replaced the header with the scheme that the outermost trusted proxy reported, so a client
 * cannot forge it. The proxy and the fast paths pass process.env.TRUST_PROXY (env.ts is server-only).
 */
export function cameOverTls(trustProxy: string | undefined, forwardedProto: string | string[] | null | undefined) {
  const hops = parseTrustProxy(trustProxy) ?? 0;
  if (hops === 0) return false;
  return resolveForwardedProto({ encrypted: false, forwardedProto, hops }) === "https";
}
