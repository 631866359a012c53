"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useFormResult, useRestoredDraft } from "@/components/form/action-form";
import { CharacterCount } from "@/components/form/character-count";
import { MARKDOWN_TEXTAREA_CLASS, MarkdownEditor } from "@/components/form/markdown-editor";
import { PAPER_LIMITS } from "../limits";

type Row = { key: number; heading: string; body: string };

const EMPTY_ROWS = 3;
const inputClass =
  "mt-1 block w-full rounded-md border border-line bg-white px-3 py-2 text-base text-ink shadow-sm aria-[invalid=true]:border-danger";
const smallButton =
  "rounded-md border border-line bg-white px-3 py-1.5 text-sm font-medium hover:bg-accent-soft disabled:opacity-50";

/** The rows the person typed, read back from the form's echoed values (sections.N.heading/body). */
function rowsFromValues(values: Record<string, string> | undefined): Row[] {
  const byIndex = new Map<number, Row>();
  for (const [name, value] of Object.entries(values ?? {})) {
    const match = /^sections\.(\d+)\.(heading|body)$/.exec(name);
    if (!match) continue;
    const index = Number(match[1]);
    const row = byIndex.get(index) ?? { key: index, heading: "", body: "" };
    row[match[2] as "heading" | "body"] = value;
    byIndex.set(index, row);
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
}

const isEmpty = (row: Row) => `${row.heading}${row.body}`.trim() === "";
const emptyRows = (): Row[] => Array.from({ length: EMPTY_ROWS }, (_, key) => ({ key, heading: "", body: "" }));

/**
 * The sections of a new paper: rows of heading + Markdown text that can be added, removed and
 * reordered. Field names carry the row's number. The server drops rows left empty and reports
 * errors by the number among the rows that remain, so filled rows are numbered first (in the
 * order shown) and empty ones after them: an error then lands on the row it is about.
 * Without JavaScript the form shows three empty rows and no buttons.
 */
export function SectionRowsEditor() {
  const { state } = useFormResult();
  const [rows, setRows] = useState<Row[]>(() => {
    // Values exist only after a submission; read them even before hydration (no JavaScript).
    const typed = rowsFromValues(state.values);
    return typed.length > 0 ? typed : emptyRows();
  });
  const [nextKey, setNextKey] = useState(() => Math.max(EMPTY_ROWS, ...rows.map((r) => r.key + 1)));
  const [enhanced, setEnhanced] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const focusTarget = useRef<string | null>(null);
  const baseId = useId();

  useEffect(() => setEnhanced(true), []);
  // A draft put back into the form (or discarded) rebuilds the rows: they live in state, and the
  // draft may have more of them than the three empty ones the page starts with.
  const draft = useRestoredDraft();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the draft's version is the trigger; its fields are read then
  useEffect(() => {
    if (draft.version === 0) return;
    const typed = rowsFromValues(draft.restored?.fields);
    const next = typed.length > 0 ? typed : emptyRows();
    setRows(next);
    setNextKey(Math.max(EMPTY_ROWS, ...next.map((r) => r.key + 1)));
  }, [draft.version]);
  useEffect(() => {
    if (!focusTarget.current) return;
    document.getElementById(focusTarget.current)?.focus();
    focusTarget.current = null;
  });

  // Filled rows first, in display order, then empty rows: see the comment above.
  const filled = rows.filter((r) => !isEmpty(r));
  const empty = rows.filter(isEmpty);
  const nameIndex = new Map([...filled, ...empty].map((r, i) => [r.key, i]));
  const errors = state.fieldErrors ?? {};

  const update = (key: number, field: "heading" | "body", value: string) =>
    setRows((current) => current.map((r) => (r.key === key ? { ...r, [field]: value } : r)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...rows];
    [next[index], next[index + by]] = [next[index + by], next[index]];
    setRows(next);
    focusTarget.current = `${baseId}-${rows[index].key}-${by < 0 ? (index + by === 0 ? "down" : "up") : index + by === rows.length - 1 ? "up" : "down"}`;
    setAnnouncement(`Section ${index + 1} moved to position ${index + 1 + by}.`);
  };
  const remove = (index: number) => {
    const next = rows.filter((_, i) => i !== index);
    setRows(next);
    focusTarget.current = next[index]
      ? `${baseId}-${next[index].key}-heading`
      : next[index - 1]
        ? `${baseId}-${next[index - 1].key}-heading`
        : `${baseId}-add`;
    setAnnouncement(`Section ${index + 1} removed.`);
  };
  const add = () => {
    setRows([...rows, { key: nextKey, heading: "", body: "" }]);
    setNextKey(nextKey + 1);
    focusTarget.current = `${baseId}-${nextKey}-heading`;
    setAnnouncement(`Section ${rows.length + 1} added.`);
  };

  return (
    <fieldset data-draft-managed="" aria-describedby={`${baseId}-hint${errors.sections ? ` ${baseId}-error` : ""}`}>
      <legend className="text-lg font-semibold">Sections</legend>
      <p id={`${baseId}-hint`} className="mt-1 text-sm text-muted">
        Each section has a heading and its text. Sections get their own discussion and their own proposals, so split the
        paper where people are likely to disagree. The text takes Markdown (see “Formatting help”). Rows left empty are
        ignored.
      </p>
      {errors.sections ? (
        <p id={`${baseId}-error`} className="mt-1 text-sm font-medium text-danger">
          {errors.sections}
        </p>
      ) : null}
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      <ol className="mt-3 space-y-4">
        {rows.map((row, index) => {
          const n = nameIndex.get(row.key);
          // Rows rebuilt after a submission keep the number they were sent under as their key, so
          // errors stay on their row even when rows are moved before the next submission.
          const headingError = errors[`sections.${row.key}.heading`];
          const bodyError = errors[`sections.${row.key}.body`];
          const id = (part: string) => `${baseId}-${row.key}-${part}`;
          return (
            <li key={row.key} className="rounded-lg border border-line bg-white p-4">
              <p className="text-sm font-semibold text-muted" id={id("label")}>
                Section {index + 1}
              </p>
              <div className="mt-2">
                <label htmlFor={id("heading")} className="block font-medium">
                  Heading <span className="sr-only">of section {index + 1}</span>
                </label>
                <input
                  id={id("heading")}
                  name={`sections.${n}.heading`}
                  value={row.heading}
                  onChange={(e) => update(row.key, "heading", e.target.value)}
                  aria-invalid={headingError ? true : undefined}
                  aria-describedby={`${headingError ? `${id("heading-error")} ` : ""}${id("heading-count")}`}
                  className={inputClass}
                />
                {headingError ? (
                  <p id={id("heading-error")} className="mt-1 text-sm font-medium text-danger">
                    {headingError}
                  </p>
                ) : null}
                <CharacterCount id={id("heading-count")} length={row.heading.length} max={PAPER_LIMITS.heading} />
              </div>
              <div className="mt-3">
                <label htmlFor={id("body")} className="block font-medium">
                  Text <span className="sr-only">of section {index + 1}</span>
                </label>
                <MarkdownEditor textareaId={id("body")} kind="section">
                  <textarea
                    id={id("body")}
                    name={`sections.${n}.body`}
                    rows={6}
                    value={row.body}
                    onChange={(e) => update(row.key, "body", e.target.value)}
                    aria-invalid={bodyError ? true : undefined}
                    aria-describedby={`${bodyError ? `${id("body-error")} ` : ""}${id("body-count")}`}
                    className={MARKDOWN_TEXTAREA_CLASS}
                  />
                </MarkdownEditor>
                {bodyError ? (
                  <p id={id("body-error")} className="mt-1 text-sm font-medium text-danger">
                    {bodyError}
                  </p>
                ) : null}
                <CharacterCount id={id("body-count")} length={row.body.length} max={PAPER_LIMITS.sectionBody} />
              </div>
              {enhanced ? (
                // biome-ignore lint/a11y/useSemanticElements: a row of buttons named by the section's label, not a set of fields: a fieldset would need a legend of its own and brings its own layout rules
                <div className="mt-3 flex flex-wrap gap-2" role="group" aria-labelledby={id("label")}>
                  <button
                    type="button"
                    id={id("up")}
                    className={smallButton}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    Move up<span className="sr-only"> section {index + 1}</span>
                  </button>
                  <button
                    type="button"
                    id={id("down")}
                    className={smallButton}
                    disabled={index === rows.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    Move down<span className="sr-only"> section {index + 1}</span>
                  </button>
                  <button
                    type="button"
                    className={smallButton}
                    disabled={rows.length === 1}
                    onClick={() => remove(index)}
                  >
                    Remove<span className="sr-only"> section {index + 1}</span>
                  </button>
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      {enhanced ? (
        <button
          type="button"
          id={`${baseId}-add`}
          className={`${smallButton} mt-3`}
          disabled={rows.length >= PAPER_LIMITS.sections}
          onClick={add}
        >
          Add a section
        </button>
      ) : null}
    </fieldset>
  );
}
