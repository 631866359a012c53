// A reaction press through its Server Action, as the thread page sends it (stranger test 15b):
// without JavaScript it is redirected back to the post (so a reload does not post again); with it
// the answer carries the post's true counts and nothing of the page; a press from a page out of
// date is done once and answered with the true state; presses are rate-limited per member; a
// forged reaction says what is wrong; and a hidden post's counts stay as the moderators left them.

import { isRedirectError } from "next/dist/client/components/redirect-error";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { reactAction } from "@/features/discussions/actions";
import { addReaction, removeReaction } from "@/features/discussions/react-to-post";
import type { CurrentUser } from "@/server/auth/session-store";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { resetLimit } from "@/server/rate-limit";
import { makeThread } from "./helpers/discussion-factories";
import { actorOf, addMember, makeGroup, makeUser, type TestUser } from "./helpers/factories";
import { formOf } from "./helpers/hostile-corpus";
import { resetDatabase } from "./helpers/reset-db";

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

const FROM_PAGE = { "next-action": "0123456789abcdef" };

beforeAll(resetDatabase);
beforeEach(() => {
  request.headers = {};
  request.revalidated = [];
});

async function world() {
  const owner = await makeUser();
  const member = await makeUser();
  const group = await makeGroup(owner);
  await addMember(group, member);
  const thread = await makeThread(group, owner, { posts: 3, body: (seq) => `Post ${seq} of the thread.` });
  request.user = asCurrentUser(member);
  return { owner, member, group, thread, post: thread.posts[1]! };
}

const asCurrentUser = (user: TestUser): CurrentUser => ({
  ...actorOf(user),
  sessionId: "test",
  handle: user.handle,
  displayName: user.displayName,
});

/** Runs the action; a redirect (Next's control flow) is returned as its address. */
async function press(fields: Record<string, string>) {
  try {
    return { state: await reactAction({ ok: false }, formOf(fields)) };
  } catch (error) {
    if (!isRedirectError(error)) throw error;
    return { redirectedTo: (error as { digest: string }).digest.split(";")[2] };
  }
}

describe("reactAction", () => {
  it("redirects a plain form post (no JavaScript) back to the post's own address, at the post", async () => {
    const { thread, post } = await world();
    const outcome = await press({ postId: post.id, reaction: "AGREE:add" });
    expect(outcome).toEqual({ redirectedTo: `/threads/${thread.id}/posts/${post.id}#post-${post.id}` });
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).agreeCount).toBe(1);
  });

  it("answers the running page with the true counts and the viewer's marks, and renders no page", async () => {
    const { group, post } = await world();
    const other = await makeUser();
    await addMember(group, other);
    await addReaction(actorOf(other), { postId: post.id, kind: "USEFUL" });
    request.headers = FROM_PAGE;
    const { state } = await press({ postId: post.id, reaction: "AGREE:add" });
    expect(state).toEqual({
      ok: true,
      result: { agreeCount: 1, usefulCount: 1, agreed: true, foundUseful: false },
    });
    // A revalidated path would have Next render the whole thread into the answer.
    expect(request.revalidated).toEqual([]);
  });

  it("a press from a page out of date (another tab did it first) is done once and answers the true state", async () => {
    const { member, post } = await world();
    await addReaction(actorOf(member), { postId: post.id, kind: "AGREE" });
    request.headers = FROM_PAGE;
    // The stale tab still shows "Agree 0", not pressed, so its button says "add".
    expect((await press({ postId: post.id, reaction: "AGREE:add" })).state).toEqual({
      ok: true,
      result: { agreeCount: 1, usefulCount: 0, agreed: true, foundUseful: false },
    });
    await removeReaction(actorOf(member), { postId: post.id, kind: "AGREE" });
    expect((await press({ postId: post.id, reaction: "AGREE:remove" })).state).toEqual({
      ok: true,
      result: { agreeCount: 0, usefulCount: 0, agreed: false, foundUseful: false },
    });
    expect(await db.reaction.count({ where: { postId: post.id } })).toBe(0);
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).agreeCount).toBe(0);
  });

  it("a forged reaction value says what is wrong, not 'correct the highlighted fields' alone", async () => {
    const { post } = await world();
    request.headers = FROM_PAGE;
    const { state } = await press({ postId: post.id, reaction: "LOVE:add" });
    expect(state?.ok).toBe(false);
    expect(state?.fieldErrors?.reaction).toBe("That reaction is not one this site offers; reload the page.");
    expect(await db.reaction.count({ where: { postId: post.id } })).toBe(0);
  });

  it("refuses presses past the per-member limit with a clear message; others carry on", async () => {
    const { group, member, post } = await world();
    await resetLimit("reaction", member.id);
    request.headers = FROM_PAGE;
    const limit = 30 * env().RATE_LIMIT_MULTIPLIER;
    for (let i = 0; i < limit; i++) {
      const { state } = await press({ postId: post.id, reaction: i % 2 === 0 ? "USEFUL:add" : "USEFUL:remove" });
      expect(state?.ok, state?.message).toBe(true);
    }
    const before = await db.post.findUniqueOrThrow({ where: { id: post.id }, select: { usefulCount: true } });
    const { state } = await press({ postId: post.id, reaction: "USEFUL:add" });
    expect(state).toMatchObject({
      ok: false,
      message: "You are reacting very quickly. Please wait a minute and try again.",
    });
    expect(await db.post.findUniqueOrThrow({ where: { id: post.id }, select: { usefulCount: true } })).toEqual(before);

    // Per member: another member still can.
    const other = await makeUser();
    await addMember(group, other);
    request.user = asCurrentUser(other);
    expect((await press({ postId: post.id, reaction: "AGREE:add" })).state).toMatchObject({ ok: true });
  });
});

describe("a hidden post's reactions", () => {
  it("can be neither added nor taken back: its counts stay as the moderators left them", async () => {
    const { member, post } = await world();
    await addReaction(actorOf(member), { postId: post.id, kind: "AGREE" });
    await db.post.update({ where: { id: post.id }, data: { status: "HIDDEN" } });
    await expect(removeReaction(actorOf(member), { postId: post.id, kind: "AGREE" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "You can only react to visible posts.",
    });
    expect(await db.reaction.count({ where: { postId: post.id } })).toBe(1);
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).agreeCount).toBe(1);
  });
});
