"use client";

import { usePathname } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { useDraftAccount } from "./draft-account";
import {
  browserStorage,
  type Draft,
  type DraftFields,
  draftKey,
  draftPage,
  loadDraft,
  removeDraft,
  saveDraft,
} from "./draft-store";
import { useLeaveGuard } from "./leave-guard";

// Keeps a form's unsent text as a draft in this browser (draft-store.ts) and asks before the page
// is left with it (leave-guard.ts). It works on the form's DOM, whatever its fields are: every
// textarea and text-like input, and selects, except passwords, hidden fields and anything inside
// [data-no-draft]. Only forms with a textarea keep drafts: short forms are quick to type again.
// A part of the form that keeps its fields in React state (the paper's section rows) marks itself
// [data-draft-managed] and rebuilds itself from `restored` instead.

const SAVE_AFTER_MS = 400;
const TEXT_TYPES = new Set(["text", "email", "url", "search", "number", "date", "tel"]);
/** As the server's action wrapper: never kept, never echoed. */
const SECRET = /password/i;

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function draftFields(form: HTMLFormElement): Field[] {
  return [...form.elements].filter((el): el is Field => {
    if (!(el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement || el instanceof HTMLInputElement))
      return false;
    if (!el.name || el.name.startsWith("$ACTION") || SECRET.test(el.name) || el.disabled) return false;
    if (el instanceof HTMLInputElement && !TEXT_TYPES.has(el.type)) return false;
    return el.closest("[data-no-draft]") === null;
  });
}

function valuesOf(form: HTMLFormElement): DraftFields {
  const values: DraftFields = {};
  for (const field of draftFields(form)) values[field.name] = field.value.replace(/\r\n?/g, "\n");
  return values;
}

function sameValues(a: DraftFields, b: DraftFields): boolean {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const name of names) if ((a[name] ?? "") !== (b[name] ?? "")) return false;
  return true;
}

/** Sets a field's value the way typing would, so React state and counters follow. */
function setFieldValue(field: Field, value: string) {
  const prototype = Object.getPrototypeOf(field) as object;
  const setter = Object.getOwnPropertyDescriptor(prototype, "value")?.set;
  if (setter) setter.call(field, value);
  else field.value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? "change" : "input", { bubbles: true }));
}

/**
 * Puts `values` into the form's fields. Returns how many fields it changed, counting those of a
 * [data-draft-managed] part (which rebuilds itself from the draft) that hold something else now.
 */
function applyValues(form: HTMLFormElement, values: DraftFields): number {
  let changed = 0;
  for (const field of draftFields(form)) {
    const value = values[field.name];
    if (value === undefined || field.value.replace(/\r\n?/g, "\n") === value) continue;
    changed += 1;
    if (!field.closest("[data-draft-managed]")) setFieldValue(field, value);
  }
  // A managed part may have had more fields when the draft was kept (a paper's added sections).
  if (form.querySelector("[data-draft-managed]")) {
    const present = new Set(draftFields(form).map((field) => field.name));
    for (const [name, value] of Object.entries(values)) if (!present.has(name) && value !== "") changed += 1;
  }
  return changed;
}

/** After the draft is thrown away, the person goes on where the text is (not at the page's top). */
function focusFirstField(form: HTMLFormElement) {
  // After React has rebuilt managed parts from the emptied draft.
  requestAnimationFrame(() => {
    const first = form.querySelector<HTMLElement>("textarea:not([disabled])") ?? draftFields(form)[0];
    first?.focus();
  });
}

export type FormDraft = {
  /** Give to the form's `ref`. */
  formRef: (form: HTMLFormElement | null) => void;
  /** Give to the form's onInput and onChange. */
  onEdit: () => void;
  /** The draft put back into the form when the page opened, while its notice shows. */
  restored: Draft | null;
  /** Counts restores, so parts that rebuild from `restored` see each one. */
  restoredVersion: number;
  discard: () => void;
  /** Call when the form is sent: the draft is saved now and kept until the answer. */
  onSend: () => void;
  /** The server's answer: success clears the draft, a refusal keeps it. */
  onAnswer: (ok: boolean) => void;
  /** Whether the form holds text that was never sent. */
  hasUnsavedText: () => boolean;
};

/**
 * `name` tells apart the forms of one page (with the page's path, the query parameters that choose
 * the form's target, and the account, it keys the draft).
 */
export function useFormDraft(name: string, enabled = true): FormDraft {
  // Whether the form has a textarea, known once it is on the page: only then is the account asked for.
  const [hasTextarea, setHasTextarea] = useState(false);
  const account = useDraftAccount(enabled && hasTextarea);
  const pathname = usePathname();
  // Read once the page is in the browser: the query is not known while rendering on the server,
  // and useSearchParams would make every page holding a form wait for a Suspense boundary.
  const [page, setPage] = useState<string | null>(null);
  useEffect(() => setPage(draftPage(pathname, window.location.search)), [pathname]);
  const key = account && page !== null ? draftKey(account, page, name) : null;
  // The key as it is now, for answers to a form sent before the account was known.
  const currentKey = useRef(key);
  currentKey.current = key;
  const form = useRef<HTMLFormElement | null>(null);
  const initial = useRef<DraftFields | null>(null);
  const eligible = useRef(false);
  const applying = useRef(false);
  const sending = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const restoredFor = useRef<string | null>(null);
  const [restored, setRestored] = useState<Draft | null>(null);
  const [restoredVersion, setRestoredVersion] = useState(0);
  // After a success the form is emptied or rebuilt by React; what it then holds is "unchanged".
  const [answered, setAnswered] = useState(0);
  const snapshotDue = useRef(false);
  // Whether the last save was stored (false when storage is full or off): the leave question says so.
  const kept = useRef(true);

  const formRef = useCallback((element: HTMLFormElement | null) => {
    form.current = element;
    if (!element) return;
    // The form is rebuilt after each answer; what it first held stays the mark of "unchanged".
    if (initial.current === null) initial.current = valuesOf(element);
    eligible.current = [...element.querySelectorAll("textarea")].some((t) => t.closest("[data-no-draft]") === null);
    setHasTextarea(eligible.current);
  }, []);

  const save = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const element = form.current;
    if (!key || !element || !eligible.current || !initial.current) return;
    const values = valuesOf(element);
    if (sameValues(values, initial.current)) removeDraft(browserStorage(), key);
    else kept.current = saveDraft(browserStorage(), key, values, Date.now());
  }, [key]);

  const onEdit = useCallback(() => {
    if (applying.current || !key) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(save, SAVE_AFTER_MS);
  }, [key, save]);

  // Put the draft back once per page, as soon as the account is known.
  useEffect(() => {
    const element = form.current;
    if (!key || !element || !eligible.current || restoredFor.current === key) return;
    restoredFor.current = key;
    // Typed into already (the account took a moment to be known): what is on the screen wins, and
    // is kept now, since nothing could be kept while it was typed.
    if (initial.current && !sameValues(valuesOf(element), initial.current)) {
      if (!sending.current) save(); // while sending, the answer decides (a refusal keeps it on screen)
      return;
    }
    const draft = loadDraft(browserStorage(), key, Date.now());
    if (!draft) return;
    let changed = 0;
    applying.current = true;
    try {
      changed = applyValues(element, draft.fields);
    } finally {
      applying.current = false;
    }
    if (changed === 0) {
      removeDraft(browserStorage(), key); // nothing the form does not already hold: nothing to announce
      return;
    }
    setRestored(draft);
    setRestoredVersion((n) => n + 1);
  }, [key, save]);

  // Typing in the last moments before the tab closes is kept too.
  useEffect(() => {
    const flush = () => {
      if (timer.current) save();
    };
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, [save]);

  const discard = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (key) removeDraft(browserStorage(), key);
    const element = form.current;
    if (element && initial.current) {
      applying.current = true;
      try {
        applyValues(element, initial.current);
      } finally {
        applying.current = false;
      }
    }
    setRestored(null);
    setRestoredVersion((n) => n + 1);
    if (element) focusFirstField(element);
  }, [key]);

  const onSend = useCallback(() => {
    save();
    sending.current = true;
  }, [save]);

  const onAnswer = useCallback((ok: boolean) => {
    sending.current = false;
    if (!ok) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (currentKey.current) removeDraft(browserStorage(), currentKey.current);
    snapshotDue.current = true;
    setAnswered((n) => n + 1);
    setRestored(null);
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: answered is the trigger: the effect runs once the emptied form is on the page
  useEffect(() => {
    if (!snapshotDue.current || !form.current) return;
    snapshotDue.current = false;
    initial.current = valuesOf(form.current);
  }, [answered]);

  const hasUnsavedText = useCallback(() => {
    const element = form.current;
    if (!element || !eligible.current || sending.current || snapshotDue.current || !initial.current) return false;
    return !sameValues(valuesOf(element), initial.current);
  }, []);

  // Nothing is kept while the account is unknown (or signed out), nor when the last save failed.
  const draftKept = useCallback(() => key !== null && kept.current, [key]);
  useLeaveGuard(hasUnsavedText, enabled, draftKept);

  return { formRef, onEdit, restored, restoredVersion, discard, onSend, onAnswer, hasUnsavedText };
}
