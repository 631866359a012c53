// Posting a reply does only the writes it must (issue 15). The statements a reply sends to
// PostgreSQL are counted at the driver, so every round trip is seen: Prisma's, raw SQL's and the
// rate limiter's own pool. And the Server Action answers the running page with the new post's
// address instead of having Next render the thread into its answer; a plain form post (no
// JavaScript, so no Next-Action header) is still redirected there.

import { isRedirectError } from "next/dist/client/components/redirect-error";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { replyAction } from "@/features/discussions/actions";
import { replyToThread } from "@/features/discussions/mutations";
import type { CurrentUser } from "@/server/auth/session-store";
import { db } from "@/server/db";
import { makeThread } from "./helpers/discussion-factories";
import { actorOf, addMember, makeGroup, makeUser, type TestUser } from "./helpers/factories";
import { formOf } from "./helpers/hostile-corpus";
import { resetDatabase } from "./helpers/reset-db";
import { countRoundTrips } from "./helpers/round-trips";

// Outside a Next request the test says who is signed in, which headers came, and records what
// would have been revalidated. The database stays real.
const request = vi.hoisted(() => ({
  user: null as CurrentUser | null,
  headers: {} as Record<string, string>,
  revalidated: [] as string[],
}));
vi.mock("@/server/auth/current-user", () => ({
  getCurrentUser: async () => request.user,
  requireCurrentUser: async () => request.user,
}));
vi.mock("next/cache", () => ({
  revalidatePath: (path: string) => request.revalidated.push(path),
  revalidateTag: (tag: string) => request.revalidated.push(tag),
  unstable_cache: <T>(fn: T) => fn,
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "commons.test", ...request.headers }),
  cookies: async () => ({ getAll: () => [], set: () => {} }),
}));

const statementsOf = async (work: () => Promise<unknown>) => (await countRoundTrips(work)).statements;

beforeAll(resetDatabase);
beforeEach(() => {
  request.headers = {};
  request.revalidated = [];
});

/** A group thread of three posts by its owner (who follows it, and is told of replies), and a member who replies. */
async function world() {
  const owner = await makeUser();
  const member = await makeUser();
  const group = await makeGroup(owner);
  await addMember(group, member);
  const thread = await makeThread(group, owner, { posts: 3, body: (seq) => `Earlier post ${seq} of the thread.` });
  await db.threadFollow.create({ data: { threadId: thread.id, userId: owner.id } });
  return { owner, member, group, thread };
}

const asCurrentUser = (user: TestUser): CurrentUser => ({
  ...actorOf(user),
  sessionId: "test",
  handle: user.handle,
  displayName: user.displayName,
});

describe("replyToThread's round trips", () => {
  it("a reply to the thread, telling a follower, sends 11 statements (18 before issue 15)", async () => {
    const { member, thread } = await world();
    // Warm: the rate limiter's table, Prisma's first connection.
    await replyToThread(actorOf(member), { threadId: thread.id, body: "A first reply." });

    const statements = await statementsOf(() =>
      replyToThread(actorOf(member), { threadId: thread.id, body: "A second reply." }),
    );
    // The thread, its group, the writer's membership and name (one query); the posting limit and
    // the render limit (the limiter's pool); then one transaction: number the post, store it,
    // follow, whom it concerns and whether they may read (one query), the notice, and whether it
    // is emailed now (the follower's preference here: in the daily digest).
    expect(statements, statements.join("\n")).toHaveLength(11);
    expect(statements.filter((s) => s === "BEGIN")).toHaveLength(1);
    expect(statements.filter((s) => s.includes('FROM "public"."Group"'))).toEqual([]);

    const stored = await db.post.findMany({ where: { threadId: thread.id }, select: { seq: true, bodyHtml: true } });
    expect(stored.map((p) => p.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    const counters = await db.thread.findUniqueOrThrow({
      where: { id: thread.id },
      select: { postCount: true, lastSeq: true },
    });
    expect(counters).toEqual({ postCount: 5, lastSeq: 5 });
  });

  it("a reply to a post that mentions someone sends 14 statements (22 before issue 15)", async () => {
    const { owner, member, group, thread } = await world();
    const mentioned = await makeUser();
    await addMember(group, mentioned);
    await replyToThread(actorOf(member), { threadId: thread.id, body: "A first reply." });

    const statements = await statementsOf(() =>
      replyToThread(actorOf(member), {
        threadId: thread.id,
        parentId: thread.posts[1]!.id,
        body: `Agreed, @${mentioned.handle}.`,
      }),
    );
    // Beyond the reply to the thread: the parent (read, then counted) and the email to send now.
    expect(statements, statements.join("\n")).toHaveLength(14);
    const notices = await db.notification.findMany({
      where: { threadId: thread.id, kind: { in: ["REPLY", "MENTION"] } },
      select: { userId: true, kind: true },
    });
    expect(notices).toEqual(
      expect.arrayContaining([
        { userId: owner.id, kind: "REPLY" },
        { userId: mentioned.id, kind: "MENTION" },
      ]),
    );
  });

  it("the writer's follow is kept once however often they reply", async () => {
    const { member, thread } = await world();
    for (const body of ["One.", "Two.", "Three."]) await replyToThread(actorOf(member), { threadId: thread.id, body });
    expect(await db.threadFollow.count({ where: { threadId: thread.id, userId: member.id } })).toBe(1);
  });

  it("members-only threads stay unacknowledged to outsiders, malformed ids are not found", async () => {
    const owner = await makeUser();
    const outsider = await makeUser();
    const group = await makeGroup(owner, { joinPolicy: "APPROVAL" });
    const thread = await makeThread(group, owner);
    await expect(replyToThread(actorOf(outsider), { threadId: thread.id, body: "Hello?" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(replyToThread(actorOf(outsider), { threadId: "not-a-uuid", body: "Hello?" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("replyAction's answer", () => {
  const fields = (threadId: string, body: string) => ({ threadId, parentId: "", body });

  it("answers the running page (Next-Action) with the new post's address, and revalidates nothing", async () => {
    const { member, thread } = await world();
    request.user = asCurrentUser(member);
    request.headers = { "next-action": "0123456789abcdef" };
    const state = await replyAction({ ok: false }, formOf(fields(thread.id, "Posted with JavaScript running.")));

    const post = await db.post.findFirstOrThrow({
      where: { threadId: thread.id, bodyMarkdown: "Posted with JavaScript running." },
      select: { id: true },
    });
    expect(state).toEqual({ ok: true, navigateTo: `/threads/${thread.id}/posts/${post.id}?posted=1#post-${post.id}` });
    // A revalidated path would have Next render the thread into the action's answer.
    expect(request.revalidated).toEqual([]);
    // The answer is the address, nothing of the thread.
    const answer = JSON.stringify(state);
    expect(answer).not.toContain("Earlier post");
    expect(answer.length).toBeLessThan(200);
  });

  it("redirects a plain form post (no JavaScript) to the new post", async () => {
    const { member, thread } = await world();
    request.user = asCurrentUser(member);
    let redirectedTo: string | undefined;
    try {
      await replyAction({ ok: false }, formOf(fields(thread.id, "Posted without JavaScript.")));
    } catch (error) {
      if (!isRedirectError(error)) throw error;
      redirectedTo = (error as { digest: string }).digest.split(";")[2];
    }
    const post = await db.post.findFirstOrThrow({
      where: { threadId: thread.id, bodyMarkdown: "Posted without JavaScript." },
      select: { id: true },
    });
    expect(redirectedTo).toBe(`/threads/${thread.id}/posts/${post.id}?posted=1#post-${post.id}`);
  });

  it("a refused reply still answers with its message and the text typed, whichever way it came", async () => {
    const { member, thread } = await world();
    const locked = await makeThread({ id: thread.groupId }, member);
    await db.thread.update({ where: { id: locked.id }, data: { lockedAt: new Date() } });
    request.user = asCurrentUser(member);
    const ways: Record<string, string>[] = [{ "next-action": "0123456789abcdef" }, {}];
    for (const headers of ways) {
      request.headers = headers;
      const state = await replyAction({ ok: false }, formOf(fields(locked.id, "Too late.")));
      expect(state).toMatchObject({ ok: false, message: "This thread is locked: no new replies." });
      expect(state.values?.body).toBe("Too late.");
      expect(state.navigateTo).toBeUndefined();
    }
  });
});
