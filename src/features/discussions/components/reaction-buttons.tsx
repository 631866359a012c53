"use client";

import { useActionState } from "react";
import type { FormState } from "@/server/action";
import { reactAction } from "../actions";

function ReactionButton({
  postId,
  threadId,
  kind,
  label,
  count,
  pressed,
  enabled,
}: {
  postId: string;
  threadId: string;
  kind: "AGREE" | "USEFUL";
  label: string;
  count: number;
  pressed: boolean;
  enabled: boolean;
}) {
  const [state, action, pending] = useActionState(reactAction, { ok: false } as FormState);
  const base = "inline-flex items-center gap-1 rounded-full border px-3 py-1 text-sm font-medium";
  const look = pressed ? "border-accent bg-accent-soft text-accent-dark" : "border-line bg-white text-ink";
  return (
    <form action={action} className="inline">
      <input type="hidden" name="postId" value={postId} />
      <input type="hidden" name="threadId" value={threadId} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="mode" value={pressed ? "remove" : "add"} />
      <button
        type="submit"
        className={`${base} ${look}`}
        aria-pressed={pressed}
        disabled={!enabled || pending}
        aria-label={`${label}: ${count}${pressed ? ", you marked this" : ""}`}
      >
        {label} <span className="tabular-nums">{count}</span>
      </button>
      {!state.ok && state.message ? (
        <span role="alert" className="ml-2 text-sm text-danger">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}

/** "Agree" and "useful": one of each per person per post, counts visible to all. */
export function ReactionButtons({
  post,
  threadId,
  enabled,
}: {
  post: { id: string; agreeCount: number; usefulCount: number; reacted: { agree: boolean; useful: boolean } };
  threadId: string;
  enabled: boolean;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <ReactionButton
        postId={post.id}
        threadId={threadId}
        kind="AGREE"
        label="Agree"
        count={post.agreeCount}
        pressed={post.reacted.agree}
        enabled={enabled}
      />
      <ReactionButton
        postId={post.id}
        threadId={threadId}
        kind="USEFUL"
        label="Useful"
        count={post.usefulCount}
        pressed={post.reacted.useful}
        enabled={enabled}
      />
    </div>
  );
}
