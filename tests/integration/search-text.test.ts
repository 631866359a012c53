// A post's text for search excerpts is kept by PostgreSQL (Post."bodyText", generated from
// "bodyHtml" by migration 20261211110000_search_text). These tests follow it through every way a
// post's HTML changes, and check what search then shows: the text it shows is the post's own, as
// it now reads, and nothing a moderator hid or a leaving member removed.
import { beforeAll, describe, expect, it } from "vitest";
import { deleteAccount } from "@/composition/memberships";
import { ZDeleteAccount } from "@/features/accounts/schemas";
import { createThread, editPost, replyToThread } from "@/features/discussions/mutations";
import { hidePost, restorePost } from "@/features/moderation/post-mutations";
import { searchPublic } from "@/features/search/queries";
import { HIGHLIGHT_STOP as E, HIGHLIGHT_START as S } from "@/features/search/query";
import { ZSearchParams } from "@/features/search/schemas";
import { db } from "@/server/db";
import { actorOf, addMember, makeGroup, makeUser } from "./helpers/factories";
import { resetDatabase } from "./helpers/reset-db";

beforeAll(resetDatabase);

const PASSWORD = "correct horse battery staple";
const plain = (headline: string) => headline.replaceAll(S, "").replaceAll(E, "");

async function threadHits(q: string, rest: Record<string, unknown> = {}) {
  const r = await searchPublic(ZSearchParams.parse({ q, type: "threads", ...rest }));
  if (!r.ok) throw new Error(`search refused: ${r.reason}`);
  return r.hits;
}

async function keptText(postId: string): Promise<{ bodyHtml: string; bodyText: string }> {
  const [row] = await db.$queryRaw<{ bodyHtml: string; bodyText: string }[]>`
    SELECT "bodyHtml", "bodyText" FROM "Post" WHERE id = ${postId}::uuid`;
  return row!;
}

describe("a post's kept text for search", () => {
  it("is the sanitised HTML as text: paragraphs, characters for entities, no tags or dropped markup", async () => {
    const owner = await makeUser();
    const group = await makeGroup(owner);
    const { postId } = await createThread(actorOf(owner), {
      groupId: group.id,
      title: "Fees and arrears",
      body: 'Rent **arrears** & fees > 3 <b>months</b>\n\nSecond "paragraph" isn\'t long.',
    });
    const { bodyHtml, bodyText } = await keptText(postId);
    expect(bodyHtml).toContain("&#x26;"); // the renderer writes entities; the kept text has their characters
    // Block ends become paragraph breaks (the line break between two blocks stays too).
    expect(bodyText).toMatch(/^Rent arrears & fees > 3 months\n\n+Second "paragraph" isn't long\.$/);
    expect(bodyText).not.toContain("<");
  });

  it("follows an edit: search shows the new words and no longer finds the old ones", async () => {
    const owner = await makeUser();
    const group = await makeGroup(owner);
    const { threadId } = await createThread(actorOf(owner), {
      groupId: group.id,
      title: "Bus passes",
      body: "Opening.",
    });
    const { postId } = await replyToThread(actorOf(owner), { threadId, body: "The quillwort office closed early." });
    expect((await threadHits("quillwort")).map((h) => plain(h.snippet))).toEqual([
      "The quillwort office closed early", // ts_headline leaves out the closing full stop
    ]);

    await editPost(actorOf(owner), { postId, body: "The bladderwort office *opens* at nine." });
    expect((await keptText(postId)).bodyText).toBe("The bladderwort office opens at nine.");
    expect(await threadHits("quillwort")).toEqual([]);
    const hits = await threadHits("bladderwort");
    expect(hits.map((h) => h.snippet)).toEqual([`The ${S}bladderwort${E} office opens at nine`]);
  });

  it("is never shown while a moderator hides the post, and shows again when it is restored", async () => {
    const owner = await makeUser();
    const group = await makeGroup(owner);
    const { threadId } = await createThread(actorOf(owner), { groupId: group.id, title: "Ferries", body: "Opening." });
    const { postId } = await replyToThread(actorOf(owner), { threadId, body: "Moonwort timetable changes again." });
    expect(await threadHits("moonwort")).toHaveLength(1);

    await hidePost(actorOf(owner), { postId, reason: "Off topic for this group." });
    expect(await threadHits("moonwort")).toEqual([]);

    await restorePost(actorOf(owner), { postId, reason: "" });
    expect((await threadHits("moonwort")).map((h) => plain(h.snippet))).toEqual(["Moonwort timetable changes again"]);
  });

  it("is emptied with the post's text when its author deletes their account and removes their posts", async () => {
    const owner = await makeUser();
    const leaver = await makeUser({ password: PASSWORD });
    const group = await makeGroup(owner);
    await addMember(group, leaver);
    const { threadId } = await createThread(actorOf(owner), {
      groupId: group.id,
      title: "Libraries",
      body: "Opening.",
    });
    const { postId } = await replyToThread(actorOf(leaver), { threadId, body: "Spleenwort hours at the library." });
    expect(await threadHits("spleenwort")).toHaveLength(1);

    await deleteAccount(
      actorOf(leaver),
      ZDeleteAccount.parse({ understood: "on", posts: "remove", password: PASSWORD }),
    );
    expect(await keptText(postId)).toEqual({ bodyHtml: "", bodyText: "" });
    expect(await threadHits("spleenwort")).toEqual([]);
  });

  it("shows a title-only hit's opening post, and only threads of the chosen open group", async () => {
    const owner = await makeUser();
    const open = await makeGroup(owner);
    const other = await makeGroup(owner);
    const closed = await makeGroup(owner, { joinPolicy: "APPROVAL" });
    for (const g of [open, other, closed]) {
      await createThread(actorOf(owner), {
        groupId: g.id,
        title: `Mudwort in ${g.name}`,
        body: "First we met at the **hall**; then &c.",
      });
    }
    const all = await threadHits("mudwort");
    expect(all.map((h) => h.groupName).sort()).toEqual([open.name, other.name].sort());
    expect(all.map((h) => plain(h.snippet))).toEqual([
      "First we met at the hall; then &c.",
      "First we met at the hall; then &c.",
    ]);
    expect((await threadHits("mudwort", { group: open.slug })).map((h) => h.groupName)).toEqual([open.name]);
    expect(await threadHits("mudwort", { group: closed.slug })).toEqual([]);
    expect(await threadHits("mudwort", { group: "no-such-group" })).toEqual([]);
  });
});
