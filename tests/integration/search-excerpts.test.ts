// Discussion results carry an excerpt, as paper results do: the matching post's words with the
// query's words marked, or, when only the thread's title matched, the opening post's first words.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createThread, replyToThread } from "@/features/discussions/mutations";
import { Snippet } from "@/features/search/components/snippet";
import { searchPublic } from "@/features/search/queries";
import { HIGHLIGHT_STOP as E, HIGHLIGHT_START as S, splitHighlights } from "@/features/search/query";
import { SEARCH_PAGE_SIZE, ZSearchParams } from "@/features/search/schemas";
import { db } from "@/server/db";
import { makeThread } from "./helpers/discussion-factories";
import { actorOf, makeGroup, makeUser } from "./helpers/factories";
import { resetDatabase } from "./helpers/reset-db";

beforeAll(resetDatabase);

async function threadHits(q: string, page = 1) {
  const r = await searchPublic(ZSearchParams.parse({ q, type: "threads", page: String(page) }));
  if (!r.ok) throw new Error(`search refused: ${r.reason}`);
  return r;
}
const plain = (headline: string) => headline.replaceAll(S, "").replaceAll(E, "");

describe("search excerpts for discussions", () => {
  let owner: Awaited<ReturnType<typeof makeUser>>;
  let groupId: string;
  beforeAll(async () => {
    owner = await makeUser();
    groupId = (await makeGroup(owner)).id;
  });

  it("shows the matching reply's words with the query's words marked", async () => {
    const t = await createThread(actorOf(owner), {
      groupId,
      title: "Waiting times at the jobcentre",
      body: "Nothing about birds here.",
    });
    await replyToThread(actorOf(owner), {
      threadId: t.threadId,
      body: "Our kestrelword appointment was moved three times without notice.",
    });
    const r = await threadHits("kestrelword");
    expect(r.hits).toHaveLength(1);
    expect(r.hits[0]!.snippet).toContain(`${S}kestrelword${E}`);
    expect(plain(r.hits[0]!.snippet)).toContain("appointment was moved three times");
  });

  it("shows the opening post's first words when only the title matched", async () => {
    await createThread(actorOf(owner), {
      groupId,
      title: "Ptarmiganword and the housing list",
      body: "We were told the list is closed to new applicants until spring, and nobody could say why.",
    });
    const r = await threadHits("ptarmiganword");
    expect(r.hits).toHaveLength(1);
    expect(r.hits[0]!.title).toContain(`${S}Ptarmiganword${E}`);
    expect(plain(r.hits[0]!.snippet)).toContain("We were told the list is closed");
  });

  it("shows what the post shows: a <script> in a post is dropped from the excerpt as from the post", async () => {
    await createThread(actorOf(owner), {
      groupId,
      title: "Strange characters",
      body: 'A lapwingword test <script>alert("x")</script> & <b>bold</b> done.',
    });
    const r = await threadHits("lapwingword");
    const snippet = r.hits[0]!.snippet;
    expect(snippet).toContain(`${S}lapwingword${E}`);
    // The text reaches the page as text: the Snippet component renders each part as a React string.
    const parts = splitHighlights(snippet);
    expect(parts.filter((p) => p.highlight).map((p) => p.text)).toEqual(["lapwingword"]);
    // The excerpt is cut from the sanitised HTML as text: the tags the post never shows are gone.
    expect(parts.map((p) => p.text).join("")).not.toContain("<script");
    expect(parts.map((p) => p.text).join("")).toContain("& bold done");
    const html = renderToStaticMarkup(createElement(Snippet, { headline: snippet }));
    expect(html).toContain("<mark");
    expect(html).not.toMatch(/<script|<b[\s>]/);
  });

  it("makes the same two statements however many discussions are on the page", async () => {
    const many = SEARCH_PAGE_SIZE + 5;
    for (let i = 0; i < many; i++)
      await makeThread({ id: groupId }, owner, {
        title: `Curlewword meeting ${i}`,
        body: () => `Notes from meeting number ${i} about the curlewword project.`,
      });
    const raw = vi.spyOn(db, "$queryRaw");
    const unsafe = vi.spyOn(db, "$queryRawUnsafe");
    try {
      const r = await threadHits("curlewword");
      expect(r.total).toBe(many);
      expect(r.hits).toHaveLength(SEARCH_PAGE_SIZE);
      for (const hit of r.hits) expect(hit.snippet).toContain(`${S}curlewword${E}`);
      expect(raw).toHaveBeenCalledTimes(2);
      expect(unsafe).not.toHaveBeenCalled();
      raw.mockClear();
      const second = await threadHits("curlewword", 2);
      expect(second.hits).toHaveLength(5);
      expect(raw).toHaveBeenCalledTimes(2);
    } finally {
      raw.mockRestore();
      unsafe.mockRestore();
    }
  });
});

describe("search excerpts show only what the post shows", () => {
  let owner: Awaited<ReturnType<typeof makeUser>>;
  let groupId: string;
  beforeAll(async () => {
    owner = await makeUser();
    groupId = (await makeGroup(owner)).id;
  });

  it("never shows a raw HTML block the sanitiser dropped from the post", async () => {
    const t = await createThread(actorOf(owner), {
      groupId,
      title: "Visible thread about okapiword",
      body: "Visible words only.\n\n<div>\nzebrafishblock hidden words\n</div>\n",
    });
    const r = await threadHits("okapiword");
    const hit = r.hits.find((h) => h.id === t.threadId)!;
    expect(plain(hit.snippet)).toContain("Visible words only.");
    expect(hit.snippet).not.toContain("zebrafishblock");
    // The post is still found by the hidden word (its search vector is built from the Markdown),
    // but the excerpt never shows it.
    const hidden = await threadHits("zebrafishblock");
    for (const h of hidden.hits) expect(h.snippet).not.toContain("zebrafishblock");
  });

  it("shows a link's words, not its Markdown source, and decodes the renderer's entities", async () => {
    const t = await createThread(actorOf(owner), {
      groupId,
      title: "Links and lemurword",
      body: `See [the lemurword guide](data:text/html,<script>alert(1)</script>) & "quotes" <here>.`,
    });
    const r = await threadHits("lemurword");
    const hit = r.hits.find((h) => h.id === t.threadId)!;
    // (ts_headline itself reads "<here>" as a tag and leaves it out.)
    expect(plain(hit.snippet)).toContain(`See the lemurword guide & "quotes`);
    expect(hit.snippet).not.toContain("data:");
    expect(hit.snippet).not.toContain("script");
    expect(hit.snippet).not.toContain("](");
  });

  it("marks with … where an excerpt is cut, and not where it shows the whole post", async () => {
    const filler = Array.from({ length: 60 }, (_, i) => `filler${i}`).join(" ");
    const t = await createThread(actorOf(owner), { groupId, title: "A long one", body: "Short opener." });
    await replyToThread(actorOf(owner), { threadId: t.threadId, body: `${filler} narwhalword ${filler}` });
    const long = (await threadHits("narwhalword")).hits.find((h) => h.id === t.threadId)!;
    expect(long.snippet.startsWith("… ")).toBe(true);
    expect(long.snippet.endsWith(" …")).toBe(true);

    const s = await createThread(actorOf(owner), { groupId, title: "A short one", body: "The walrusword is here." });
    const short = (await threadHits("walrusword")).hits.find((h) => h.id === s.threadId)!;
    // ts_headline leaves out the closing full stop; no "…" since nothing of the post is missing.
    expect(plain(short.snippet)).toBe("The walrusword is here");
  });
});

describe("titles and names in results are isolated", () => {
  it("a stored right-to-left override in a title or group name cannot spill into the text around it", async () => {
    const { SearchResults } = await import("@/features/search/components/search-results");
    const html = renderToStaticMarkup(
      createElement(SearchResults, {
        params: ZSearchParams.parse({ q: "sanctions" }),
        result: {
          ok: true,
          total: 1,
          capped: false,
          page: 1,
          pageCount: 1,
          hits: [
            {
              kind: "thread",
              id: "0b6c3f0e-5d7e-4d8c-9f65-2b1f0f3e7a10",
              href: "/threads/0b6c3f0e-5d7e-4d8c-9f65-2b1f0f3e7a10",
              title: "Sanctions \u202Edetpecca ton",
              snippet: "Words.",
              groupName: "Group \u202Epuorg",
              groupSlug: "group",
              date: new Date("2026-12-01T10:00:00Z"),
            },
          ],
        },
      }),
    );
    expect(html).toContain("<bdi>Group \u202Epuorg</bdi>");
    expect(html).toMatch(/<a [^>]*dir="auto"[^>]*>.*?Sanctions \u202Edetpecca ton.*?<\/a>/s);
  });
});
