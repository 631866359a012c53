import { beforeAll, describe, expect, it } from "vitest";
import { createThread, replyToThread } from "@/features/discussions/mutations";
import { searchPublic } from "@/features/search/queries";
import { HIGHLIGHT_START, HIGHLIGHT_STOP } from "@/features/search/query";
import { SEARCH_MAX_HITS, SEARCH_PAGE_SIZE, SEARCH_TIER_LIMIT, ZSearchParams } from "@/features/search/schemas";
import { SNIPPET_SOURCE_CHARS } from "@/features/search/search-sql";
import { postPath } from "@/lib/paths";
import { db } from "@/server/db";
import { makeThread } from "./helpers/discussion-factories";
import { actorOf, makeGroup, makeUser } from "./helpers/factories";
import { publishNewPaper } from "./helpers/publish-flow";
import { resetDatabase } from "./helpers/reset-db";

beforeAll(resetDatabase);

const search = (q: unknown, rest: Record<string, unknown> = {}) => searchPublic(ZSearchParams.parse({ q, ...rest }));
async function hitTitles(q: string, rest: Record<string, unknown> = {}) {
  const r = await search(q, rest);
  if (!r.ok) throw new Error(`search refused: ${r.reason}`);
  return r.hits.map((h) => h.title.replaceAll(HIGHLIGHT_START, "").replaceAll(HIGHLIGHT_STOP, ""));
}

describe("search", () => {
  let bodyPaper: Awaited<ReturnType<typeof publishNewPaper>>;
  beforeAll(async () => {
    bodyPaper = await publishNewPaper({
      title: "Help with rent arrears",
      sections: [
        {
          heading: "Landlords",
          body: "Councils should mediate with landlords before any eviction <script>alert(1)</script> notice is served.",
        },
      ],
    });
    await publishNewPaper({
      title: "Eviction notices and tenants",
      sections: [{ heading: "Scope", body: "Private renting." }],
    });
  });

  it("finds a published paper by a word in a section and by a phrase, with a safe highlighted snippet", async () => {
    const r = await search("mediate");
    expect(r.ok && r.hits.map((h) => h.href)).toEqual([
      `/groups/${bodyPaper.group.slug}/papers/${bodyPaper.paper.slug}/v/1`,
    ]);
    expect(r.ok && r.hits[0]!.snippet).toContain(`${HIGHLIGHT_START}mediate${HIGHLIGHT_STOP}`);
    expect(await hitTitles('"mediate with landlords"')).toEqual(["Help with rent arrears"]);
    expect(await hitTitles('"landlords mediate"')).toEqual([]);
    // Stemming: "mediating" finds "mediate".
    expect(await hitTitles("mediating")).toEqual(["Help with rent arrears"]);
  });

  it("ranks a title match above a body match", async () => {
    expect(await hitTitles("eviction", { type: "papers" })).toEqual([
      "Eviction notices and tenants",
      "Help with rent arrears",
    ]);
  });

  it("searches threads of open groups with their visible posts only, never members-only groups", async () => {
    const owner = await makeUser();
    const open = await makeGroup(owner);
    const closed = await makeGroup(owner, { joinPolicy: "APPROVAL" });
    await createThread(actorOf(owner), {
      groupId: open.id,
      title: "Sanctions and hardship",
      body: "Open talk about zebrafinch payments.",
    });
    await createThread(actorOf(owner), {
      groupId: closed.id,
      title: "Private zebrafinch plans",
      body: "Members only zebrafinch.",
    });
    const t = await createThread(actorOf(owner), { groupId: open.id, title: "Another topic", body: "Nothing here." });
    const hidden = await replyToThread(actorOf(owner), { threadId: t.threadId, body: "hidden quokkaword reply" });
    const removed = await replyToThread(actorOf(owner), { threadId: t.threadId, body: "removed wombatword reply" });
    await db.post.update({ where: { id: hidden.postId }, data: { status: "HIDDEN" } });
    await db.post.update({ where: { id: removed.postId }, data: { status: "REMOVED" } });

    expect(await hitTitles("zebrafinch")).toEqual(["Sanctions and hardship"]);
    expect(await hitTitles("zebrafinch", { group: closed.slug })).toEqual([]);
    expect(await hitTitles("quokkaword")).toEqual([]);
    expect(await hitTitles("wombatword")).toEqual([]);
    expect(await hitTitles("hardship", { type: "papers" })).toEqual([]);
    expect(await hitTitles("hardship", { type: "threads", group: open.slug })).toEqual(["Sanctions and hardship"]);
  });

  it("never throws on bad queries, and says why there is nothing to search", async () => {
    expect(await search("")).toEqual({ ok: false, reason: "empty" });
    expect(await search("x".repeat(600))).toEqual({ ok: false, reason: "too-long" });
    expect(await search("!!! ??? ***")).toEqual({ ok: false, reason: "no-words" });
    expect(await search("the and of")).toEqual({ ok: false, reason: "stop-words" });
    for (const q of [
      "a & | ! ( ) :* <-> '",
      "\u0000\uD800eviction",
      '"unclosed phrase',
      "-",
      "or or or",
      "😀 eviction",
      ["array"],
      42,
    ]) {
      await expect(search(q)).resolves.toHaveProperty("ok");
    }
    const lastPage = Math.ceil(SEARCH_MAX_HITS / SEARCH_PAGE_SIZE);
    expect(ZSearchParams.parse({ q: "eviction", page: lastPage }).page).toBe(lastPage);
    const beyond = await search("eviction", { page: lastPage });
    expect(beyond.ok && beyond.hits).toEqual([]);
  });
});

/**
 * n copies of a published paper (same text and title, new slugs), published after it one second
 * apart: written straight to the database, since publishing n papers through the flow would be slow.
 */
async function copyPublished(paper: { id: string }, n: number) {
  await db.$executeRaw`
    WITH source AS (
      SELECT pub.*, p."groupId", p."createdById", r.snapshot
        FROM "Publication" pub JOIN "Paper" p ON p.id = pub."paperId" JOIN "Revision" r ON r.id = pub."revisionId"
       WHERE pub."paperId" = ${paper.id}::uuid AND pub.version = 1),
    copies AS (
      SELECT source.*, i, gen_random_uuid() AS "copyId", gen_random_uuid() AS "copyRevisionId"
        FROM source, generate_series(1, ${n}::int) i),
    papers AS (
      INSERT INTO "Paper" (id, "groupId", slug, title, question, summary, "createdById")
      SELECT "copyId", "groupId", 'copy-' || "copyId", title, question, summary, "createdById" FROM copies),
    revisions AS (
      INSERT INTO "Revision" (id, "paperId", number, kind, "authorId", snapshot)
      SELECT "copyRevisionId", "copyId", 1, 'INITIAL', "createdById", snapshot FROM copies)
    INSERT INTO "Publication" ("paperId", version, "revisionId", title, question, summary, sections, contributors,
                               participation, licence, "publishedAt")
    SELECT "copyId", 1, "copyRevisionId", title, question, summary, sections, contributors, participation, licence,
           "publishedAt" + i * interval '1 second'
      FROM copies`;
}

/** Dates a thread's posts one second apart from now, in the order they were written (the last is newest). */
async function spreadPostDates(thread: { id: string }) {
  await db.$executeRaw`UPDATE "Post" SET "createdAt" = now() + seq * interval '1 second' WHERE "threadId" = ${thread.id}::uuid`;
}

// Only a bounded set of candidates is ranked (search-sql.ts): at most SEARCH_TIER_LIMIT papers whose
// title matches, papers matching anywhere, threads whose title matches and posts, newest first. These
// tests give each tier more matches than it takes.
describe("search ranks a bounded set of candidates", () => {
  const ok = (r: Awaited<ReturnType<typeof search>>) => {
    if (!r.ok) throw new Error(`search refused: ${r.reason}`);
    return r;
  };
  const plain = (headline: string) => headline.replaceAll(HIGHLIGHT_START, "").replaceAll(HIGHLIGHT_STOP, "");

  it("keeps an older paper whose title matches on page 1, above any number of newer papers mentioning the word", async () => {
    await publishNewPaper({
      title: "Marramgrass on the dunes",
      sections: [{ heading: "Scope", body: "Coastal paths and who mends them." }],
    });
    const template = await publishNewPaper({
      title: "Coastal access review",
      sections: [{ heading: "Dunes", body: "The marramgrass holds the sand in place." }],
    });
    await copyPublished(template.paper, SEARCH_TIER_LIMIT + 10);

    const r = ok(await search("marramgrass", { type: "papers" }));
    expect(r.hits.map((h) => plain(h.title))).toEqual([
      "Marramgrass on the dunes",
      ...Array(SEARCH_PAGE_SIZE - 1).fill("Coastal access review"),
    ]);
    expect(r.hits[0]!.title).toContain(`${HIGHLIGHT_START}Marramgrass${HIGHLIGHT_STOP}`);
    // The title match and the newest SEARCH_TIER_LIMIT mentions: the count says it was cut short.
    expect(r).toMatchObject({ total: SEARCH_TIER_LIMIT + 1, capped: true });
  });

  it("ranks a thread whose title matches above a thread whose posts mention the word, linked to its best post", async () => {
    const owner = await makeUser();
    const group = await makeGroup(owner);
    await makeThread(group, owner, { title: "Sea buckthorn along the path", body: () => "Who cuts it back?" });
    const busy = await makeThread(group, owner, {
      title: "Coastal path maintenance",
      posts: SEARCH_TIER_LIMIT + 20,
      body: (seq) => (seq === 40 ? "Buckthorn, buckthorn and more buckthorn." : `Post ${seq} mentions buckthorn once.`),
    });
    await spreadPostDates(busy);

    const r = ok(await search("buckthorn"));
    expect(r.hits.map((h) => plain(h.title))).toEqual(["Sea buckthorn along the path", "Coastal path maintenance"]);
    // The thread links to the post that mentions the word most, among the candidates (the newest posts).
    const best = busy.posts.find((p) => p.seq === 40)!;
    expect(r.hits[1]!.href).toBe(postPath(busy.id, best.id));
    expect(r.hits[1]!.snippet).toContain(`${HIGHLIGHT_START}buckthorn${HIGHLIGHT_STOP}`);
    expect(r).toMatchObject({ total: 2, capped: true });
  });

  it("puts title matches of papers and threads first among many mentions of a common word", async () => {
    const owner = await makeUser();
    const group = await makeGroup(owner);
    await publishNewPaper({
      title: "Saltmarsh grazing",
      sections: [{ heading: "Cattle", body: "Grazing keeps the marsh open." }],
    });
    await makeThread(group, owner, { title: "Saltmarsh walks", body: () => "Meet at the car park." });
    for (let i = 0; i < 3; i++) {
      const t = await makeThread(group, owner, {
        posts: SEARCH_TIER_LIMIT,
        body: (seq) => `Reply ${seq}: the saltmarsh again.`,
      });
      await spreadPostDates(t);
    }
    await copyPublished(
      (
        await publishNewPaper({
          title: "Estuary plans",
          sections: [{ heading: "Edges", body: "The saltmarsh floods twice a day." }],
        })
      ).paper,
      SEARCH_TIER_LIMIT,
    );

    // Equal ranks (one title word each): their order is the newer first, so compare them as a set.
    const titles = await hitTitles("saltmarsh");
    expect(titles.slice(0, 2).sort()).toEqual(["Saltmarsh grazing", "Saltmarsh walks"]);
    expect(titles.slice(2)).not.toContain("Saltmarsh grazing");
  });

  it("never shows hidden posts or members-only groups, however many of them match", async () => {
    const owner = await makeUser();
    const open = await makeGroup(owner);
    const closed = await makeGroup(owner, { joinPolicy: "APPROVAL" });
    await makeThread(open, owner, { title: "Sandwort survey", body: () => "Counting sandwort on the shingle." });
    const hidden = await makeThread(open, owner, {
      title: "Shingle notes",
      posts: SEARCH_TIER_LIMIT + 10,
      body: () => "Sandwort everywhere on the shingle, sandwort.",
    });
    await db.post.updateMany({ where: { threadId: hidden.id }, data: { status: "HIDDEN" } });
    await spreadPostDates(hidden);
    for (let i = 0; i < SEARCH_TIER_LIMIT + 5; i++) {
      const t = await makeThread(closed, owner, {
        title: `Sandwort plan ${i}`,
        body: () => "Members only: sandwort on the shingle.",
      });
      await spreadPostDates(t);
      await db.thread.update({ where: { id: t.id }, data: { lastPostAt: new Date(Date.now() + 60_000) } });
    }

    const r = ok(await search("sandwort"));
    expect(r.hits.map((h) => plain(h.title))).toEqual(["Sandwort survey"]);
    expect(r).toMatchObject({ total: 1, capped: false });
    expect(await hitTitles("sandwort", { group: closed.slug })).toEqual([]);
    // Two words take the posts tier's other way (the newest posts, then the GIN index): the same.
    expect(await hitTitles("sandwort shingle")).toEqual(["Sandwort survey"]);
    expect(await hitTitles('"sandwort on the shingle"', { type: "threads" })).toEqual(["Sandwort survey"]);
  });

  it("finds posts matching several words both among the newest posts and behind a thousand newer ones", async () => {
    const owner = await makeUser();
    const group = await makeGroup(owner);
    await makeThread(group, owner, { title: "Allotment rules", body: () => "The sea kale bed needs sand." });
    const chatter = await makeThread(group, owner, { title: "Chatter", posts: 1100, body: (seq) => `Note ${seq}.` });
    await spreadPostDates(chatter);
    const fresh = await makeThread(group, owner, { title: "Beach finds", body: () => "Sea kale on the shingle." });
    await spreadPostDates(fresh);
    await db.$executeRaw`UPDATE "Post" SET "createdAt" = now() + interval '1 hour' WHERE "threadId" = ${fresh.id}::uuid`;

    // The newest post is found among the newest posts; the old one behind 1,100 newer posts, from the GIN index.
    expect((await hitTitles('"sea kale"')).sort()).toEqual(["Allotment rules", "Beach finds"]);
    expect((await hitTitles("kale sand")).sort()).toEqual(["Allotment rules"]);
  });

  it("cuts a snippet from the paragraph that holds the word, however deep in a paper or a post", async () => {
    const filler = "Words about other things entirely, said at length. ".repeat(30);
    await publishNewPaper({
      title: "A long paper",
      sections: [
        { heading: "One", body: filler },
        { heading: "Two", body: `${filler}\n\nThe glasswort appears here at last.\n\n${filler}` },
      ],
    });
    const paperHit = ok(await search("glasswort")).hits[0]!;
    expect(paperHit.snippet).toContain(`${HIGHLIGHT_START}glasswort${HIGHLIGHT_STOP}`);
    expect(paperHit.snippet.length).toBeLessThan(SNIPPET_SOURCE_CHARS);

    const owner = await makeUser();
    const group = await makeGroup(owner);
    await makeThread(group, owner, {
      title: "A long reply",
      body: () => `${filler}\n\n${filler}\n\nThen saltwort, once.`,
    });
    const postHit = ok(await search("saltwort")).hits[0]!;
    expect(postHit.snippet).toContain(`${HIGHLIGHT_START}saltwort${HIGHLIGHT_STOP}`);
    expect(postHit.snippet.length).toBeLessThan(SNIPPET_SOURCE_CHARS);
  });
});
