import { z } from "zod";

// Small zod building blocks for values that arrive from HTML forms.

/** A checkbox: present ("on") when ticked, absent otherwise. */
export const zCheckbox = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());

/**
 * Characters that take no room on screen: format controls (zero-width space and joiners, word
 * joiner, BOM, bidi controls), every space but the plain one (no-break, ideographic …), line and
 * paragraph separators, and the fillers fonts draw as nothing (Hangul fillers, braille blank,
 * combining grapheme joiner, variation selectors).
 */
const INVISIBLE =
  /[\p{Cf}\p{Zl}\p{Zp}\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\u115F\u1160\u3164\uFFA0\u2800]|\u034F|[\uFE00-\uFE0F]/gu;

/** How many characters a reader actually sees: a title of four zero-width spaces has none. */
export function visibleLength(value: string): number {
  return [...value.replace(INVISIBLE, "").trim()].length;
}

/** Trimmed text with a clear message for each bound; the minimum counts only visible characters. */
export function zText(label: string, { min = 0, max }: { min?: number; max: number }) {
  const schema = z
    .string({ error: `${label} is required.` })
    .trim()
    .max(max, `${label} must be at most ${max} characters.`);
  if (min <= 0) return schema;
  return schema.refine(
    (value) => visibleLength(value) >= min,
    min === 1 ? `${label} is required.` : `${label} must be at least ${min} characters.`,
  );
}

/**
 * Embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) turn the text after them
 * around: "Sanctions \u202Edetpecca ton" reads "Sanctions not accepted", and an unclosed one spills
 * into whatever is printed next to it.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

export function hasBidiControl(value: string): boolean {
  return BIDI_CONTROL.test(value);
}

/** A one-line field (a title, a name, a heading): zText that also refuses direction controls. */
export function zLine(label: string, bounds: { min?: number; max: number }) {
  return zText(label, bounds).refine(
    (value) => !hasBidiControl(value),
    `${label} cannot contain text-direction control characters (such as right-to-left override): they make it read differently from what was typed. Please remove them.`,
  );
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
