import "server-only";
import type http from "node:http";
import { cameOverTls } from "@/lib/client-address";
import { requestIdFrom } from "@/lib/request-id";
import { MAX_FORM_BYTES } from "@/lib/request-limits";
import { securityHeadersFor } from "@/lib/security-headers";
import { sessionFromCookieHeader } from "./auth/session-cookie";
import type { CurrentUser } from "./auth/session-store";
import { beforeEveryRequest } from "./request-hook";
import { isSameOrigin } from "./same-origin";

// Writes answered before Next.js sees them, on the path a cached page takes (request-hook.ts).
// Measured with `npm run bench`, a vote or a reply through Next spent most of its time in Next's
// router, action and route runtimes, the proxy and the Request/Response objects around work of a
// few SQL statements. The answers themselves are the features' (src/composition/fast-paths/).
//
// Only a request that every check of the proxy and of Next would let through is taken: a POST
// from this site, a declared body of at most 1 MB, and a session cookie that names a signed-in
// person. Anything else goes on to Next unread, which answers it as it always has (403, 413, 401,
// 503 while the database is away), so those answers stay in one place.

export interface JsonAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface FastRequest {
  /** The path's pattern's groups. */
  match: RegExpExecArray;
  /**
   * Who is signed in, asked again once the body has arrived: the cookie was checked before it
   * was read (to know whether Next must have the request), but a slow body can outlive the session.
   */
  who: () => Promise<CurrentUser | null>;
  /** The body, complete; null when it was cut short or longer than declared. */
  body: Buffer | null;
  contentType: string;
}

/** The path's match when the fast path may take this request by its method and headers; null leaves it to Next. */
export function takenWrite(req: http.IncomingMessage, path: RegExp): RegExpExecArray | null {
  if (req.method !== "POST") return null;
  const match = path.exec(req.url ?? "");
  if (!match) return null;
  const declared = req.headers["content-length"];
  if (declared === undefined || !/^\d{1,7}$/.test(declared) || Number(declared) > MAX_FORM_BYTES) return null;
  if (req.headers["transfer-encoding"] !== undefined || req.headers["next-action"] !== undefined) return null;
  return isSameOrigin(headerSource(req)) ? match : null;
}

const headerSource = (req: http.IncomingMessage) => ({
  get: (name: string) => {
    const value = req.headers[name];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  },
});

function readBody(req: http.IncomingMessage, declared: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    req.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= declared) chunks.push(chunk);
    });
    req.once("end", () => resolve(bytes === declared ? Buffer.concat(chunks) : null));
    req.once("error", () => resolve(null));
    req.once("aborted", () => resolve(null));
  });
}

function send(req: http.IncomingMessage, res: http.ServerResponse, answer: JsonAnswer, name: string) {
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    ...securityHeadersFor(cameOverTls(process.env.TRUST_PROXY, req.headers["x-forwarded-proto"])),
    ...answer.headers,
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(body)),
    "cache-control": "no-store",
    "x-request-id": requestIdFrom(req.headers["x-request-id"] as string | undefined),
    // For operators and tests: this was answered here, not by Next.
    "x-fast-path": name,
  });
  res.end(body);
}

async function handle(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  proceed: () => void,
  match: RegExpExecArray,
  name: string,
  answer: (request: FastRequest) => Promise<JsonAnswer>,
) {
  // The body stays unread (a stream reads nothing until someone listens) until we know whether Next must have it.
  let user: CurrentUser | null;
  try {
    user = await sessionFromCookieHeader(req.headers.cookie);
  } catch {
    user = null; // the database did not answer: Next says so, as it does for every page
  }
  if (!user) {
    proceed();
    return;
  }
  const body = await readBody(req, Number(req.headers["content-length"]));
  const contentType = String(req.headers["content-type"] ?? "");
  const who = () => sessionFromCookieHeader(req.headers.cookie);
  send(req, res, await answer({ match, who, body, contentType }), name);
}

const FAILED = { error: "Something went wrong on our side; please try again." };

/**
 * Answers POSTs to `path` with `answer`, before Next, when the request qualifies (see above).
 * Install fast paths before the client-address hook, which then runs first.
 */
export function installFastPath(name: string, path: RegExp, answer: (request: FastRequest) => Promise<JsonAnswer>) {
  beforeEveryRequest((req, res, proceed) => {
    const match = takenWrite(req, path);
    if (!match) return false;
    handle(req, res, proceed, match, name, answer).catch(() => {
      if (!res.headersSent) send(req, res, { status: 500, body: FAILED }, name);
    });
    return true;
  });
}
