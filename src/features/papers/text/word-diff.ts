import { diffArrays } from "diff";
import type { DiffPart } from "@/lib/diff-part";
import { isWordToken, tokenize } from "./tokens";

export type { DiffPart };

/**
 * How long a diff shown on a page may take. A diff's cost grows with the product of the texts'
 * lengths and how much they differ; two unrelated 40,000-character texts would hold the server
 * for a noticeable time on every view. Past this, the change is shown whole: all the old text
 * removed, all the new text added, which is true, only less precise.
 */
const DISPLAY_DIFF_TIMEOUT_MS = 100;

/** A word-level diff from one text to another, as runs of unchanged, removed and added text. */
export function wordDiff(before: string, after: string): DiffPart[] {
  if (before === after) return before ? [{ kind: "same", text: before }] : [];
  const changes = diffArrays(tokenize(before), tokenize(after), { timeout: DISPLAY_DIFF_TIMEOUT_MS });
  if (!changes) {
    return [
      ...(before ? [{ kind: "removed" as const, text: before }] : []),
      ...(after ? [{ kind: "added" as const, text: after }] : []),
    ];
  }
  const parts: DiffPart[] = [];
  for (const change of changes) {
    const kind = change.added ? "added" : change.removed ? "removed" : "same";
    const text = change.value.join("");
    const last = parts.at(-1);
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  }
  return parts;
}

/**
 * How many words (not whitespace) a change adds or removes, counted exactly up to `atMost`; a
 * bigger change answers `atMost + 1` without being diffed in full (a small budget of edits keeps
 * the diff cheap however long the texts are).
 */
export function changedWordCount(before: string, after: string, { atMost = Number.MAX_SAFE_INTEGER } = {}): number {
  // Every changed word is at least one token, and a word's neighbouring space or punctuation a few more.
  const maxEditLength = atMost === Number.MAX_SAFE_INTEGER ? Number.MAX_SAFE_INTEGER : 8 * (atMost + 1);
  const changes = diffArrays(tokenize(before), tokenize(after), { maxEditLength });
  if (!changes) return atMost + 1;
  let count = 0;
  for (const change of changes) {
    if (change.added || change.removed) count += change.value.filter(isWordToken).length;
  }
  return Math.min(count, atMost + 1);
}

/** Whether a diff has any change at all. */
export function hasChanges(parts: DiffPart[]): boolean {
  return parts.some((p) => p.kind !== "same");
}
