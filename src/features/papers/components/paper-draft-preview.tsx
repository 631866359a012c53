"use client";

import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { fetchPreview } from "@/components/form/markdown-preview-client";
import { SubmitButton } from "@/components/form/submit-button";
import { buttonClass } from "@/components/ui/button-class";

// A new paper's first draft becomes revision 1 at once, and after that changes only by a vote, so
// the whole paper is shown as it will read before it is created: title, question, summary and
// every section, each rendered by the server as the paper's page will render it. It is a step
// inside the one form (the fields are only hidden while the preview shows), so going back to
// editing loses nothing. Without JavaScript the form is sent directly.

type Section = { heading: string; body: string };
type Draft = { title: string; question: string; summary: string; sections: Section[] };
type Shown =
  | { status: "loading"; draft: Draft }
  | { status: "done"; draft: Draft; html: string[] }
  | { status: "error"; draft: Draft; message: string; problems: (string | null)[] };

/** The paper as the form holds it now; sections in the order the server will take them. */
function draftOf(form: HTMLFormElement): Draft {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? "").replace(/\r\n?/g, "\n");
  const rows = new Map<number, Section>();
  for (const [name, value] of data.entries()) {
    const match = /^sections\.(\d{1,3})\.(heading|body)$/.exec(name);
    if (!match || typeof value !== "string") continue;
    const row = rows.get(Number(match[1])) ?? { heading: "", body: "" };
    row[match[2] as "heading" | "body"] = value.replace(/\r\n?/g, "\n");
    rows.set(Number(match[1]), row);
  }
  const sections = [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, row]) => row)
    .filter((row) => `${row.heading}${row.body}`.trim() !== "");
  return { title: text("title").trim(), question: text("question").trim(), summary: text("summary").trim(), sections };
}

const missing = (what: string) => <span className="italic text-muted">({what} not written yet)</span>;

export function PaperDraftPreview({ children, submitLabel }: { children: ReactNode; submitLabel: string }) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const [enhanced, setEnhanced] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);
  const request = useRef<AbortController | null>(null);
  useEffect(() => setEnhanced(true), []);
  useEffect(() => () => request.current?.abort(), []);

  // The preview takes the focus when it opens; going back gives it to the button that opened it.
  const focusAfter = useRef<string | null>(null);
  useEffect(() => {
    if (!focusAfter.current) return;
    document.getElementById(focusAfter.current)?.focus();
    focusAfter.current = null;
  });

  const open = async () => {
    const form = box.current?.closest("form");
    if (!form) return;
    const draft = draftOf(form);
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    focusAfter.current = `${id}-heading`;
    setShown({ status: "loading", draft });
    const bodies = draft.sections.map((s) => s.body);
    try {
      const answer =
        bodies.length === 0
          ? { ok: true as const, html: [] as string[] }
          : await fetchPreview("section", bodies, controller.signal);
      if (controller.signal.aborted) return;
      setShown(
        answer.ok
          ? { status: "done", draft, html: answer.html }
          : { status: "error", draft, message: answer.message, problems: answer.problems },
      );
    } catch {
      // Aborted: the person went back to editing.
    }
  };

  const back = () => {
    request.current?.abort();
    focusAfter.current = `${id}-open`;
    setShown(null);
  };

  const draft = shown?.draft;
  // One tree before and after hydration, so the fields are never rebuilt (and nothing typed is lost).
  return (
    <div ref={box} className="space-y-6">
      <div hidden={shown !== null} className="space-y-6">
        {children}
        {enhanced ? (
          <div className="flex flex-wrap items-center gap-3 border-t border-line pt-4">
            <button type="button" id={`${id}-open`} className={buttonClass("primary")} onClick={() => void open()}>
              Preview the paper
            </button>
            <p className="text-sm text-muted">
              Next you see the whole paper as it will read, and create it from there.
            </p>
          </div>
        ) : (
          // Without JavaScript there is no preview: the form is sent as it is.
          <SubmitButton label={submitLabel} pendingLabel="Creating…" />
        )}
      </div>
      {shown && draft ? (
        <section aria-labelledby={`${id}-heading`} className="space-y-4">
          <h2 id={`${id}-heading`} tabIndex={-1} className="text-lg font-semibold">
            Preview: check the paper before you create it
          </h2>
          <p className="text-sm text-muted">
            This is how the first draft (revision 1) will read. After it is created, the text changes only through
            proposals the group votes on.
          </p>
          <p role="status" className="sr-only">
            {shown.status === "loading" ? "Loading the preview…" : shown.status === "done" ? "Preview ready." : ""}
          </p>
          {shown.status === "error" ? (
            <div role="alert" className="rounded-md border border-danger bg-danger-soft px-4 py-3 text-sm text-danger">
              <p>{shown.message}</p>
              {shown.problems.some(Boolean) ? (
                <ul className="mt-1 list-disc pl-5">
                  {shown.problems.map((problem, i) =>
                    problem ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: one problem per section, in the sections' order
                      <li key={i}>
                        Section {i + 1} ({draft.sections[i]?.heading || "no heading"}): {problem}
                      </li>
                    ) : null,
                  )}
                </ul>
              ) : null}
            </div>
          ) : null}
          <article
            aria-label="Preview of the paper"
            aria-busy={shown.status === "loading"}
            className="rounded-lg border border-line bg-white p-4 sm:p-6"
          >
            <h3 className="text-3xl font-bold tracking-tight break-words">{draft.title || missing("Title")}</h3>
            <p className="mt-3 max-w-prose text-lg">
              <span className="font-semibold">The question: </span>
              {draft.question || missing("The question")}
            </p>
            <p className="mt-3 max-w-prose whitespace-pre-line">{draft.summary || missing("The summary")}</p>
            {draft.sections.length === 0 ? <p className="mt-6 italic text-muted">No sections yet.</p> : null}
            {draft.sections.map((section, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the sections as the form holds them, in order, shown once
              <section key={i} className="mt-6 border-t border-line pt-6">
                <h4 className="text-2xl font-semibold tracking-tight break-words">
                  {section.heading || missing("Heading")}
                </h4>
                {shown.status === "done" ? (
                  <div
                    className="post-body mt-3 max-w-prose font-serif text-[1.05rem] leading-relaxed"
                    data-preview-section=""
                    // biome-ignore lint/security/noDangerouslySetInnerHtml: rendered and sanitised by the server's Markdown worker, as the paper's page will render it (src/app/api/markdown/preview)
                    dangerouslySetInnerHTML={{ __html: shown.html[i] ?? "" }}
                  />
                ) : (
                  <p className="mt-3 whitespace-pre-line text-muted">
                    {shown.status === "loading" ? "Loading…" : section.body}
                  </p>
                )}
              </section>
            ))}
          </article>
          <div className="flex flex-wrap items-center gap-3">
            <button type="button" className={buttonClass("secondary")} onClick={back}>
              Back to editing
            </button>
            <SubmitButton label={submitLabel} pendingLabel="Creating…" />
          </div>
        </section>
      ) : null}
    </div>
  );
}
