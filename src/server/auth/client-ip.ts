import "server-only";
import { env } from "../env";

type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function read(headers: HeaderSource, name: string): string | null {
  if (typeof (headers as { get?: unknown }).get === "function") return (headers as { get(n: string): string | null }).get(name);
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value.join(",") : (value ?? null);
}

/**
 * The client's IP for rate limiting. Next's server records the socket address in
 * X-Forwarded-For; behind a trusted reverse proxy (TRUST_PROXY=1) the first
 * entry is the client, otherwise only the last hop is believed.
 */
export function clientIp(headers: HeaderSource): string {
  const forwarded = (read(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const ip = env().TRUST_PROXY === "1" ? forwarded[0] : forwarded[forwarded.length - 1];
  return ip || read(headers, "x-real-ip") || "unknown";
}
