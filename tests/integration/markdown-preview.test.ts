// The editors' Preview (POST /api/markdown/preview): for the same Markdown it answers exactly the
// HTML that sending the text stores (byte for byte, posts and a paper's sections alike), refuses
// pathological text with the very message sending it would get, refuses signed-out callers, is
// rate limited, and stores nothing at all.

import type { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createThread, replyToThread } from "@/features/discussions/mutations";
import { getPaperPage } from "@/features/papers/queries/paper-page";
import type { CurrentUser } from "@/server/auth/session-store";
import { db } from "@/server/db";
import { isAppError } from "@/server/errors";
import { resetLimit } from "@/server/rate-limit";
import { pathologicalMarkdown } from "../fixtures/pathological-markdown";
import { actorOf, makeGroup, makeUser } from "./helpers/factories";
import { makePaper } from "./helpers/paper-factories";
import { resetDatabase } from "./helpers/reset-db";

const signedIn = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/server/auth/current-user", () => ({ getCurrentUser: async () => signedIn.user }));

const { POST: preview } = await import("@/app/api/markdown/preview/route");
const { MAX_PREVIEW_BYTES, previewCost } = await import("@/features/papers/markdown-preview");

const ORIGIN = "http://commons.test";

function rawRequest(body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  return new Request(`${ORIGIN}/api/markdown/preview`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: ORIGIN, host: "commons.test", ...headers },
    body,
    duplex: "half",
  } as RequestInit) as unknown as NextRequest;
}

function call(body: unknown) {
  return preview(
    new Request(`${ORIGIN}/api/markdown/preview`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: ORIGIN,
        host: "commons.test",
        "sec-fetch-site": "same-origin",
      },
      body: JSON.stringify(body),
    }) as unknown as NextRequest,
  );
}

const MARKDOWN = [
  "## A heading",
  "",
  "Some **bold**, _italic_ and `code`, a [link](https://example.org/a?b=1&c=2) and https://gov.uk.",
  "",
  "- one",
  "- two",
  "",
  "1. first",
  "2. second",
  "",
  "> quoted",
  "",
  '<script>alert("x")</script> <img src=x onerror=alert(1)> & < >',
  "",
  "| a | b |",
  "|---|---|",
  "| 1 | 2 |",
].join("\n");

let member: Awaited<ReturnType<typeof makeUser>>;
let group: Awaited<ReturnType<typeof makeGroup>>;

beforeAll(async () => {
  await resetDatabase();
  member = await makeUser();
  group = await makeGroup(member);
  signedIn.user = {
    ...actorOf(member),
    sessionId: crypto.randomUUID(),
    handle: member.handle,
    displayName: member.displayName,
  };
});

describe("the preview endpoint", () => {
  it("answers the HTML a post is stored with, byte for byte, and stores nothing", async () => {
    const before = await db.renderedMarkdown.count();
    const response = await call({ kind: "post", texts: [MARKDOWN, "plain words"] });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const { html } = (await response.json()) as { html: string[] };
    expect(await db.renderedMarkdown.count()).toBe(before);
    expect(await db.post.count()).toBe(0);

    const { threadId } = await createThread(actorOf(member), {
      groupId: group.id,
      title: "Preview check",
      body: MARKDOWN,
    });
    const opening = await db.post.findFirstOrThrow({ where: { threadId }, select: { bodyHtml: true } });
    expect(html[0]).toBe(opening.bodyHtml);
    expect(html[0]).not.toContain("<script");
    expect(html[0]).not.toContain("onerror");

    await replyToThread(actorOf(member), { threadId, body: "plain words" });
    const reply = await db.post.findFirstOrThrow({ where: { threadId, seq: 2 }, select: { bodyHtml: true } });
    expect(html[1]).toBe(reply.bodyHtml);
  });

  it("renders a paper's section as the paper's page does", async () => {
    const body = "# Top\n\nText with **weight**.\n\n## Below\n\n- a";
    const response = await call({ kind: "section", texts: [body] });
    const { html } = (await response.json()) as { html: string[] };
    const paper = await makePaper(group, member, { sections: [{ heading: "One", body }] });
    const page = await getPaperPage(actorOf(member), group.slug, paper.slug);
    expect(html[0]).toBe(page?.sections[0].bodyHtml);
    expect(html[0]).toContain("<h3");
  });

  it("refuses pathological Markdown with the message sending it gets", async () => {
    const [nested] = pathologicalMarkdown(20_000);
    let sendingSays = "";
    try {
      await createThread(actorOf(member), { groupId: group.id, title: "Too deep", body: nested.markdown });
    } catch (error) {
      if (isAppError(error)) sendingSays = error.fieldErrors?.body ?? "";
    }
    expect(sendingSays).not.toBe("");
    const response = await call({ kind: "post", texts: ["fine", nested.markdown] });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: string; problems: (string | null)[] };
    expect(body.problems).toEqual([null, sendingSays]);
  });

  it("refuses text over the field's length, and what could never be stored", async () => {
    const response = await call({ kind: "post", texts: ["x".repeat(20_001), "bad \u0000 byte"] });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { problems: (string | null)[] };
    expect(body.problems[0]).toBe("Posts can be at most 20,000 characters.");
    expect(body.problems[1]).toMatch(/cannot be saved/);
  });

  it("refuses malformed requests with a clear 400", async () => {
    for (const body of [
      {},
      { kind: "post" },
      { kind: "novel", texts: ["a"] },
      { kind: "post", texts: [1] },
      { kind: "post", texts: [] },
      "text",
    ]) {
      const response = await call(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as { error: string }).error.length).toBeGreaterThan(0);
    }
  });

  it("refuses signed-out callers", async () => {
    const keep = signedIn.user;
    signedIn.user = null;
    try {
      const response = await call({ kind: "post", texts: ["hello"] });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: string }).error).toMatch(/sign in/i);
    } finally {
      signedIn.user = keep;
    }
  });

  it("is rate limited per account", async () => {
    await resetLimit("preview", member.id);
    const statuses: number[] = [];
    for (let i = 0; i < 61; i += 1) statuses.push((await call({ kind: "post", texts: [""] })).status);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
    const last = await call({ kind: "post", texts: ["a"] });
    expect(((await last.json()) as { error: string }).error).toMatch(/many previews/);
    // A client can tell when to ask again, and nothing caches the refusal.
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(last.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(last.headers.get("cache-control")).toBe("no-store");
    // A paper's preview costs one, however many sections it has: sixty whole papers a minute.
    await resetLimit("preview", member.id);
    for (let i = 0; i < 60; i += 1)
      expect((await call({ kind: "section", texts: Array(40).fill("a section") })).status).toBe(200);
    expect((await call({ kind: "section", texts: ["a"] })).status).toBe(429);
    await resetLimit("preview", member.id);
  });

  it("charges a very long preview a few points, so the limit still bounds the work", () => {
    expect(previewCost(["a"])).toBe(1);
    expect(previewCost(Array(40).fill("x".repeat(5_000)))).toBe(1);
    expect(previewCost(Array(25).fill("x".repeat(40_000)))).toBe(5);
  });

  it("says what is wrong in plain words, and every refusal is uncached", async () => {
    const response = await call({ kind: "section", texts: ["fine", "x".repeat(40_001)] });
    expect(response.status).toBe(400);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const { error } = (await response.json()) as { error: string };
    expect(error).toBe("texts[1]: Section text can be at most 40,000 characters.");
    expect(error).not.toMatch(/✖|→/);
    const noObject = (await (await call("text")).json()) as { error: string };
    expect(noObject.error).toMatch(/^Send a JSON object/);
  });

  it("checks who is asking before reading the body: signed out is 401 whatever was sent", async () => {
    const keep = signedIn.user;
    signedIn.user = null;
    try {
      let pulled = false;
      const body = new ReadableStream(
        {
          pull(controller) {
            pulled = true;
            controller.enqueue(new TextEncoder().encode("{not json"));
            controller.close();
          },
        },
        { highWaterMark: 0 },
      );
      const response = await preview(rawRequest(body));
      expect(response.status).toBe(401);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(pulled).toBe(false);
    } finally {
      signedIn.user = keep;
    }
  });

  it("refuses a body larger than any form may send with 413, without reading it", async () => {
    let pulled = 0;
    const endless = new ReadableStream(
      {
        pull(controller) {
          pulled += 1;
          controller.enqueue(new Uint8Array(64 * 1024).fill(32));
        },
      },
      { highWaterMark: 0 },
    );
    const declared = await preview(rawRequest(endless, { "content-length": String(MAX_PREVIEW_BYTES + 1) }));
    expect(declared.status).toBe(413);
    expect(declared.headers.get("cache-control")).toBe("no-store");
    expect(pulled).toBe(0);
    // Sent without a length (chunked): read only until it passes the bound.
    pulled = 0;
    const chunked = await preview(rawRequest(endless));
    expect(chunked.status).toBe(413);
    expect(pulled * 64 * 1024).toBeLessThan(MAX_PREVIEW_BYTES + 3 * 64 * 1024);
  });
});
