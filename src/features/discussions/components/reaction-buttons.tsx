"use client";

import { type FormEvent, useActionState, useRef, useState } from "react";
import type { FormState } from "@/server/action";
import { reactAction } from "../actions";

// 44px tall on a phone (a touch target), the compact pill where there is a pointer and room.
const BASE =
  "inline-flex min-h-11 items-center gap-1 rounded-full border px-3 py-1 text-sm font-medium sm:min-h-0 aria-busy:cursor-progress";
const PRESSED = "border-accent bg-accent-soft text-accent-dark";
const UNPRESSED = "border-line bg-white text-ink";

type Kind = "AGREE" | "USEFUL";
type Shown = { agreeCount: number; usefulCount: number; agree: boolean; useful: boolean };
const NOTHING_YET: FormState = { ok: false };
const NAMES = { AGREE: { label: "Agree", word: "agree" }, USEFUL: { label: "Useful", word: "useful" } } as const;

/** The buttons right after a press, before the server answers (it answers with the true counts). */
function pressed(shown: Shown, kind: Kind, on: boolean): Shown {
  const key = kind === "AGREE" ? "agree" : "useful";
  const count = kind === "AGREE" ? "agreeCount" : "usefulCount";
  if (shown[key] === on) return shown;
  return { ...shown, [key]: on, [count]: Math.max(0, shown[count] + (on ? 1 : -1)) };
}

function fromAnswer(result: NonNullable<FormState["result"]>): Shown {
  return {
    agreeCount: Number(result.agreeCount),
    usefulCount: Number(result.usefulCount),
    agree: result.agreed === true,
    useful: result.foundUseful === true,
  };
}

/** What a refusal says: a forged reaction's own message rather than the form's "correct the fields". */
function refusalOf(state: FormState) {
  return state.fieldErrors?.reaction ?? state.fieldErrors?.postId ?? state.message;
}

function ReactionButton({ kind, count, on, busy }: { kind: Kind; count: number; on: boolean; busy: boolean }) {
  const { label } = NAMES[kind];
  return (
    <button
      type="submit"
      // The pressed button is the form's submitter: it says which reaction, and which way.
      name="reaction"
      value={`${kind}:${on ? "remove" : "add"}`}
      className={`${BASE} ${on ? PRESSED : UNPRESSED}`}
      aria-pressed={on}
      // Never disabled while the server answers: a disabled button drops the keyboard focus to the
      // page, and a second press (queued, in order) must still count.
      aria-busy={busy || undefined}
      aria-label={`${label}: ${count}${on ? ", you marked this" : ""}`}
    >
      {label} <span className="tabular-nums">{count}</span>
    </button>
  );
}

/**
 * "Agree" and "useful": one of each per person per post, counts visible to all. One form per post
 * with a button for each (a thread page has thirty of them, and each form carries Next's action
 * fields). Without JavaScript it is a plain POST of the pressed button, redirected back to the
 * post. With it, the press shows at once, goes to the server in order with the others, and the
 * buttons then show the true counts the server answered, announced to screen readers.
 */
export function ReactionButtons({
  post,
}: {
  post: { id: string; agreeCount: number; usefulCount: number; reacted: { agree: boolean; useful: boolean } };
}) {
  // The plain form post's action (and its refusal, shown when the page comes back without JavaScript).
  const [plainState, plainAction] = useActionState(reactAction, NOTHING_YET);
  const fromPage: Shown = { ...post.reacted, agreeCount: post.agreeCount, usefulCount: post.usefulCount };
  const [shown, setShown] = useState(fromPage);
  const [pageKey, setPageKey] = useState(JSON.stringify(fromPage));
  const [said, setSaid] = useState<{ status?: string; alert?: string }>({});
  const [waiting, setWaiting] = useState(0);
  const inFlight = useRef(0);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const confirmed = useRef(fromPage);

  // A new render of the page (a refresh, a navigation) brings counts newer than ours.
  const key = JSON.stringify(fromPage);
  if (key !== pageKey && waiting === 0) {
    setPageKey(key);
    setShown(fromPage);
    confirmed.current = fromPage;
  }

  function press(event: FormEvent<HTMLFormElement>) {
    // React then leaves the form's action (the plain post) alone.
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter);
    const [kind, mode] = String(formData.get("reaction")).split(":") as [Kind, string];
    if (!(kind in NAMES)) return;
    setShown((now) => pressed(now, kind, mode === "add"));
    setSaid({});
    inFlight.current += 1;
    setWaiting(inFlight.current);
    queue.current = queue.current.then(async () => {
      const answer = await reactAction(NOTHING_YET, formData).catch(
        (): FormState => ({
          ok: false,
          message: "The site could not be reached. Check your connection and try again.",
        }),
      );
      if (answer.ok && answer.result) {
        confirmed.current = fromAnswer(answer.result);
        const now = confirmed.current;
        const on = kind === "AGREE" ? now.agree : now.useful;
        const count = kind === "AGREE" ? now.agreeCount : now.usefulCount;
        setSaid({
          status: `${on ? "You marked this post" : "You took back your"} “${NAMES[kind].word}”. ${NAMES[kind].label}: ${count}.`,
        });
      } else setSaid({ alert: refusalOf(answer) });
      inFlight.current -= 1;
      setWaiting(inFlight.current);
      // The last answer in the queue decides what the buttons show; earlier ones are overtaken.
      if (inFlight.current === 0) setShown(confirmed.current);
    });
  }

  const alert = said.alert ?? (plainState.ok ? undefined : refusalOf(plainState));
  return (
    <form action={plainAction} onSubmit={press} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="postId" value={post.id} />
      <ReactionButton kind="AGREE" count={shown.agreeCount} on={shown.agree} busy={waiting > 0} />
      <ReactionButton kind="USEFUL" count={shown.usefulCount} on={shown.useful} busy={waiting > 0} />
      <span role="status" className="sr-only">
        {said.status}
      </span>
      {alert ? (
        <span role="alert" className="text-sm text-danger">
          {alert}
        </span>
      ) : null}
    </form>
  );
}
