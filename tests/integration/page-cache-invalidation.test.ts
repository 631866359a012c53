// The page cache hears of every committed write that changes what a public page shows, in every
// server process: here two stores, each with its own LISTEN connection, stand for two processes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { replyToThread } from "@/features/discussions/mutations";
import { addReaction } from "@/features/discussions/react-to-post";
import { hidePost } from "@/features/moderation/post-mutations";
import { castVote } from "@/features/proposals/cast-vote";
import { createProposal } from "@/features/proposals/mutations";
import { db } from "@/server/db";
import { listenForInvalidations } from "@/server/page-cache/invalidation";
import { PageStore } from "@/server/page-cache/store";
import { ANY_PAPER, ANY_THREAD, paperTag, SITE, threadTag } from "@/server/page-cache/tags";
import { makeThread } from "./helpers/discussion-factories";
import { actorOf, addMember, makeGroup, makeUser, type TestGroup, type TestUser } from "./helpers/factories";
import { amend, makePaper } from "./helpers/paper-factories";
import { resetDatabase } from "./helpers/reset-db";
import { until } from "./helpers/until";

/** A store that remembers which tags it has heard, so a test can wait for a notice it sent. */
class RecordingStore extends PageStore {
  readonly heard = new Set<string>();
  override invalidate(tag: string) {
    this.heard.add(tag);
    super.invalidate(tag);
  }
}

const processes = [0, 1].map(() => new RecordingStore({ maxBytes: 10_000_000, ttlMs: 60_000 }));
const listeners = processes.map((store) =>
  listenForInvalidations(store, process.env.DATABASE_URL!, { info: () => {}, error: () => {} }),
);

const page = (tags: string[]) => ({ status: 200, headers: {}, body: Buffer.from("<p>page</p>"), tags });

/** Fills both processes' caches with one page per tag set, keyed by name. */
function fill(pages: Record<string, string[]>) {
  for (const store of processes)
    for (const [key, tags] of Object.entries(pages)) store.set(key, page(tags), store.mark());
}
const kept = (key: string) => processes.map((store) => store.get(key) !== undefined);

/** Waits until every notice sent so far has reached both processes: notices arrive in order, so a marker sent now comes last. */
let markers = 0;
async function settle() {
  const marker = `marker:${++markers}`;
  await db.$executeRaw`SELECT pg_notify('page_cache', ${marker})`;
  await until(() => processes.every((store) => store.heard.has(marker)), "the notices sent so far to arrive");
}

let owner: TestUser;
let member: TestUser;
let group: TestGroup;

beforeAll(async () => {
  await until(() => processes.every((s) => s.available), "both listeners to connect");
});

afterAll(async () => {
  await Promise.all(listeners.map((l) => l.stop()));
});

beforeEach(async () => {
  await resetDatabase();
  owner = await makeUser({ displayName: "Owner" });
  member = await makeUser({ displayName: "Member" });
  group = await makeGroup(owner);
  await addMember(group, member);
  await settle(); // the set-up's own notices arrive before the caches are filled
});

describe("page cache invalidation", () => {
  it("a reply drops its thread's pages and the lists of threads in both processes, and nothing else", async () => {
    const thread = await makeThread(group, owner);
    const other = await makeThread(group, owner);
    await settle();
    fill({
      thread: [SITE, threadTag(thread.id)],
      other: [SITE, threadTag(other.id)],
      search: [SITE, ANY_THREAD],
      library: [SITE, ANY_PAPER],
    });
    await replyToThread(actorOf(member), { threadId: thread.id, body: "A new reply" });
    await until(() => !kept("thread").some(Boolean) && !kept("search").some(Boolean), "the reply's notices");
    expect(kept("other")).toEqual([true, true]);
    expect(kept("library")).toEqual([true, true]);
  });

  it("a moderator hiding a post, and a reaction, reach the thread's pages", async () => {
    const thread = await makeThread(group, member, { posts: 2 });
    await settle();
    fill({ thread: [SITE, threadTag(thread.id)] });
    await addReaction(actorOf(owner), { postId: thread.posts[1]!.id, kind: "AGREE" });
    await until(() => !kept("thread").some(Boolean), "the reaction's notice");
    fill({ thread: [SITE, threadTag(thread.id)] });
    await hidePost(actorOf(owner), { postId: thread.posts[1]!.id, reason: "Personal details about a patient." });
    await until(() => !kept("thread").some(Boolean), "the moderation's notice");
  });

  it("a change to a paper reaches that paper's pages and the lists of papers", async () => {
    const paper = await makePaper(group, owner);
    const other = await makePaper(group, owner);
    await settle();
    fill({ paper: [SITE, paperTag(paper.id)], other: [SITE, paperTag(other.id)], library: [SITE, ANY_PAPER] });
    await db.paper.update({ where: { id: paper.id }, data: { summary: "Changed" } });
    await until(() => !kept("paper").some(Boolean) && !kept("library").some(Boolean), "the paper's notices");
    expect(kept("other")).toEqual([true, true]);
  });

  it("a changed name reaches every page", async () => {
    const thread = await makeThread(group, owner);
    await settle();
    fill({ thread: [SITE, threadTag(thread.id)], library: [SITE, ANY_PAPER] });
    await db.user.update({ where: { id: member.id }, data: { displayName: "Renamed" } });
    await until(() => processes.every((s) => s.size === 0), "the site-wide notice");
  });

  it("a write that rolls back changes nothing", async () => {
    const thread = await makeThread(group, owner);
    await settle();
    fill({ thread: [SITE, threadTag(thread.id)] });
    await expect(
      db.$transaction(async (tx) => {
        await tx.post.updateMany({ where: { threadId: thread.id }, data: { bodyHtml: "<p>changed</p>" } });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await settle();
    expect(kept("thread")).toEqual([true, true]);
  });

  it("writes to what no public page shows (sessions, notifications, rate limits) keep the cache", async () => {
    const thread = await makeThread(group, owner);
    await settle();
    fill({ thread: [SITE, threadTag(thread.id)] });
    await db.notification.deleteMany({});
    await db.rateLimit.deleteMany({});
    await db.threadRead.deleteMany({});
    await settle();
    expect(kept("thread")).toEqual([true, true]);
  });

  it("a profile saved unchanged, a password change or a session cut-off send nothing", async () => {
    const thread = await makeThread(group, owner);
    await settle();
    fill({ thread: [SITE, threadTag(thread.id)] });
    const profile = await db.profile.findUniqueOrThrow({ where: { userId: member.id } });
    await db.profile.update({
      where: { userId: member.id },
      data: { bio: profile.bio, perspective: profile.perspective },
    });
    await db.user.update({ where: { id: member.id }, data: { passwordHash: "x", sessionsValidFrom: new Date() } });
    await db.user.updateMany({
      where: { id: "00000000-0000-4000-8000-000000000000" },
      data: { displayName: "Nobody" },
    });
    await settle();
    expect(kept("thread")).toEqual([true, true]);
  });

  it("a reaction reaches its thread only, not the lists of threads", async () => {
    const thread = await makeThread(group, member, { posts: 2 });
    await settle();
    fill({ thread: [SITE, threadTag(thread.id)], search: [SITE, ANY_THREAD, ANY_PAPER], library: [SITE, ANY_PAPER] });
    await addReaction(actorOf(owner), { postId: thread.posts[1]!.id, kind: "USEFUL" });
    await settle();
    expect(kept("thread")).toEqual([false, false]);
    expect(kept("search")).toEqual([true, true]);
    expect(kept("library")).toEqual([true, true]);
  });

  it("a vote reaches its paper only, not the library or search", async () => {
    const paper = await makePaper(group, owner);
    const proposal = await createProposal(
      actorOf(owner),
      amend(paper, paper.sections[0]!, "Pay benefits every week, not every month."),
    );
    await settle();
    fill({ paper: [SITE, paperTag(paper.id)], library: [SITE, ANY_PAPER], search: [SITE, ANY_THREAD, ANY_PAPER] });
    await castVote(actorOf(member), { proposalId: proposal.id, version: 1, choice: "SUPPORT", reason: "" });
    await settle();
    expect(kept("paper")).toEqual([false, false]);
    expect(kept("library")).toEqual([true, true]);
    expect(kept("search")).toEqual([true, true]);
  });

  it("a process that loses its connection serves nothing until it has listened again", async () => {
    const store = processes[0]!;
    const thread = await makeThread(group, owner);
    await settle();
    fill({ thread: [SITE, threadTag(thread.id)] });
    await db.$executeRawUnsafe(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'policy-commons notices' AND datname = current_database()`,
    );
    await until(() => !store.available, "the lost connection to be noticed");
    expect(store.get("thread")).toBeUndefined();
    await until(() => store.available && processes[1]!.available, "both listeners to reconnect");
    expect(store.get("thread")).toBeUndefined(); // notices sent meanwhile are lost: it starts empty
  });
});
