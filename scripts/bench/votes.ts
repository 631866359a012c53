// The vote load of `npm run bench`: many members voting on one proposal at once, through
// POST /api/proposals/:id/votes. Not autocannon: each voter needs its own session cookie and
// its own record of what the server acknowledged, so each voter is one loop on one keep-alive
// connection of its own, sending its next vote when the last one is answered. With N voters,
// N requests are in flight all the time, and one voter's requests never overlap.
import http from "node:http";
import { performance } from "node:perf_hooks";

export type Choice = "SUPPORT" | "OPPOSE" | "ABSTAIN";
const CHOICES: Choice[] = ["SUPPORT", "OPPOSE", "ABSTAIN"];

/** What one request asked for; the reason is unique per request, so a row shows which request wrote it. */
export interface SentVote {
  choice: Choice;
  reason: string;
}

export interface VoterLedger {
  userId: string;
  sent: number;
  acknowledged: number;
  /** The last vote answered 2xx: what the database must hold (none: no row, unless one is unsure). */
  lastAcknowledged: SentVote | null;
  /**
   * Votes whose fate is unknown: the connection failed, the request timed out or the server
   * answered 5xx. The server may still have stored one of them, even after a later acknowledged one.
   */
  unsure: SentVote[];
}

export interface VoteTarget {
  baseUrl: string;
  proposalId: string;
  version: number;
}

export interface VoteMeasurement {
  voters: number;
  durationSec: number;
  warmupSec: number;
  /** Votes answered 2xx within the measured window. */
  votes: number;
  votesPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Whole run, warm-up included: answers other than 2xx, and requests that got no answer. */
  non2xx: number;
  errors: number;
  /** Failures by kind ("HTTP 500", "no answer"), and the first one's message, to say what went wrong. */
  failures: Record<string, number>;
  firstFailure: string | null;
}

export interface VoteAnswer {
  status: number;
  body: string;
}

/** One vote on the given connection; status 0 means no answer (the connection failed or timed out). */
export function postVote(
  target: VoteTarget,
  vote: SentVote,
  headers: Record<string, string>,
  agent?: http.Agent,
  timeoutMs = 30_000,
): Promise<VoteAnswer> {
  const body = JSON.stringify({ version: target.version, choice: vote.choice, reason: vote.reason });
  const url = new URL(`/api/proposals/${target.proposalId}/votes`, target.baseUrl);
  return new Promise((resolve) => {
    const request = http.request(
      url,
      { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", (error) => resolve({ status: 0, body: error.message }));
      },
    );
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    request.on("error", (error) => resolve({ status: 0, body: error.message }));
    request.end(body);
  });
}

/** The headers of a same-origin request from a signed-in browser. */
export const voteHeaders = (baseUrl: string, cookie: string) => ({ origin: new URL(baseUrl).origin, cookie });

export function newLedger(userId: string): VoterLedger {
  return { userId, sent: 0, acknowledged: 0, lastAcknowledged: null, unsure: [] };
}

/** Records an answer in the voter's ledger; returns whether it was a 2xx. */
export function record(ledger: VoterLedger, vote: SentVote, answer: VoteAnswer): boolean {
  ledger.sent += 1;
  if (answer.status >= 200 && answer.status < 300) {
    ledger.acknowledged += 1;
    ledger.lastAcknowledged = vote;
    return true;
  }
  if (answer.status === 0 || answer.status >= 500) ledger.unsure.push(vote);
  return false;
}

let stopped = false;
const agents: http.Agent[] = [];

/** Stops a vote load in progress (Ctrl-C): no new votes, open connections closed. */
export function stopVoting() {
  stopped = true;
  for (const agent of agents) agent.destroy();
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Every voter votes again and again, changing its choice each time, for warmupSec + durationSec.
 * Figures count the answers that arrive within the measured window (after the warm-up); the
 * ledgers cover every request, and the promise resolves only once every request is answered, so
 * the database can be checked against them straight away.
 */
export async function runVoteLoad(
  target: VoteTarget,
  voters: { ledger: VoterLedger; cookie: string }[],
  { durationSec, warmupSec }: { durationSec: number; warmupSec: number },
): Promise<VoteMeasurement> {
  const start = performance.now();
  const measureFrom = start + warmupSec * 1000;
  const end = measureFrom + durationSec * 1000;
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let firstFailure: string | null = null;
  const failures: Record<string, number> = {};

  await Promise.all(
    voters.map(async ({ ledger, cookie }, v) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      agents.push(agent);
      const headers = voteHeaders(target.baseUrl, cookie);
      let choice = v % CHOICES.length;
      try {
        while (!stopped && performance.now() < end) {
          const vote: SentVote = { choice: CHOICES[choice]!, reason: `bench vote ${v + 1}.${ledger.sent + 1}` };
          const sentAt = performance.now();
          const answer = await postVote(target, vote, headers, agent);
          const answeredAt = performance.now();
          const ok = record(ledger, vote, answer);
          if (!ok) {
            if (answer.status === 0) errors += 1;
            else non2xx += 1;
            const kind = answer.status === 0 ? "no answer" : `HTTP ${answer.status}`;
            failures[kind] = (failures[kind] ?? 0) + 1;
            firstFailure ??= `${kind}: ${answer.body.slice(0, 200)}`;
          }
          // Latency and votes/s are of acknowledged votes; failures are counted apart.
          if (ok && answeredAt >= measureFrom && answeredAt <= end) latencies.push(answeredAt - sentAt);
          choice = (choice + 1 + Math.floor(Math.random() * 2)) % CHOICES.length; // always a different choice
        }
      } finally {
        agent.destroy();
      }
    }),
  );

  const answered = latencies.sort((a, b) => a - b);
  return {
    voters: voters.length,
    durationSec,
    warmupSec,
    votes: answered.length,
    votesPerSec: answered.length / durationSec,
    p50: percentile(answered, 50),
    p95: percentile(answered, 95),
    p99: percentile(answered, 99),
    max: answered.at(-1) ?? Number.NaN,
    non2xx,
    errors,
    failures,
    firstFailure,
  };
}
