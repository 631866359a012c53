import "server-only";
import { timingSafeEqual } from "node:crypto";
import { normaliseAddress, rateLimitNetwork } from "@/lib/client-address";
import { CLIENT_ADDRESS_SEAL_HEADER, clientAddressHook } from "../client-address-hook";
import { logError } from "../log";

type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function read(headers: HeaderSource, name: string): string | null {
  if (typeof (headers as { get?: unknown }).get === "function")
    return (headers as { get(n: string): string | null }).get(name);
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value.join(",") : (value ?? null);
}

/** Every request whose address cannot be verified shares this one key, so it can never escape a limit. */
export const UNVERIFIED_CLIENT = "unverified";

let warned = false;

/**
 * The key per-address limits (sign-in, registration) count this request under: the client's
 * address as src/server/client-address-hook.ts computed it from the socket and the trusted proxy
 * hops (TRUST_PROXY), an IPv6 address by its /64. Only a header that the hook wrote (it carries
 * this process's seal) is believed; anything else, such as an X-Forwarded-For the client made up,
 * counts as UNVERIFIED_CLIENT.
 */
export function clientIp(headers: HeaderSource): string {
  const hook = clientAddressHook();
  if (!hook) {
    if (!warned && process.env.NODE_ENV === "production") {
      warned = true;
      logError(
        "client addresses cannot be verified: the hook in src/instrumentation.ts is not installed in this process",
        new Error("client address hook missing"),
      );
    }
    return UNVERIFIED_CLIENT;
  }
  const seal = read(headers, CLIENT_ADDRESS_SEAL_HEADER) ?? "";
  const expected = Buffer.from(hook.seal);
  const given = Buffer.from(seal);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return UNVERIFIED_CLIENT;
  const address = normaliseAddress(read(headers, "x-forwarded-for"));
  return address ? rateLimitNetwork(address) : UNVERIFIED_CLIENT;
}
