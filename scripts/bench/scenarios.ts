// What `npm run bench` measures, each as a request autocannon can repeat: the read pages, signed
// out and in, and the two writes, each through the route a browser uses.
//
// Posting a reply goes the way the thread page's script sends the composer's form: a multipart POST
// to /api/forms/reply with the same-origin Origin header and the session cookie, answered with the
// Server Action's answer (src/features/discussions/reply-endpoint.ts). Without JavaScript the form
// goes to the Server Action instead, which a browser with JavaScript no longer calls.
import type autocannon from "autocannon";
import pg from "pg";
import type { Community } from "./community-seed";
import type { LoadTarget } from "./measure";

export interface Scenario {
  name: string;
  /** The pgbench script of this page's SQL, measured as its database baseline (GET pages only). */
  pgbench: boolean;
  target: LoadTarget;
  /** Text the page must contain (checked once before loading), for GET pages. */
  mustContain?: string;
  /** For writes: checks, after the load, that every answer with an expected status really wrote (see Ledger). */
  effects?: Ledger;
  /** For the reply: the thread whose posts it adds. */
  threadId?: string;
}

export type Phase = "check" | "warm-up" | "measured";

/** What the answers of a write came to in the database. */
export interface Effects {
  /** Answers with an expected status, all phases, and in the measured run. */
  answered: number;
  answeredMeasured: number;
  /** Of those, the ones whose write is not in the database. */
  missing: number;
  missingMeasured: number;
  /** For the report, in words. */
  note: string;
}

/**
 * A write's answers, by request number: a Server Action answers 200 with an error message as readily
 * as with success, so an expected status is not proof of a write. Each request carries its number
 * (in the reply's text, the vote's reason); afterwards check() looks for each in the database.
 */
export interface Ledger {
  check(): Promise<Effects>;
}

/** Numbers requests and records which answered with an expected status, in which phase. */
function numbering<T>(expect: (status: number) => boolean) {
  let phase: Phase = "check";
  let next = 0;
  const sent = new Map<number, T>();
  const answered = new Map<number, Phase>();
  return {
    sent,
    answered,
    onPhase: (p: Phase) => {
      phase = p;
    },
    /** Gives the request its number (kept in autocannon's per-connection context until its answer). */
    number: (context: Record<string, unknown> | undefined, what: T) => {
      next += 1;
      sent.set(next, what);
      if (context) context.n = next;
      return next;
    },
    onResponse: (status: number, _body: string, context: Record<string, unknown>) => {
      if (typeof context.n === "number" && expect(status)) answered.set(context.n, phase);
    },
  };
}

async function query<T extends pg.QueryResultRow>(databaseUrl: string, sql: string, values: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

export const STATIC_SCENARIO = "static file server, published paper HTML";

/** The reply form's fields as the composer's script sends them (FormData, multipart). */
function replyBody(threadId: string, boundary: string, n: number): string {
  const fields: [string, string][] = [
    ["threadId", threadId],
    ["parentId", ""],
    ["body", `Reply ${n} from npm run bench: the waiting list is the first thing people mention, every time.`],
  ];
  return `${fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("")}--${boundary}--\r\n`;
}

export interface ScenarioContext {
  baseUrl: string;
  /** The database, to check what the writes stored. */
  databaseUrl: string;
  community: Community;
  /** Signed-in cookie of the thread group's bench reader (who wrote no post). */
  readerCookie: string;
  /** Cookies of members of the voting group, in community.voting.voters' order. */
  voterCookies: string[];
}

export function scenarios({
  baseUrl,
  databaseUrl,
  community: c,
  readerCookie,
  voterCookies,
}: ScenarioContext): Scenario[] {
  const largest = c.threads.threads.reduce((a, b) => (b.size > a.size ? b : a));
  const middle = c.threads.threads.find((t) => t.size === 1_000) ?? largest;
  // As many posts as the largest thread's first page shows: its cost must not grow with the thread.
  const small = c.threads.threads.reduce((a, b) => (b.size < a.size ? b : a));
  const origin = new URL(baseUrl).origin;
  const published = c.corpus.published;
  const get = (p: string, cookie?: string): LoadTarget => ({
    url: `${baseUrl}${p}`,
    headers: cookie ? { cookie } : {},
  });

  const boundary = "----benchBoundary7MA4YWxkTrZu0gW";
  const replyHeaders = {
    cookie: readerCookie,
    origin,
    accept: "application/json",
    "content-type": `multipart/form-data; boundary=${boundary}`,
  };

  // Replies: each answered one must be stored, its number in its text.
  const replyOk = (status: number) => status === 200 || status === 303;
  const replies = numbering<null>(replyOk);
  const replyLedger: Ledger = {
    async check() {
      const stored = new Set(
        (
          await query<{ n: number }>(
            databaseUrl,
            `SELECT substring("bodyMarkdown" from '^Reply ([0-9]+) from npm run bench')::int AS n FROM "Post"
              WHERE "threadId" = $1 AND "bodyMarkdown" LIKE 'Reply % from npm run bench%'`,
            [middle.id],
          )
        ).map((r) => r.n),
      );
      const answered = [...replies.answered];
      const missing = answered.filter(([n]) => !stored.has(n));
      const measured = answered.filter(([, p]) => p === "measured");
      return {
        answered: answered.length,
        answeredMeasured: measured.length,
        missing: missing.length,
        missingMeasured: missing.filter(([, p]) => p === "measured").length,
        note:
          `Replies: ${replies.sent.size.toLocaleString("en-GB")} sent, ${answered.length.toLocaleString("en-GB")} answered 200/303 (warm-up and the check included), ` +
          `${stored.size.toLocaleString("en-GB")} stored; ${missing.length} answered without being stored` +
          (missing.length > 0
            ? ` (e.g. reply ${missing
                .slice(0, 5)
                .map(([n]) => n)
                .join(", ")})`
            : "") +
          ". Stored but unanswered ones were in flight when the load stopped.",
      };
    },
  };

  // Votes: a voter votes on a proposal again and again, so only the last answered vote of each
  // voter and proposal can be looked for: its reason (or a later one's) must be the stored one.
  let vote = 0;
  const choices = ["SUPPORT", "OPPOSE", "ABSTAIN"] as const;
  const votes = numbering<{ proposalId: string; voterId: string }>((status) => status >= 200 && status < 300);
  const voteRequest = (request: autocannon.Request, context?: Record<string, unknown>): autocannon.Request => {
    vote += 1;
    const proposal = c.voting.proposals[vote % c.voting.proposals.length]!;
    const voter = Math.floor(vote / c.voting.proposals.length) % voterCookies.length;
    const n = votes.number(context, { proposalId: proposal.id, voterId: c.voting.voters[voter]!.id });
    return {
      ...request,
      path: `/api/proposals/${proposal.id}/votes`,
      headers: { ...request.headers, cookie: voterCookies[voter]! },
      body: JSON.stringify({ version: proposal.version, choice: choices[vote % 3], reason: `bench vote ${n}` }),
    };
  };
  const voteLedger: Ledger = {
    async check() {
      const last = new Map<string, { n: number; phase: Phase }>();
      for (const [n, phase] of votes.answered) {
        const { proposalId, voterId } = votes.sent.get(n)!;
        const key = `${proposalId}/${voterId}`;
        if ((last.get(key)?.n ?? 0) < n) last.set(key, { n, phase });
      }
      const stored = new Map(
        (
          await query<{ key: string; n: number }>(
            databaseUrl,
            `SELECT "proposalId" || '/' || "userId" AS key, substring(reason from '^bench vote ([0-9]+)$')::int AS n FROM "Vote"
              WHERE "proposalId" = ANY($1::uuid[]) AND "userId" = ANY($2::uuid[]) AND reason LIKE 'bench vote %'`,
            [c.voting.proposals.map((p) => p.id), c.voting.voters.slice(0, voterCookies.length).map((v) => v.id)],
          )
        ).map((r) => [r.key, r.n]),
      );
      const missing = [...last].filter(([key, { n }]) => (stored.get(key) ?? 0) < n);
      const answered = [...votes.answered];
      return {
        answered: answered.length,
        answeredMeasured: answered.filter(([, p]) => p === "measured").length,
        missing: missing.length,
        missingMeasured: missing.filter(([, { phase }]) => phase === "measured").length,
        note:
          `Votes under load: ${votes.sent.size.toLocaleString("en-GB")} sent, ${answered.length.toLocaleString("en-GB")} answered 2xx; ` +
          `of the ${last.size.toLocaleString("en-GB")} voter–proposal pairs they touched, ${missing.length} do not hold their last answered vote` +
          (missing.length > 0
            ? ` (e.g. ${missing
                .slice(0, 3)
                .map(([key, { n }]) => `vote ${n} on ${key}`)
                .join(", ")})`
            : "") +
          ".",
      };
    },
  };

  return [
    {
      name: `thread page (${largest.size.toLocaleString("en-GB")} posts), signed out`,
      pgbench: true,
      target: get(`/threads/${largest.id}`),
      mustContain: largest.title,
    },
    {
      name: `thread page (${largest.size.toLocaleString("en-GB")} posts), signed in`,
      pgbench: true,
      target: get(`/threads/${largest.id}`, readerCookie),
      mustContain: c.threads.benchUser.displayName,
    },
    {
      name: `thread page (${small.size.toLocaleString("en-GB")} posts), signed in`,
      pgbench: true,
      target: get(`/threads/${small.id}`, readerCookie),
      mustContain: small.title,
    },
    {
      name: "paper page (draft, a member)",
      pgbench: true,
      target: get(`/groups/${c.draft.groupSlug}/papers/${c.draft.paperSlug}`, voterCookies[0]),
      mustContain: c.draft.title,
    },
    {
      name: "published paper, signed out",
      pgbench: true,
      target: get(`/groups/${published.groupSlug}/papers/${published.paperSlug}/v/${published.version}`),
      mustContain: published.title,
    },
    { name: "library, page 1", pgbench: true, target: get("/library") },
    { name: "search (a common word)", pgbench: true, target: get("/search?q=housing") },
    {
      name: `post a reply (the composer's form, ${middle.size.toLocaleString("en-GB")}-post thread)`,
      pgbench: false,
      threadId: middle.id,
      target: {
        url: `${baseUrl}/api/forms/reply`,
        method: "POST",
        headers: replyHeaders,
        body: replyBody(middle.id, boundary, 0),
        setupRequest: (request, context) => ({
          ...request,
          body: replyBody(middle.id, boundary, replies.number(context, null)),
        }),
        onResponse: replies.onResponse,
        onPhase: replies.onPhase,
        // 200 with the new post's address, or with a message when it refused: replyLedger looks
        // for each reply in the database.
        expect: replyOk,
      },
      effects: replyLedger,
    },
    {
      name: `cast a vote (JSON API, ${voterCookies.length} voters, ${c.voting.proposals.length} proposals)`,
      pgbench: false,
      target: {
        url: `${baseUrl}/api/proposals/${c.voting.proposals[0]!.id}/votes`,
        method: "POST",
        headers: { origin, "content-type": "application/json" },
        body: "{}",
        setupRequest: voteRequest,
        onResponse: votes.onResponse,
        onPhase: votes.onPhase,
      },
      effects: voteLedger,
    },
  ];
}
