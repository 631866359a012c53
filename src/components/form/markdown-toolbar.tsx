"use client";

import { type KeyboardEvent, type ReactNode, useRef, useState } from "react";
import { formatEdit, type MarkdownFormat } from "./markdown-format";

// The formatting toolbar over a Markdown textarea: one tab stop, arrow keys between its buttons
// (WAI-ARIA's toolbar pattern), and each button puts its markup around the selection and gives the
// focus back to the textarea with the text still selected.

type Button = { format: MarkdownFormat; label: string; face: ReactNode; key?: string };

/** A 20px line icon; the button's aria-label names it. System fonts lack some symbols (🔗), so these are drawn. */
function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 20 20"
      width="20"
      height="20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {children}
    </svg>
  );
}

export const TOOLBAR_BUTTONS: Button[] = [
  { format: "bold", label: "Bold", face: <b aria-hidden="true">B</b>, key: "B" },
  {
    format: "italic",
    label: "Italic",
    face: (
      <i aria-hidden="true" className="font-serif">
        I
      </i>
    ),
    key: "I",
  },
  {
    format: "heading",
    label: "Heading",
    face: (
      <span aria-hidden="true" className="font-semibold">
        H
      </span>
    ),
  },
  {
    format: "bulleted",
    label: "Bulleted list",
    face: (
      <Icon>
        <circle cx="4" cy="5" r="1" fill="currentColor" />
        <circle cx="4" cy="10" r="1" fill="currentColor" />
        <circle cx="4" cy="15" r="1" fill="currentColor" />
        <path d="M8 5h9M8 10h9M8 15h9" />
      </Icon>
    ),
  },
  {
    format: "numbered",
    label: "Numbered list",
    face: (
      <Icon>
        <path d="M3 3.5h1.5v4M3 7.5h3M3 12.5c0-1 3-1 3 .5s-3 2-3 3.5h3" strokeWidth="1.4" />
        <path d="M9 5h8M9 10h8M9 15h8" />
      </Icon>
    ),
  },
  {
    format: "quote",
    label: "Quote",
    face: (
      <Icon>
        <path d="M4 4v12" strokeWidth="2.5" />
        <path d="M9 6h8M9 10h8M9 14h5" />
      </Icon>
    ),
  },
  {
    format: "link",
    label: "Link",
    face: (
      <Icon>
        <path d="M8.5 11.5a3.5 3.5 0 0 0 5 0l2.5-2.5a3.5 3.5 0 0 0-5-5l-1 1" />
        <path d="M11.5 8.5a3.5 3.5 0 0 0-5 0L4 11a3.5 3.5 0 0 0 5 5l1-1" />
      </Icon>
    ),
    key: "K",
  },
];

/** The format a key press asks for (Ctrl or ⌘ with B, I or K), or null. */
export function shortcutFormat(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}): MarkdownFormat | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return null;
  const key = event.key.toUpperCase();
  return TOOLBAR_BUTTONS.find((b) => b.key === key)?.format ?? null;
}

/**
 * Makes the edit in the textarea through the browser's editing commands, so that it joins the
 * undo history (Chromium, Safari, Firefox); where that is refused, sets the text directly.
 */
export function applyFormat(textarea: HTMLTextAreaElement, format: MarkdownFormat) {
  const edit = formatEdit(format, textarea.value, textarea.selectionStart, textarea.selectionEnd);
  textarea.focus();
  textarea.setSelectionRange(edit.start, edit.end);
  const before = textarea.value;
  let done = false;
  try {
    done = document.execCommand("insertText", false, edit.insert);
  } catch {
    done = false;
  }
  if (!done || textarea.value === before) {
    textarea.setRangeText(edit.insert, edit.start, edit.end, "end");
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }
  textarea.setSelectionRange(edit.selectionStart, edit.selectionEnd);
}

export function MarkdownToolbar({ textareaId }: { textareaId: string }) {
  const [active, setActive] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const focusButton = (index: number) => {
    const next = (index + TOOLBAR_BUTTONS.length) % TOOLBAR_BUTTONS.length;
    setActive(next);
    buttons.current[next]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = {
      ArrowRight: active + 1,
      ArrowLeft: active - 1,
      Home: 0,
      End: TOOLBAR_BUTTONS.length - 1,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    focusButton(moves[event.key]);
  };

  const press = (index: number, format: MarkdownFormat) => {
    setActive(index);
    const textarea = document.getElementById(textareaId);
    if (textarea instanceof HTMLTextAreaElement) applyFormat(textarea, format);
  };

  return (
    <div
      role="toolbar"
      aria-label="Formatting"
      aria-controls={textareaId}
      onKeyDown={onKeyDown}
      // One row whatever the width: no gaps between the 44 px targets, and on the narrowest phones
      // the row scrolls sideways within its box rather than leaving a button alone on a second row.
      className="flex min-w-0 max-w-full flex-nowrap overflow-x-auto"
    >
      {TOOLBAR_BUTTONS.map((button, index) => (
        <button
          key={button.format}
          ref={(element) => {
            buttons.current[index] = element;
          }}
          type="button"
          tabIndex={index === active ? 0 : -1}
          aria-label={button.label}
          title={button.key ? `${button.label} (Ctrl+${button.key} or ⌘${button.key})` : button.label}
          aria-keyshortcuts={button.key ? `Control+${button.key} Meta+${button.key}` : undefined}
          // Keep the textarea's selection where it is while the pointer is down.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => press(index, button.format)}
          className="inline-flex min-h-11 min-w-11 shrink-0 items-center justify-center rounded-md border border-transparent px-2 text-base text-ink hover:border-line hover:bg-white focus-visible:border-accent"
        >
          {button.face}
        </button>
      ))}
    </div>
  );
}
