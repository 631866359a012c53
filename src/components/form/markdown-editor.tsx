"use client";

import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { FormattingHelp } from "./formatting-help";
import { fetchPreview, type PreviewKind } from "./markdown-preview-client";
import { applyFormat, MarkdownToolbar, shortcutFormat } from "./markdown-toolbar";

// A Markdown field: the caller's textarea (what is sent and stored stays Markdown) with a
// formatting toolbar, keyboard shortcuts and a Write / Preview switch whose preview the server
// renders exactly as it will render the text once sent. Without JavaScript only the textarea and
// the formatting help show.

/** A Markdown textarea's look: joined to the tab bar above it. */
export const MARKDOWN_TEXTAREA_CLASS =
  "block w-full rounded-b-md border border-line bg-white px-3 py-2 text-base text-ink shadow-sm aria-[invalid=true]:border-danger";

type Preview =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "done"; html: string }
  | { status: "empty" }
  | { status: "error"; message: string };

const SPOKEN: Record<Preview["status"], string> = {
  idle: "",
  loading: "Loading the preview…",
  done: "Preview ready.",
  empty: "Nothing to preview yet.",
  error: "The preview could not be shown.",
};

export function MarkdownEditor({
  textareaId,
  kind = "text",
  children,
}: {
  /** The id of the textarea in `children`. */
  textareaId: string;
  kind?: PreviewKind;
  children: ReactNode;
}) {
  const id = useId();
  const [enhanced, setEnhanced] = useState(false);
  const [mode, setMode] = useState<"write" | "preview">("write");
  const [preview, setPreview] = useState<Preview>({ status: "idle" });
  const request = useRef<AbortController | null>(null);
  const tabs = { write: `${id}-write-tab`, preview: `${id}-preview-tab` };
  const panels = { write: `${id}-write`, preview: `${id}-preview` };

  useEffect(() => setEnhanced(true), []);

  // Ctrl/⌘ + B, I, K in the textarea.
  useEffect(() => {
    const textarea = document.getElementById(textareaId);
    if (!(textarea instanceof HTMLTextAreaElement)) return;
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      const format = shortcutFormat(event);
      if (!format) return;
      event.preventDefault();
      applyFormat(textarea, format);
    };
    textarea.addEventListener("keydown", onKeyDown);
    return () => textarea.removeEventListener("keydown", onKeyDown);
  }, [textareaId]);

  useEffect(() => () => request.current?.abort(), []);

  const showPreview = async () => {
    const textarea = document.getElementById(textareaId);
    const text = textarea instanceof HTMLTextAreaElement ? textarea.value : "";
    request.current?.abort();
    if (text.trim() === "") {
      setPreview({ status: "empty" });
      return;
    }
    const controller = new AbortController();
    request.current = controller;
    setPreview({ status: "loading" });
    try {
      const answer = await fetchPreview(kind, [text], controller.signal);
      if (controller.signal.aborted) return;
      setPreview(
        answer.ok
          ? { status: "done", html: answer.html[0] ?? "" }
          : { status: "error", message: answer.problems[0] ?? answer.message },
      );
    } catch {
      // Aborted: a newer preview, or the editor went away.
    }
  };

  const choose = (next: "write" | "preview", focus = false) => {
    setMode(next);
    if (next === "preview") void showPreview();
    if (focus) document.getElementById(tabs[next])?.focus();
  };

  const onTabKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!["ArrowLeft", "ArrowRight", "Home", "End"].includes(event.key)) return;
    event.preventDefault();
    const next =
      event.key === "Home" ? "write" : event.key === "End" ? "preview" : mode === "write" ? "preview" : "write";
    choose(next, true);
  };

  const tab = (which: "write" | "preview", text: string) => (
    <button
      type="button"
      role="tab"
      id={tabs[which]}
      aria-selected={mode === which}
      aria-controls={panels[which]}
      tabIndex={mode === which ? 0 : -1}
      onClick={() => choose(which)}
      className={`min-h-11 rounded-md px-3 text-sm font-semibold ${mode === which ? "bg-white text-ink shadow-sm ring-1 ring-line" : "text-muted hover:text-ink"}`}
    >
      {text}
    </button>
  );

  return (
    <div className="mt-1">
      {enhanced ? (
        <div className="flex flex-wrap items-center justify-between gap-1 rounded-t-md border border-b-0 border-line bg-slate-50 p-1">
          <div role="tablist" aria-label="Write or preview" onKeyDown={onTabKeyDown} className="flex gap-1">
            {tab("write", "Write")}
            {tab("preview", "Preview")}
          </div>
          {mode === "write" ? <MarkdownToolbar textareaId={textareaId} /> : null}
        </div>
      ) : null}
      <div
        id={panels.write}
        // A tab panel once the tabs are there; before that (no JavaScript) a plain wrapper.
        {...(enhanced ? { role: "tabpanel", "aria-labelledby": tabs.write } : {})}
        hidden={mode !== "write"}
      >
        {children}
      </div>
      {enhanced ? (
        <div
          id={panels.preview}
          role="tabpanel"
          aria-labelledby={tabs.preview}
          aria-busy={preview.status === "loading"}
          hidden={mode !== "preview"}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a tab panel takes the focus after its tab (WAI-ARIA tabs pattern), so the preview can be read from the keyboard
          tabIndex={0}
          className="min-h-32 rounded-b-md border border-line bg-white px-3 py-2"
        >
          {preview.status === "loading" ? <p className="text-sm text-muted">Loading the preview…</p> : null}
          {preview.status === "empty" ? <p className="text-sm text-muted">Nothing to preview yet.</p> : null}
          {preview.status === "error" ? <p className="text-sm font-medium text-danger">{preview.message}</p> : null}
          {preview.status === "done" ? (
            <div
              className="post-body"
              data-preview-body=""
              // biome-ignore lint/security/noDangerouslySetInnerHtml: rendered and sanitised by the server's Markdown worker, exactly as a stored post (src/app/api/markdown/preview)
              dangerouslySetInnerHTML={{ __html: preview.html }}
            />
          ) : null}
        </div>
      ) : null}
      <p className="sr-only" aria-live="polite">
        {mode === "preview" ? SPOKEN[preview.status] : ""}
      </p>
      <FormattingHelp />
    </div>
  );
}
