"use client";

import {
  createContext,
  type FormEvent,
  type ReactNode,
  useActionState,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
} from "react";
import { FORM_TOO_LARGE_MESSAGE, formDataBytes, MAX_FORM_BYTES } from "@/lib/request-limits";
import type { FormState } from "@/server/action";
import { DraftNotice } from "./draft-notice";
import type { Draft } from "./draft-store";
import { FormMessage } from "./form-message";
import { postForm } from "./post-form";
import { SubmitButton } from "./submit-button";
import { useFormDraft } from "./use-form-draft";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

const FormStateContext = createContext<{ state: FormState; submitted: boolean }>({
  state: { ok: false },
  submitted: false,
});

/** The current form's result: errors per field and the values the person typed. */
export function useFormResult() {
  return useContext(FormStateContext);
}

const DraftContext = createContext<{ restored: Draft | null; version: number }>({ restored: null, version: 0 });

/** The draft put back into the form, for parts that keep their fields in state (see use-form-draft.ts). */
export function useRestoredDraft() {
  return useContext(DraftContext);
}

/** A Server Action's redirect reaches the browser as an error carrying this digest. */
const isRedirect = (error: unknown) =>
  typeof (error as { digest?: unknown })?.digest === "string" &&
  (error as { digest: string }).digest.startsWith("NEXT_REDIRECT");

/**
 * The action, watched: a redirect is how most actions say "done", and only the browser's call of
 * the action sees it. An action that ends with navigateAfter() answers with the address instead,
 * and the page loads it. With `endpoint`, the form goes there (a fast path that answers as the
 * action would: src/server/fast-path.ts) instead of to Next's Server Action endpoint. Until the page is hydrated the action itself is used, so the
 * form still works without JavaScript (the wrapper has no server reference to post to).
 */
export function useWatchedAction(action: Action, onAnswer: (ok: boolean) => void, endpoint?: string): Action {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const watched = useCallback(
    async (state: FormState, formData: FormData) => {
      try {
        const answer = endpoint ? await postForm(endpoint, formData) : await action(state, formData);
        if (answer.navigateTo) {
          onAnswer(true);
          // A document load, not router.push: the client router would keep its copy of this page
          // from before the post, and Back would show it without the new text.
          window.location.assign(answer.navigateTo);
        } else if (!answer.ok) {
          // Refused: no longer sending, so leaving the page asks first again (forms that keep their
          // own state, like the reply composer, hear of it only here).
          onAnswer(false);
        }
        return answer;
      } catch (error) {
        onAnswer(isRedirect(error));
        throw error;
      }
    },
    [action, onAnswer, endpoint],
  );
  return hydrated ? watched : action;
}

/**
 * A form bound to a server action. After each submission the form is rebuilt
 * from what the person typed (the action echoes it back), so bad input loses
 * nothing; the message is announced to screen readers and receives focus.
 */
export function ActionForm({
  action,
  children,
  submitLabel,
  pendingLabel,
  className = "space-y-5",
  onResult,
  buttonVariant = "primary",
  ariaLabel,
  draftName,
  drafts = true,
  childrenSubmit = false,
}: {
  action: Action;
  children?: ReactNode;
  submitLabel: string;
  pendingLabel?: string;
  className?: string;
  onResult?: (state: FormState) => void;
  buttonVariant?: "primary" | "secondary" | "danger";
  ariaLabel?: string;
  /** Tells this form's draft from other forms' on the page; the form's label by default. */
  draftName?: string;
  /** Whether unsent text is kept as a draft and leaving asks first (forms with a textarea). */
  drafts?: boolean;
  /** The children place the submit button themselves (a step before sending, as the paper's preview). */
  childrenSubmit?: boolean;
}) {
  const draft = useFormDraft(draftName ?? ariaLabel ?? submitLabel, drafts);
  const [state, formAction] = useActionState(useWatchedAction(action, draft.onAnswer), { ok: false } as FormState);
  const version = useRef(0);
  const lastState = useRef(state);
  if (lastState.current !== state) {
    lastState.current = state;
    version.current += 1;
  }
  // Without JavaScript the first render already carries the action's result (the page was
  // rendered in answer to the POST), so a message or echoed values also mean "submitted".
  const submitted = version.current > 0 || state.message !== undefined || state.values !== undefined;

  useEffect(() => {
    if (submitted) onResult?.(state);
  }, [state, submitted, onResult]);
  const { onAnswer } = draft;
  useEffect(() => {
    if (version.current > 0) onAnswer(state.ok);
  }, [state, onAnswer]);

  // The server refuses more than MAX_FORM_BYTES before any action runs, and the browser could
  // only show an error page for that, losing the text. So an oversized form is not sent at all:
  // it stays as typed, with a message.
  const [tooLarge, setTooLarge] = useState(false);
  function checkSize(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const large = formDataBytes(new FormData(event.currentTarget, submitter)) > MAX_FORM_BYTES;
    if (large) event.preventDefault();
    else draft.onSend();
    setTooLarge(large);
  }

  return (
    <FormStateContext.Provider value={{ state, submitted }}>
      <DraftContext.Provider value={{ restored: draft.restored, version: draft.restoredVersion }}>
        <form
          key={version.current}
          ref={draft.formRef}
          action={formAction}
          onSubmit={checkSize}
          onInput={draft.onEdit}
          onChange={draft.onEdit}
          className={className}
          aria-label={ariaLabel}
          noValidate
        >
          {drafts ? <DraftNotice savedAt={draft.restored?.savedAt ?? null} onDiscard={draft.discard} /> : null}
          {tooLarge ? (
            <FormMessage ok={false} message={FORM_TOO_LARGE_MESSAGE} />
          ) : submitted && state.message ? (
            <FormMessage ok={state.ok} message={state.message} />
          ) : null}
          {children}
          {childrenSubmit ? null : (
            <SubmitButton label={submitLabel} pendingLabel={pendingLabel} variant={buttonVariant} />
          )}
        </form>
      </DraftContext.Provider>
    </FormStateContext.Provider>
  );
}
