// The fast paths (src/server/fast-path.ts; the vote API and the reply form, src/composition/fast-paths/),
// on a real HTTP server in this process with the real database: what it takes it answers as the route handler would (the same
// answers, the same tallies under concurrency); everything else reaches the server behind it ("Next")
// with its body unread and intact.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { installReplyFastPath } from "@/composition/fast-paths/reply";
import { installVoteFastPath, VOTE_PATH } from "@/composition/fast-paths/vote";
import { createProposal } from "@/features/proposals/mutations";
import { createAuthSession, revokeAuthSession } from "@/server/auth/session-store";
import { db } from "@/server/db";
import { takenWrite } from "@/server/fast-path";
import { makeThread } from "./helpers/discussion-factories";
import { actorOf, addMember, makeGroup, makeUser } from "./helpers/factories";
import { amend, expectTallyMatchesVotes, makePaper } from "./helpers/paper-factories";
import { resetDatabase } from "./helpers/reset-db";

const SECRET = "test-secret-at-least-32-characters-long";
process.env.NEXTAUTH_SECRET = SECRET;
delete process.env.NEXTAUTH_URL;

/** What the server behind the fast path (Next, in production) received. */
const reachedNext: { url: string; body: string }[] = [];
let server: http.Server;
let port: number;

beforeAll(async () => {
  installVoteFastPath();
  installReplyFastPath();
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    req.on("end", () => {
      reachedNext.push({ url: req.url ?? "", body });
      res.writeHead(299, { "content-type": "text/plain" }).end("next");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(async () => {
  await resetDatabase();
  reachedNext.length = 0;
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * POSTs `body`; with `between`, a slow upload: the headers go at once, and the body only once
 * `between` has run (the fast path has taken the request, and checked its cookie, by then).
 */
function post(
  path: string,
  body: string,
  headers: Record<string, string | undefined> = {},
  between?: () => Promise<void>,
): Promise<Answer> {
  const sent: Record<string, string> = { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` };
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) delete sent[name];
    else sent[name] = value;
  }
  if (!("transfer-encoding" in sent)) sent["content-length"] ??= String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, path, method: "POST", headers: sent }, (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => {
        text += chunk.toString("utf8");
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
    });
    request.on("error", reject);
    if (!between) request.end(body);
    else {
      request.flushHeaders();
      setTimeout(() => void between().then(() => request.end(body), reject), 200);
    }
  });
}

async function world() {
  const owner = await makeUser({ perspective: "PRACTITIONER" });
  const group = await makeGroup(owner);
  const voters = [];
  for (let i = 0; i < 6; i++) {
    const voter = await makeUser({ perspective: i % 2 ? "SERVICE_USER" : "PRACTITIONER" });
    await addMember(group, voter);
    voters.push(voter);
  }
  const paper = await makePaper(group, owner);
  const { id } = await createProposal(actorOf(owner), amend(paper, paper.sections[0]!, "Pay benefits every week."));
  const outsider = await makeUser();
  return { owner, voters, outsider, id, path: `/api/proposals/${id}/votes` };
}

async function cookieOf(userId: string, secret = SECRET) {
  const sid = await createAuthSession(userId, "test browser");
  const token = await encode({ secret, token: { sub: userId, sid, name: "Someone" } });
  return { sid, cookie: `theme=dark; next-auth.session-token=${token}` };
}

const vote = (choice: string, version = 1) => JSON.stringify({ version, choice, reason: "" });

describe("the vote fast path", () => {
  it("records a signed-in member's vote, changes it, and answers as the route does", async () => {
    const w = await world();
    const { cookie } = await cookieOf(w.voters[0]!.id);
    const first = await post(w.path, vote("SUPPORT"), { cookie, "x-request-id": "request-id-12345" });
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toEqual({ ok: true });
    expect(first.headers["x-fast-path"]).toBe("vote");
    expect(first.headers["x-request-id"]).toBe("request-id-12345");
    expect(first.headers["x-content-type-options"]).toBe("nosniff");
    expect(first.headers["cache-control"]).toBe("no-store");
    expect(first.headers["strict-transport-security"]).toBeUndefined();
    expect((await expectTallyMatchesVotes(w.id)).supportCount).toBe(1);

    const changed = await post(
      w.path.toUpperCase().replace("/API/PROPOSALS/", "/api/proposals/").replace("/VOTES", "/votes"),
      vote("OPPOSE"),
      { cookie },
    );
    expect(changed.status).toBe(200);
    const tally = await expectTallyMatchesVotes(w.id);
    expect([tally.supportCount, tally.opposeCount]).toEqual([0, 1]);
    expect(reachedNext).toEqual([]);
  });

  it("answers bad bodies and refusals with the route's messages, storing nothing", async () => {
    const w = await world();
    const { cookie } = await cookieOf(w.voters[0]!.id);
    const outsider = await cookieOf(w.outsider.id);
    const cases: [string, string, string, number, RegExp][] = [
      ["bad JSON", cookie, "{version: 1,", 400, /^Send a JSON body/],
      ["no body", cookie, "", 400, /^Send a JSON body/],
      ["JSON null", cookie, "null", 400, /^Send a JSON object/],
      ["an array", cookie, "[1]", 400, /^Send a JSON object/],
      ["an unknown choice", cookie, JSON.stringify({ version: 1, choice: "MAYBE" }), 400, /choice/],
      ["an infinite version", cookie, '{"version": 1e309, "choice": "SUPPORT"}', 400, /version/],
      ["a lone surrogate", cookie, '{"version":1,"choice":"SUPPORT","reason":"a \\ud800 b"}', 400, /^reason: /],
      ["a stale version", cookie, vote("SUPPORT", 7), 409, /.+/],
      ["a group the voter is not in", outsider.cookie, vote("SUPPORT"), 403, /.+/],
    ];
    for (const [what, who, body, status, message] of cases) {
      const answer = await post(w.path, body, { cookie: who });
      expect(answer.status, `${what}: ${answer.body}`).toBe(status);
      expect((JSON.parse(answer.body) as { error: string }).error, what).toMatch(message);
      expect(answer.headers["x-fast-path"], what).toBe("vote");
    }
    const missing = await post(`/api/proposals/${crypto.randomUUID()}/votes`, vote("SUPPORT"), { cookie });
    expect(missing.status).toBe(404);
    expect(await db.vote.count()).toBe(0);
    expect(reachedNext).toEqual([]);
  });

  it("leaves to Next, body unread, whatever the proxy or the route must refuse", async () => {
    const w = await world();
    const { cookie, sid } = await cookieOf(w.voters[0]!.id);
    const ended = await cookieOf(w.voters[1]!.id);
    await revokeAuthSession(ended.sid);
    const foreign = await cookieOf(w.voters[2]!.id, "another-secret-at-least-32-characters");
    const expired = await encode({ secret: SECRET, token: { sub: w.voters[3]!.id, sid }, maxAge: -60 });
    const body = vote("SUPPORT");
    const cases: [string, string, Record<string, string | undefined>][] = [
      ["no cookie", w.path, {}],
      ["a cookie that is not a token", w.path, { cookie: "next-auth.session-token=forged" }],
      ["a token sealed with another secret", w.path, { cookie: foreign.cookie }],
      ["an expired token", w.path, { cookie: `next-auth.session-token=${expired}` }],
      ["a session signed out", w.path, { cookie: ended.cookie }],
      ["a chunked cookie", w.path, { cookie: `${cookie}; next-auth.session-token.0=x` }],
      ["a cross-site page", w.path, { cookie, origin: "https://evil.example" }],
      ["a cross-site fetch without Origin", w.path, { cookie, origin: undefined, "sec-fetch-site": "cross-site" }],
      ["a chunked body", w.path, { cookie, "transfer-encoding": "chunked" }],
      ["a Server Action header", w.path, { cookie, "next-action": "abc" }],
      ["a malformed id", "/api/proposals/not-a-uuid/votes", { cookie }],
      ["another path", `${w.path}/extra`, { cookie }],
    ];
    for (const [what, path, headers] of cases) {
      const answer = await post(path, body, headers);
      expect(answer.status, `${what}: ${answer.body}`).toBe(299);
      expect(reachedNext.at(-1), what).toEqual({ url: path, body });
    }
    expect(await db.vote.count()).toBe(0);
    // A body declared over 1 MB is the proxy's to refuse (413, with a message).
    const oversized = { method: "POST", url: w.path, headers: { cookie, "content-length": String(2 * 1024 * 1024) } };
    expect(takenWrite(oversized as unknown as http.IncomingMessage, VOTE_PATH)).toBeNull();
    expect(
      takenWrite(
        { ...oversized, headers: { cookie, "content-length": "12" } } as unknown as http.IncomingMessage,
        VOTE_PATH,
      )?.[1],
    ).toBe(w.id);
  });

  it("asks again who is signed in once the body has arrived: a session ended meanwhile votes nothing", async () => {
    const w = await world();
    const { sid, cookie } = await cookieOf(w.voters[0]!.id);
    const answer = await post(w.path, vote("SUPPORT"), { cookie, "content-type": "application/json" }, () =>
      revokeAuthSession(sid),
    );
    expect(answer.headers["x-fast-path"]).toBe("vote");
    expect(answer.status).toBe(401);
    expect(await db.vote.count()).toBe(0);
    expect(reachedNext).toEqual([]);
  });

  it("keeps the kept tallies equal to a recount when many vote and change their votes at once", async () => {
    const w = await world();
    const cookies = await Promise.all(w.voters.map((v) => cookieOf(v.id)));
    const choices = ["SUPPORT", "OPPOSE", "ABSTAIN"];
    const answers = await Promise.all(
      Array.from({ length: 36 }, (_, i) =>
        post(w.path, vote(choices[i % 3]!), { cookie: cookies[i % cookies.length]!.cookie }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    await expectTallyMatchesVotes(w.id);
    expect(await db.vote.count({ where: { proposalId: w.id } })).toBe(w.voters.length);
  });
});

/** A form as a browser sends it: multipart/form-data, with its boundary. */
async function multipart(fields: Record<string, string>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const encoded = new Response(form);
  return { body: await encoded.text(), type: encoded.headers.get("content-type")! };
}

describe("the reply form's fast path", () => {
  async function thread() {
    const owner = await makeUser();
    const group = await makeGroup(owner);
    const member = await makeUser();
    await addMember(group, member);
    const made = await makeThread(group, owner, { posts: 2, body: (seq) => `Post ${seq}.` });
    return { owner, member, outsider: await makeUser(), thread: made };
  }

  it("posts a member's reply and answers with its address, as the Server Action does", async () => {
    const w = await thread();
    const { cookie } = await cookieOf(w.member.id);
    const form = await multipart({ threadId: w.thread.id, body: "Weekly payments would **help**." });
    const answer = await post("/api/forms/reply", form.body, { cookie, "content-type": form.type });
    expect(answer.status).toBe(200);
    expect(answer.headers["x-fast-path"]).toBe("reply");
    const state = JSON.parse(answer.body) as { ok: boolean; navigateTo: string };
    const stored = await db.post.findFirstOrThrow({ where: { threadId: w.thread.id, authorId: w.member.id } });
    expect(state).toEqual({
      ok: true,
      navigateTo: `/threads/${w.thread.id}/posts/${stored.id}?posted=1#post-${stored.id}`,
    });
    expect(stored.bodyHtml).toContain("<strong>help</strong>");
    expect(reachedNext).toEqual([]);
  });

  it("refuses what the action refuses, keeping what was typed, and stores nothing", async () => {
    const w = await thread();
    const member = await cookieOf(w.member.id);
    const outsider = await cookieOf(w.outsider.id);
    const empty = await multipart({ threadId: w.thread.id, body: "   " });
    const blank = JSON.parse(
      (await post("/api/forms/reply", empty.body, { cookie: member.cookie, "content-type": empty.type })).body,
    );
    expect(blank).toMatchObject({ ok: false, fieldErrors: { body: expect.any(String) }, values: { body: "   " } });
    const forged = await multipart({ threadId: "not-a-thread", body: "Hello." });
    const bad = JSON.parse(
      (await post("/api/forms/reply", forged.body, { cookie: member.cookie, "content-type": forged.type })).body,
    );
    expect(bad).toMatchObject({ ok: false, fieldErrors: { threadId: expect.any(String) } });
    const theirs = await multipart({ threadId: w.thread.id, body: "Let me in." });
    const refused = JSON.parse(
      (await post("/api/forms/reply", theirs.body, { cookie: outsider.cookie, "content-type": theirs.type })).body,
    );
    expect(refused).toMatchObject({ ok: false, values: { body: "Let me in." } });
    expect(refused.message).toMatch(/\w/);
    const json = await post("/api/forms/reply", JSON.stringify({ threadId: w.thread.id, body: "x" }), {
      cookie: member.cookie,
      "content-type": "application/json",
    });
    expect(json.status).toBe(400);
    expect(JSON.parse(json.body)).toMatchObject({ ok: false, message: expect.stringMatching(/could not be read/) });
    expect(await db.post.count({ where: { threadId: w.thread.id } })).toBe(2);
  });

  it("a session ended while the form was still arriving posts nothing, and the text is kept", async () => {
    const w = await thread();
    const { sid, cookie } = await cookieOf(w.member.id);
    const form = await multipart({ threadId: w.thread.id, body: "Sent on a slow connection." });
    const answer = await post("/api/forms/reply", form.body, { cookie, "content-type": form.type }, () =>
      revokeAuthSession(sid),
    );
    expect(answer.headers["x-fast-path"]).toBe("reply");
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, values: { body: "Sent on a slow connection." } });
    expect(await db.post.count({ where: { threadId: w.thread.id } })).toBe(2);
  });

  it("leaves signed-out and cross-site forms to Next, body intact", async () => {
    const w = await thread();
    const { cookie } = await cookieOf(w.member.id);
    const form = await multipart({ threadId: w.thread.id, body: "From elsewhere." });
    for (const headers of [
      { "content-type": form.type },
      { cookie, "content-type": form.type, origin: "https://evil.example" },
    ]) {
      const answer = await post("/api/forms/reply", form.body, headers);
      expect(answer.status).toBe(299);
      expect(reachedNext.at(-1)).toEqual({ url: "/api/forms/reply", body: form.body });
    }
    expect(await db.post.count({ where: { threadId: w.thread.id } })).toBe(2);
  });
});

describe("a write declared over 1 MB", () => {
  it("gets its 413 at once, before any body arrives, as JSON or as a page for a plain form post", async () => {
    const { installBodyLimitHook } = await import("@/server/body-limit-hook");
    installBodyLimitHook();
    const net = await import("node:net");
    const ask = (accept: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect(port, "127.0.0.1", () => {
          socket.write(
            `POST /groups HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: ${accept}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 2000000\r\n\r\nab`,
          );
        });
        let text = "";
        socket.on("data", (chunk: Buffer) => {
          text += chunk.toString("utf8");
          if (text.includes("\r\n\r\n") && /(\}|<\/html>)$/.test(text)) {
            socket.destroy();
            resolve(text);
          }
        });
        socket.on("error", reject);
        setTimeout(() => reject(new Error(`no answer: ${text}`)), 10_000);
      });
    const json = await ask("*/*");
    expect(json).toMatch(/^HTTP\/1\.1 413/);
    expect(json).toContain('{"error":"This is more than the site accepts at once (1 MB)');
    const page = await ask("text/html");
    expect(page).toMatch(/^HTTP\/1\.1 413/);
    expect(page).toContain("Use your browser's Back button");
    expect(reachedNext.filter((r) => r.url === "/groups")).toEqual([]);
  });
});
