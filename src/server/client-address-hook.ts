// Makes the client's address trustworthy before Next.js (or anything else) reads a request.
// No "server-only": src/instrumentation.ts imports it. Node.js runtime only.
//
// Route handlers and Server Actions see headers, never the socket, and Next keeps an
// X-Forwarded-For that the client sent (it only fills the header in when it is missing), so a
// client could name any address it liked and escape every per-address limit. This hook runs for
// every "request" event of the process's HTTP servers, which in `next start` and `next dev` are
// created in the same process that runs src/instrumentation.ts. It computes the address from the
// socket and the proxy hops that TRUST_PROXY allows (src/lib/client-address.ts), then rewrites:
//
//   x-forwarded-for    the one address believed
//   x-forwarded-proto  the scheme believed
//   x-client-address-seal  a random value made when this process started
//
// The seal tells src/server/auth/client-ip.ts that this hook wrote the header. A request that
// reached the server before the hook was installed (the first moments after a start), or a
// server that never installs it, carries no valid seal and is counted as "unverified" (one
// shared bucket), never as whatever address the client wrote.

import { randomBytes } from "node:crypto";
import type http from "node:http";
import { parseTrustProxy, resolveClientAddress, resolveForwardedProto } from "@/lib/client-address";
import { beforeEveryRequest } from "./request-hook";

export const CLIENT_ADDRESS_SEAL_HEADER = "x-client-address-seal";

type HookState = { seal: string; hops: number };
const STATE = Symbol.for("policy-commons.client-address-hook");
type WithState = typeof globalThis & { [STATE]?: HookState };

/** The installed hook's seal and hop count, or undefined when it is not installed in this process. */
export function clientAddressHook(): HookState | undefined {
  return (globalThis as WithState)[STATE];
}

/** Rewrites one request's forwarding headers as the hook does (exported for tests). */
export function rewriteForwardingHeaders(req: http.IncomingMessage, state: HookState) {
  const socket = req.socket as (typeof req.socket & { encrypted?: boolean }) | undefined;
  const address = resolveClientAddress({
    socketAddress: socket?.remoteAddress,
    forwardedFor: req.headers["x-forwarded-for"],
    hops: state.hops,
  });
  const proto = resolveForwardedProto({
    encrypted: !!socket?.encrypted,
    forwardedProto: req.headers["x-forwarded-proto"],
    hops: state.hops,
  });
  if (address) req.headers["x-forwarded-for"] = address;
  else delete req.headers["x-forwarded-for"];
  req.headers["x-forwarded-proto"] = proto;
  req.headers[CLIENT_ADDRESS_SEAL_HEADER] = state.seal;
  // "a.example, b.example" (a client's own, or one proxy appending to another's): only the first
  // entry counts, as in the same-site check and Next's own; next-auth read the whole list as one
  // host and failed with a 500.
  const forwardedHost = req.headers["x-forwarded-host"];
  if (typeof forwardedHost === "string" && forwardedHost.includes(",")) {
    const first = forwardedHost.split(",")[0]?.trim();
    if (first) req.headers["x-forwarded-host"] = first;
    else delete req.headers["x-forwarded-host"];
  }
}

/**
 * For src/instrumentation.ts: installs the hook, or stops the process with the reason when
 * TRUST_PROXY is not a number of proxies (Next would keep a process whose instrumentation threw
 * alive, answering every request with a 500). Here rather than there, because the
 * instrumentation file is also compiled for the Edge runtime, which has no process.exit.
 */
export function installClientAddressHookOrStop(): void {
  try {
    installClientAddressHook();
  } catch (error) {
    console.error(`\n${error instanceof Error ? error.message : String(error)}\nThe server stops.\n`);
    process.exit(1);
  }
}

/**
 * Installs the hook once per process. Throws when TRUST_PROXY is not a number of proxies: a
 * typo there must stop the server, not silently trust or distrust every proxy.
 */
export function installClientAddressHook(): HookState {
  const existing = clientAddressHook();
  if (existing) return existing;
  const hops = parseTrustProxy(process.env.TRUST_PROXY);
  if (hops === null) {
    throw new Error(
      `TRUST_PROXY must be the number of reverse proxies in front of the app (0 or unset for none, 1 for one, …); it is ${JSON.stringify(process.env.TRUST_PROXY)}.`,
    );
  }
  const state: HookState = { seal: randomBytes(24).toString("base64url"), hops };
  beforeEveryRequest((req) => {
    rewriteForwardingHeaders(req, state);
    return false;
  });
  (globalThis as WithState)[STATE] = state;
  return state;
}
