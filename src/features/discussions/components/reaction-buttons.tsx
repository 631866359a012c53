"use client";

import { useActionState } from "react";
import type { FormState } from "@/server/action";
import { reactAction } from "../actions";

const BASE = "inline-flex items-center gap-1 rounded-full border px-3 py-1 text-sm font-medium";
const PRESSED = "border-accent bg-accent-soft text-accent-dark";
const UNPRESSED = "border-line bg-white text-ink";

function ReactionButton({
  kind,
  label,
  count,
  pressed,
  disabled,
}: {
  kind: "AGREE" | "USEFUL";
  label: string;
  count: number;
  pressed: boolean;
  disabled: boolean;
}) {
  return (
    <button
      type="submit"
      // The pressed button is the form's submitter: it says which reaction, and which way.
      name="reaction"
      value={`${kind}:${pressed ? "remove" : "add"}`}
      className={`${BASE} ${pressed ? PRESSED : UNPRESSED}`}
      aria-pressed={pressed}
      disabled={disabled}
      aria-label={`${label}: ${count}${pressed ? ", you marked this" : ""}`}
    >
      {label} <span className="tabular-nums">{count}</span>
    </button>
  );
}

/**
 * "Agree" and "useful": one of each per person per post, counts visible to all. One form per post
 * with a button for each (a thread page has thirty of them, and each form carries Next's action
 * fields); without JavaScript it is a plain POST of the pressed button.
 */
export function ReactionButtons({
  post,
  threadId,
  enabled,
}: {
  post: { id: string; agreeCount: number; usefulCount: number; reacted: { agree: boolean; useful: boolean } };
  threadId: string;
  enabled: boolean;
}) {
  const [state, action, pending] = useActionState(reactAction, { ok: false } as FormState);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="postId" value={post.id} />
      <input type="hidden" name="threadId" value={threadId} />
      <ReactionButton
        kind="AGREE"
        label="Agree"
        count={post.agreeCount}
        pressed={post.reacted.agree}
        disabled={!enabled || pending}
      />
      <ReactionButton
        kind="USEFUL"
        label="Useful"
        count={post.usefulCount}
        pressed={post.reacted.useful}
        disabled={!enabled || pending}
      />
      {!state.ok && state.message ? (
        <span role="alert" className="text-sm text-danger">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
