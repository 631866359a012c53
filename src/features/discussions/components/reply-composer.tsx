"use client";

import { useActionState, useCallback, useEffect, useId, useRef, useState } from "react";
import { useWatchedAction } from "@/components/form/action-form";
import { CharacterCount } from "@/components/form/character-count";
import { DraftNotice } from "@/components/form/draft-notice";
import { FormMessage } from "@/components/form/form-message";
import { MARKDOWN_TEXTAREA_CLASS, MarkdownEditor } from "@/components/form/markdown-editor";
import { SubmitButton } from "@/components/form/submit-button";
import { useFormDraft } from "@/components/form/use-form-draft";
import { REPLY_FORM_ENDPOINT } from "@/lib/paths";
import type { FormState } from "@/server/action";
import { replyAction } from "../actions";
import { MAX_POST_LENGTH } from "../policy";

export const MARKDOWN_HINT = "Mention someone with @username.";

/**
 * Writes a reply (to the thread, or to one post). The text lives in state, so a quote can be
 * inserted and nothing typed is lost when the server refuses it.
 */
export function ReplyComposer({
  threadId,
  parentId,
  label,
  initialText = "",
  autoFocus = false,
}: {
  threadId: string;
  parentId?: string;
  label: string;
  initialText?: string;
  autoFocus?: boolean;
}) {
  const draft = useFormDraft(parentId ? `Reply to post ${parentId}` : "Reply to the thread");
  const [body, setBody] = useState(initialText);
  const { onAnswer: draftAnswered } = draft;
  // Posted (the page goes to the new reply, or without JavaScript is redirected there): the box
  // empties and the draft goes.
  const onAnswer = useCallback(
    (ok: boolean) => {
      if (ok) setBody("");
      draftAnswered(ok);
    },
    [draftAnswered],
  );
  const [state, action] = useActionState(useWatchedAction(replyAction, onAnswer, REPLY_FORM_ENDPOINT), {
    ok: false,
  } as FormState);
  // Each answer counts, so the same refusal twice is announced and focused twice.
  const answers = useRef(0);
  const lastState = useRef(state);
  if (lastState.current !== state) {
    lastState.current = state;
    answers.current += 1;
  }
  const ref = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const error = state.fieldErrors?.body;

  useEffect(() => {
    if (initialText) setBody((current) => (current.includes(initialText) ? current : current + initialText));
  }, [initialText]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: initialText is the trigger: each new quote put into the box brings the focus back to it
  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus, initialText]);

  return (
    <form
      ref={draft.formRef}
      action={action}
      onSubmit={draft.onSend}
      onInput={draft.onEdit}
      className="space-y-3"
      aria-label={parentId ? "Reply to this post" : "Reply to the thread"}
      noValidate
    >
      <DraftNotice savedAt={draft.restored?.savedAt ?? null} onDiscard={draft.discard} />
      {state.message && !state.ok ? <FormMessage key={answers.current} ok={false} message={state.message} /> : null}
      <input type="hidden" name="threadId" value={threadId} />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <div>
        <label htmlFor={id} className="block font-medium">
          {label}
        </label>
        <MarkdownEditor textareaId={id} kind="post">
          <textarea
            ref={ref}
            id={id}
            name="body"
            rows={5}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""} ${id}-count`}
            className={MARKDOWN_TEXTAREA_CLASS}
          />
        </MarkdownEditor>
        <p id={`${id}-hint`} className="mt-1 text-sm text-muted">
          {MARKDOWN_HINT}
        </p>
        {error ? (
          <p id={`${id}-error`} className="mt-1 text-sm font-medium text-danger">
            {error}
          </p>
        ) : null}
        <CharacterCount id={`${id}-count`} length={body.length} max={MAX_POST_LENGTH} />
      </div>
      <SubmitButton label="Post reply" pendingLabel="Posting…" />
    </form>
  );
}
