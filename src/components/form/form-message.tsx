"use client";

import { useEffect, useRef, useState } from "react";
import { signInLinkPath } from "@/lib/paths";
import { SESSION_ENDED_MESSAGE } from "@/lib/session-messages";

/**
 * The outcome of a form, announced and focused so keyboard and screen-reader users find it. A form
 * that can give the same message twice in a row gives it a new `key` for each answer: a new element
 * is announced and focused again, where the same text in the same element would not be.
 */
export function FormMessage({ ok, message }: { ok: boolean; message: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: message is the trigger, not an input: each new outcome takes the focus again
  useEffect(() => {
    ref.current?.focus();
  }, [message]);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role={ok ? "status" : "alert"}
      className={`rounded-md border px-4 py-3 text-sm ${ok ? "border-accent bg-accent-soft text-accent-dark" : "border-danger bg-danger-soft text-danger"}`}
    >
      {message}
      {!ok && message === SESSION_ENDED_MESSAGE ? (
        <>
          {" "}
          <SignInAgain />
        </>
      ) : null}
    </div>
  );
}

/** Back to this page after signing in, where the draft of what was typed waits. */
function SignInAgain() {
  const [href, setHref] = useState("/signin");
  useEffect(() => setHref(signInLinkPath(`${window.location.pathname}${window.location.search}`)), []);
  return (
    <a href={href} className="font-semibold underline">
      Sign in
    </a>
  );
}
