import { beforeAll, describe, expect, it } from "vitest";
import { createThread, replyToThread } from "@/features/discussions/mutations";
import { searchPublic } from "@/features/search/queries";
import { HIGHLIGHT_START, HIGHLIGHT_STOP } from "@/features/search/query";
import { SEARCH_MAX_HITS, SEARCH_PAGE_SIZE, ZSearchParams } from "@/features/search/schemas";
import { db } from "@/server/db";
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
