// What `npm run bench` measures, each as a request autocannon can repeat: the read pages, signed
// out and in, and the two writes, each through the route a browser uses.
//
// Posting a reply goes through the real Server Action (replyAction), called the way React's
// client calls it from the thread page: a POST to the page with the action's id in Next-Action,
// the same-origin Origin header Next checks, the session cookie, and the arguments encoded as
// React encodes them (field "0" the argument list, "$K1" the FormData whose fields are "_1_…").
// The action's id comes from the build's server-reference-manifest.json.
import { readFileSync } from "node:fs";
import path from "node:path";
import type autocannon from "autocannon";
import type { Community } from "./community-seed";
import type { LoadTarget } from "./measure";

export interface Scenario {
  name: string;
  /** The pgbench script of this page's SQL, measured as its database baseline (GET pages only). */
  pgbench: boolean;
  target: LoadTarget;
  /** Text the page must contain (checked once before loading), for GET pages. */
  mustContain?: string;
}

export const STATIC_SCENARIO = "static file server, published paper HTML";

/** The id of a Server Action in a build: its manifest maps ids to file and export name. */
export function actionId(appDir: string, file: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(appDir, ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, v]) => v.filename === file && v.exportedName === exportedName);
  if (!found) throw new Error(`No Server Action ${exportedName} of ${file} in ${appDir}/.next: is it built from this tree?`);
  return found[0];
}

let sequence = 0;

/** The reply form's fields as React's client sends them to a useActionState action (previous state, FormData). */
function replyBody(threadId: string, boundary: string): string {
  sequence += 1;
  const fields: [string, string][] = [
    ["_1_threadId", threadId],
    ["_1_parentId", ""],
    ["_1_body", `Reply ${sequence} from npm run bench: the waiting list is the first thing people mention, every time.`],
    ["0", JSON.stringify([{ ok: false }, "$K1"])],
  ];
  return `${fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("")}--${boundary}--\r\n`;
}

export interface ScenarioContext {
  baseUrl: string;
  appDir: string;
  community: Community;
  /** Signed-in cookie of the thread group's bench reader (who wrote no post). */
  readerCookie: string;
  /** Cookies of members of the voting group, in community.voting.voters' order. */
  voterCookies: string[];
}

export function scenarios({ baseUrl, appDir, community: c, readerCookie, voterCookies }: ScenarioContext): Scenario[] {
  const largest = c.threads.threads.reduce((a, b) => (b.size > a.size ? b : a));
  const middle = c.threads.threads.find((t) => t.size === 1_000) ?? largest;
  const origin = new URL(baseUrl).origin;
  const published = c.corpus.published;
  const get = (p: string, cookie?: string): LoadTarget => ({ url: `${baseUrl}${p}`, headers: cookie ? { cookie } : {} });

  const boundary = "----benchBoundary7MA4YWxkTrZu0gW";
  const replyHeaders = {
    cookie: readerCookie,
    origin,
    accept: "text/x-component",
    "next-action": actionId(appDir, "src/features/discussions/actions.ts", "replyAction"),
    "content-type": `multipart/form-data; boundary=${boundary}`,
  };
  const threadPath = `/threads/${middle.id}`;

  let vote = 0;
  const choices = ["SUPPORT", "OPPOSE", "ABSTAIN"] as const;
  const voteRequest = (request: autocannon.Request): autocannon.Request => {
    vote += 1;
    const proposal = c.voting.proposals[vote % c.voting.proposals.length]!;
    const cookie = voterCookies[Math.floor(vote / c.voting.proposals.length) % voterCookies.length]!;
    return {
      ...request,
      path: `/api/proposals/${proposal.id}/votes`,
      headers: { ...request.headers, cookie },
      body: JSON.stringify({ version: proposal.version, choice: choices[vote % 3], reason: `bench vote ${vote}` }),
    };
  };

  return [
    { name: `thread page (${largest.size.toLocaleString("en-GB")} posts), signed out`, pgbench: true, target: get(`/threads/${largest.id}`), mustContain: largest.title },
    { name: `thread page (${largest.size.toLocaleString("en-GB")} posts), signed in`, pgbench: true, target: get(`/threads/${largest.id}`, readerCookie), mustContain: c.threads.benchUser.displayName },
    { name: "paper page (draft, a member)", pgbench: true, target: get(`/groups/${c.draft.groupSlug}/papers/${c.draft.paperSlug}`, voterCookies[0]), mustContain: c.draft.title },
    { name: "published paper, signed out", pgbench: true, target: get(`/groups/${published.groupSlug}/papers/${published.paperSlug}/v/${published.version}`), mustContain: published.title },
    { name: "library, page 1", pgbench: true, target: get("/library") },
    { name: "search (a common word)", pgbench: true, target: get("/search?q=housing") },
    {
      name: `post a reply (Server Action, ${middle.size.toLocaleString("en-GB")}-post thread)`,
      pgbench: false,
      target: {
        url: `${baseUrl}${threadPath}`,
        method: "POST",
        headers: replyHeaders,
        body: replyBody(middle.id, boundary),
        setupRequest: (request) => ({ ...request, body: replyBody(middle.id, boundary) }),
        // The action ends in redirect(): Next answers a fetch with 303 or with 200 and the new page.
        expect: (status) => status === 200 || status === 303,
      },
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
      },
    },
  ];
}
