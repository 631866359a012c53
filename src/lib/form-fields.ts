import { z } from "zod";

// Small zod building blocks for values that arrive from HTML forms.

/** A checkbox: present ("on") when ticked, absent otherwise. */
export const zCheckbox = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());

/** Trimmed text with a clear message for each bound. */
export function zText(label: string, { min = 0, max }: { min?: number; max: number }) {
  let schema = z.string({ error: `${label} is required.` }).trim();
  if (min > 0)
    schema = schema.min(min, min === 1 ? `${label} is required.` : `${label} must be at least ${min} characters.`);
  return schema.max(max, `${label} must be at most ${max} characters.`);
}

/** Optional text: empty strings become undefined. */
export function zOptionalText(label: string, max: number) {
  return z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    zText(label, { max }).optional(),
  );
}

export const zPage = z.coerce.number().int().min(1).max(10_000).catch(1);

/** PostgreSQL cannot store NUL in text, and lone surrogates are not Unicode: such input is refused, never a 500. */
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && value.isWellFormed();
}

export const UNSTORABLE_TEXT_MESSAGE =
  "This contains characters that cannot be saved (a NUL byte or broken Unicode). Please remove them.";
