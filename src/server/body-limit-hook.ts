// No "server-only": src/instrumentation.ts loads it.
import type http from "node:http";
import { cameOverTls } from "@/lib/client-address";
import { requestIdFrom } from "@/lib/request-id";
import { MAX_FORM_BYTES, tooLargeAnswer } from "@/lib/request-limits";
import { securityHeadersFor } from "@/lib/security-headers";
import { beforeEveryRequest } from "./request-hook";
import { changesState } from "./same-origin";

// A write whose declared length is over what any form of this site may send gets its 413 at once.
// src/proxy.ts says the same, but Next reads a request's body before the proxy runs: a client that
// declared 2 MB and sent two bytes was left waiting (5 minutes, then a 408), holding the connection.

/** Whether a request declares a body larger than the site accepts. */
export function declaresTooLarge(req: http.IncomingMessage): boolean {
  const declared = req.headers["content-length"];
  return changesState(req.method ?? "GET") && declared !== undefined && Number(declared) > MAX_FORM_BYTES;
}

export function installBodyLimitHook() {
  beforeEveryRequest((req, res) => {
    if (!declaresTooLarge(req)) return false;
    const answer = tooLargeAnswer({
      nextAction: req.headers["next-action"] !== undefined,
      accept: String(req.headers.accept ?? ""),
    });
    res.writeHead(413, {
      ...securityHeadersFor(cameOverTls(process.env.TRUST_PROXY, req.headers["x-forwarded-proto"])),
      "content-type": answer.contentType,
      "content-length": String(Buffer.byteLength(answer.body)),
      // No Connection: close: a client still sending would meet a reset before reading this. Node
      // reads and drops the rest of the body once the answer is sent.
      "cache-control": "no-store",
      "x-request-id": requestIdFrom(req.headers["x-request-id"] as string | undefined),
    });
    res.end(answer.body);
    return true;
  });
}
