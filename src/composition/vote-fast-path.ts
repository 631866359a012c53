import "server-only";
import type http from "node:http";
import { answerVoteRequest, type JsonAnswer } from "@/features/proposals/vote-api";
import { cameOverTls } from "@/lib/client-address";
import { requestIdFrom } from "@/lib/request-id";
import { MAX_FORM_BYTES } from "@/lib/request-limits";
import { securityHeadersFor } from "@/lib/security-headers";
import { sessionFromCookieHeader } from "@/server/auth/session-cookie";
import { beforeEveryRequest } from "@/server/request-hook";
import { isSameOrigin } from "@/server/same-origin";

// POST /api/proposals/:id/votes answered before Next.js sees it. Measured with `npm run bench`,
// a vote through Next spent most of its time in Next's router, route runtime, proxy and the
// Request/Response objects built around a handler whose own work is three SQL statements. Here
// the vote takes the path a cached page takes (src/server/request-hook.ts): the answer is
// features/proposals/vote-api.ts's, the same one the route handler sends.
//
// Only a request that every check of the proxy and the route would let through is taken: a vote
// from this site, with a declared body of at most 1 MB, a session cookie that names a signed-in
// person, and a well-formed proposal id. Anything else goes on to Next unread, which refuses it
// as it always has (403, 413, 400, 401), so those answers stay in one place.

const VOTE_PATH = /^\/api\/proposals\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/votes(?:\?.*)?$/i;

/** What isSameOrigin reads, from a Node request. */
const headerSource = (req: http.IncomingMessage) => ({
  get: (name: string) => {
    const value = req.headers[name];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  },
});

/** The proposal's id when the fast path may take this request; null leaves it to Next. */
export function takenVote(req: http.IncomingMessage): string | null {
  if (req.method !== "POST") return null;
  const match = VOTE_PATH.exec(req.url ?? "");
  if (!match) return null;
  const declared = req.headers["content-length"];
  if (declared === undefined || !/^\d{1,7}$/.test(declared) || Number(declared) > MAX_FORM_BYTES) return null;
  if (req.headers["transfer-encoding"] !== undefined || req.headers["next-action"] !== undefined) return null;
  if (!isSameOrigin(headerSource(req))) return null;
  return match[1]?.toLowerCase() ?? null;
}

/** The body as text, at most its declared length; null when it is cut short or longer than declared. */
function readBody(req: http.IncomingMessage, declared: number): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    req.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= declared) chunks.push(chunk);
    });
    req.once("end", () => resolve(bytes === declared ? Buffer.concat(chunks).toString("utf8") : null));
    req.once("error", () => resolve(null));
    req.once("aborted", () => resolve(null));
  });
}

function send(req: http.IncomingMessage, res: http.ServerResponse, answer: JsonAnswer) {
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    ...securityHeadersFor(cameOverTls(process.env.TRUST_PROXY, req.headers["x-forwarded-proto"])),
    ...answer.headers,
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(body)),
    "cache-control": "no-store",
    "x-request-id": requestIdFrom(req.headers["x-request-id"] as string | undefined),
    // For operators and tests: this vote was answered here, not by the route handler.
    "x-fast-path": "vote",
  });
  res.end(body);
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse, proceed: () => void, proposalId: string) {
  // The body stays unread (a stream reads nothing until someone listens) until we know whether Next must have it.
  let voter: Awaited<ReturnType<typeof sessionFromCookieHeader>>;
  try {
    voter = await sessionFromCookieHeader(req.headers.cookie);
  } catch {
    voter = null; // the database did not answer: Next says so, as it does for every page
  }
  if (!voter) {
    proceed();
    return;
  }
  const body = await readBody(req, Number(req.headers["content-length"]));
  const signedIn = voter;
  send(req, res, await answerVoteRequest(proposalId, body, async () => signedIn));
}

/** Puts the fast path in front of this process's HTTP servers. Install it before the client-address hook (which then runs first). */
export function installVoteFastPath() {
  beforeEveryRequest((req, res, proceed) => {
    const proposalId = takenVote(req);
    if (!proposalId) return false;
    handle(req, res, proceed, proposalId).catch(() => {
      if (!res.headersSent)
        send(req, res, { status: 500, body: { error: "Something went wrong on our side; please try again." } });
    });
    return true;
  });
}
