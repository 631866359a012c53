"use client";

import {
  createContext,
  type FormEvent,
  type ReactNode,
  useActionState,
  useContext,
  useEffect,
  useRef,
  useState,
} from "react";
import { FORM_TOO_LARGE_MESSAGE, formDataBytes, MAX_FORM_BYTES } from "@/lib/request-limits";
import type { FormState } from "@/server/action";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

const FormStateContext = createContext<{ state: FormState; submitted: boolean }>({
  state: { ok: false },
  submitted: false,
});

/** The current form's result: errors per field and the values the person typed. */
export function useFormResult() {
  return useContext(FormStateContext);
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
}: {
  action: Action;
  children?: ReactNode;
  submitLabel: string;
  pendingLabel?: string;
  className?: string;
  onResult?: (state: FormState) => void;
  buttonVariant?: "primary" | "secondary" | "danger";
  ariaLabel?: string;
}) {
  const [state, formAction] = useActionState(action, { ok: false } as FormState);
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

  // The server refuses more than MAX_FORM_BYTES before any action runs, and the browser could
  // only show an error page for that, losing the text. So an oversized form is not sent at all:
  // it stays as typed, with a message.
  const [tooLarge, setTooLarge] = useState(false);
  function checkSize(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const large = formDataBytes(new FormData(event.currentTarget, submitter)) > MAX_FORM_BYTES;
    if (large) event.preventDefault();
    setTooLarge(large);
  }

  return (
    <FormStateContext.Provider value={{ state, submitted }}>
      <form
        key={version.current}
        action={formAction}
        onSubmit={checkSize}
        className={className}
        aria-label={ariaLabel}
        noValidate
      >
        {tooLarge ? (
          <FormMessage ok={false} message={FORM_TOO_LARGE_MESSAGE} />
        ) : submitted && state.message ? (
          <FormMessage ok={state.ok} message={state.message} />
        ) : null}
        {children}
        <SubmitButton label={submitLabel} pendingLabel={pendingLabel} variant={buttonVariant} />
      </form>
    </FormStateContext.Provider>
  );
}
