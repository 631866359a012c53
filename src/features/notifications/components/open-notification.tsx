"use client";

import { useActionState } from "react";
import type { FormState } from "@/server/action";
import { openNotificationAction } from "../actions";

/**
 * One notification in the list. Opening it marks it read, so it is a form (a POST) whose button
 * reads like a link: one click, or Enter, marks it read and lands on what it is about, with or
 * without JavaScript. A refusal (not theirs any more, signed out) is said next to it.
 */
export function OpenNotification({ id, text, unread }: { id: string; text: string; unread: boolean }) {
  const [state, action, pending] = useActionState(openNotificationAction, { ok: false } as FormState);
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        aria-disabled={pending}
        className="cursor-pointer text-left font-medium text-ink underline hover:text-accent-dark"
      >
        {text}
        {unread ? <span className="sr-only"> (unread)</span> : null}
      </button>
      {state.message && !state.ok ? (
        <p role="alert" className="text-sm text-danger">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
