import "server-only";
import type { Actor } from "@/server/authz/permissions";
import { assertInGroup, requireActor } from "@/server/authz/refusals";
import { db } from "@/server/db";
import { conflict } from "@/server/errors";
import { consumeLimit } from "@/server/rate-limit";
import { loadPostAccess } from "./access";

type Kind = "AGREE" | "USEFUL";
const COUNTER = { AGREE: "agreeCount", USEFUL: "usefulCount" } as const;

/** A post's reactions as the one who pressed sees them, right after the press. */
export type ReactionState = {
  threadId: string;
  agreeCount: number;
  usefulCount: number;
  agreed: boolean;
  foundUseful: boolean;
};

/**
 * Sets the actor's reaction on a post to on or off. Idempotent: a press from a page that was
 * already out of date (another tab did it first) does what the person wants and says nothing,
 * and the answer carries the true counts for the page to show. The counter moves only when a
 * row was really inserted or deleted, so two presses at once count once.
 */
async function setReaction(actor: Actor, input: { postId: string; kind: Kind }, on: boolean): Promise<ReactionState> {
  const me = requireActor(actor);
  const { post, membership } = await loadPostAccess(db, me, input.postId);
  assertInGroup(me, "post.react", membership);
  // Taking one back changes the counts too: a hidden post's counts stay as the moderators left them.
  if (post.status !== "VISIBLE") throw conflict("You can only react to visible posts.");
  if (post.authorId === me.id) throw conflict("You cannot react to your own post.");
  // Every press rewrites the post and empties the thread's signed-out page cache.
  await consumeLimit("reaction", me.id);
  const row = { postId: post.id, userId: me.id, kind: input.kind };
  const counter = COUNTER[input.kind];
  return db.$transaction(async (tx) => {
    const changed = on
      ? (await tx.reaction.createMany({ data: [row], skipDuplicates: true })).count
      : (await tx.reaction.deleteMany({ where: row })).count;
    const counts = await (changed > 0
      ? tx.post.update({
          where: { id: post.id },
          data: { [counter]: on ? { increment: 1 } : { decrement: 1 } },
          select: { agreeCount: true, usefulCount: true },
        })
      : tx.post.findUniqueOrThrow({ where: { id: post.id }, select: { agreeCount: true, usefulCount: true } }));
    const mine = await tx.reaction.findMany({ where: { postId: post.id, userId: me.id }, select: { kind: true } });
    return {
      threadId: post.threadId,
      ...counts,
      agreed: mine.some((r) => r.kind === "AGREE"),
      foundUseful: mine.some((r) => r.kind === "USEFUL"),
    };
  });
}

/** Marks a post "agree" or "useful": one of each per person per post. */
export async function addReaction(actor: Actor, input: { postId: string; kind: Kind }) {
  return setReaction(actor, input, true);
}

/** Takes back one's own reaction: like adding one, that is taking part in the group. */
export async function removeReaction(actor: Actor, input: { postId: string; kind: Kind }) {
  return setReaction(actor, input, false);
}
