"use client";

import type React from "react";
import { type ReactNode, useId, useState } from "react";
import { useFormResult } from "./action-form";
import { CharacterCount } from "./character-count";
import { MARKDOWN_TEXTAREA_CLASS, MarkdownEditor } from "./markdown-editor";
import type { PreviewKind } from "./markdown-preview-client";

const inputClass =
  "mt-1 block w-full rounded-md border border-line bg-white px-3 py-2 text-base text-ink shadow-sm aria-[invalid=true]:border-danger";

function useField(name: string, defaultValue: string | undefined) {
  const { state, submitted } = useFormResult();
  const id = useId();
  const error = state.fieldErrors?.[name];
  const value = submitted && state.values && name in state.values ? state.values[name] : defaultValue;
  return { id, error, value, errorId: `${id}-error`, hintId: `${id}-hint`, countId: `${id}-count` };
}

function Label({ htmlFor, label, optional }: { htmlFor: string; label: string; optional?: boolean }) {
  return (
    <label htmlFor={htmlFor} className="block font-medium">
      {label}
      {optional ? <span className="font-normal text-muted"> (optional)</span> : null}
    </label>
  );
}

function HintAndError({
  hint,
  hintId,
  error,
  errorId,
}: {
  hint?: ReactNode;
  hintId: string;
  error?: string;
  errorId: string;
}) {
  return (
    <>
      {hint ? (
        <p id={hintId} className="mt-1 text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="mt-1 text-sm font-medium text-danger">
          {error}
        </p>
      ) : null}
    </>
  );
}

function describedBy(hint: unknown, hintId: string, error: unknown, errorId: string, countId?: string) {
  return [hint ? hintId : null, error ? errorId : null, countId ?? null].filter(Boolean).join(" ") || undefined;
}

/** The length of a field's text as the person types, for its CharacterCount. */
function useLength(initial: string | undefined) {
  // A textarea holds line breaks as LF whatever it was given, so count them that way.
  const [length, setLength] = useState(initial?.replace(/\r\n?/g, "\n").length ?? 0);
  return {
    length,
    onInput: (e: React.FormEvent<HTMLInputElement | HTMLTextAreaElement>) => setLength(e.currentTarget.value.length),
  };
}

type TextFieldProps = {
  name: string;
  label: string;
  type?: "text" | "email" | "password" | "url" | "number" | "search" | "date";
  defaultValue?: string;
  hint?: ReactNode;
  optional?: boolean;
  autoComplete?: string;
  maxLength?: number;
  required?: boolean;
  /** Controlled value, for fields the browser keeps in memory (passwords). */
  value?: string;
  onChange?: (value: string) => void;
};

export function TextField({
  name,
  label,
  type = "text",
  defaultValue,
  hint,
  optional,
  autoComplete,
  maxLength,
  required,
  value,
  onChange,
}: TextFieldProps) {
  const f = useField(name, defaultValue);
  const counted = useLength(onChange ? value : type === "password" ? undefined : f.value);
  const showCount = maxLength !== undefined && type !== "password";
  return (
    <div>
      <Label htmlFor={f.id} label={label} optional={optional} />
      <input
        id={f.id}
        name={name}
        type={type}
        {...(onChange
          ? { value: value ?? "", onChange: (e: React.ChangeEvent<HTMLInputElement>) => onChange(e.target.value) }
          : { defaultValue: type === "password" ? undefined : f.value })}
        autoComplete={autoComplete}
        onInput={showCount ? counted.onInput : undefined}
        required={required}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={describedBy(hint, f.hintId, f.error, f.errorId, showCount ? f.countId : undefined)}
        className={inputClass}
      />
      <HintAndError hint={hint} hintId={f.hintId} error={f.error} errorId={f.errorId} />
      {showCount ? <CharacterCount id={f.countId} length={counted.length} max={maxLength} /> : null}
    </div>
  );
}

export function TextArea({
  name,
  label,
  defaultValue,
  hint,
  optional,
  rows = 5,
  maxLength,
  markdown,
}: Omit<TextFieldProps, "type"> & {
  rows?: number;
  /** The text is Markdown: a toolbar, shortcuts and a preview rendered as it will be shown (a post, a section). */
  markdown?: PreviewKind;
}) {
  const f = useField(name, defaultValue);
  const counted = useLength(f.value);
  const textarea = (
    <textarea
      id={f.id}
      name={name}
      rows={rows}
      defaultValue={f.value}
      onInput={maxLength !== undefined ? counted.onInput : undefined}
      aria-invalid={f.error ? true : undefined}
      aria-describedby={describedBy(
        hint,
        f.hintId,
        f.error,
        f.errorId,
        maxLength !== undefined ? f.countId : undefined,
      )}
      className={markdown ? MARKDOWN_TEXTAREA_CLASS : inputClass}
    />
  );
  return (
    <div>
      <Label htmlFor={f.id} label={label} optional={optional} />
      {markdown ? (
        <MarkdownEditor textareaId={f.id} kind={markdown}>
          {textarea}
        </MarkdownEditor>
      ) : (
        textarea
      )}
      <HintAndError hint={hint} hintId={f.hintId} error={f.error} errorId={f.errorId} />
      {maxLength !== undefined ? <CharacterCount id={f.countId} length={counted.length} max={maxLength} /> : null}
    </div>
  );
}

export function SelectField({
  name,
  label,
  options,
  defaultValue,
  hint,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
  hint?: ReactNode;
}) {
  const f = useField(name, defaultValue);
  return (
    <div>
      <Label htmlFor={f.id} label={label} />
      <select
        id={f.id}
        name={name}
        defaultValue={f.value}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={describedBy(hint, f.hintId, f.error, f.errorId)}
        className={inputClass}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <HintAndError hint={hint} hintId={f.hintId} error={f.error} errorId={f.errorId} />
    </div>
  );
}

/** Radio buttons with a hint per choice, in a fieldset with a legend. */
export function RadioGroup({
  name,
  legend,
  options,
  defaultValue,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string; hint?: string }[];
  defaultValue?: string;
}) {
  const f = useField(name, defaultValue);
  return (
    <fieldset aria-describedby={f.error ? f.errorId : undefined}>
      <legend className="font-medium">{legend}</legend>
      <div className="mt-2 space-y-2">
        {options.map((o) => {
          const id = `${f.id}-${o.value}`;
          return (
            <div key={o.value} className="flex items-start gap-2">
              <input
                id={id}
                type="radio"
                name={name}
                value={o.value}
                defaultChecked={f.value === o.value}
                className="mt-1 size-4"
                aria-describedby={o.hint ? `${id}-hint` : undefined}
              />
              <div>
                <label htmlFor={id} className="font-medium">
                  {o.label}
                </label>
                {o.hint ? (
                  <p id={`${id}-hint`} className="text-sm text-muted">
                    {o.hint}
                  </p>
                ) : null}
              </div>
            </div>
          );
        })}
      </div>
      <HintAndError hintId={f.hintId} error={f.error} errorId={f.errorId} />
    </fieldset>
  );
}

export function Checkbox({
  name,
  label,
  defaultChecked,
  hint,
}: {
  name: string;
  label: string;
  defaultChecked?: boolean;
  hint?: string;
}) {
  const { state, submitted } = useFormResult();
  const id = useId();
  const checked = submitted && state.values ? state.values[name] === "on" : defaultChecked;
  const error = state.fieldErrors?.[name];
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        type="checkbox"
        name={name}
        defaultChecked={checked}
        className="mt-1 size-4"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint, `${id}-hint`, error, `${id}-error`)}
      />
      <div>
        <label htmlFor={id}>{label}</label>
        <HintAndError hint={hint} hintId={`${id}-hint`} error={error} errorId={`${id}-error`} />
      </div>
    </div>
  );
}

export function Hidden({ name, value }: { name: string; value: string }) {
  return <input type="hidden" name={name} value={value} />;
}
