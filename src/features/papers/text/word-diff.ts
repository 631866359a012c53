import { diffArrays } from "diff";
import { isWordToken, tokenize } from "./tokens";

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

/** A word-level diff from one text to another, as runs of unchanged, removed and added text. */
export function wordDiff(before: string, after: string): DiffPart[] {
  if (before === after) return before ? [{ kind: "same", text: before }] : [];
  const parts: DiffPart[] = [];
  for (const change of diffArrays(tokenize(before), tokenize(after))) {
    const kind = change.added ? "added" : change.removed ? "removed" : "same";
    const text = change.value.join("");
    const last = parts.at(-1);
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  }
  return parts;
}

/** How many words (not whitespace) a change adds or removes. */
export function changedWordCount(before: string, after: string): number {
  let count = 0;
  for (const change of diffArrays(tokenize(before), tokenize(after))) {
    if (change.added || change.removed) count += change.value.filter(isWordToken).length;
  }
  return count;
}

/** Whether a diff has any change at all. */
export function hasChanges(parts: DiffPart[]): boolean {
  return parts.some((p) => p.kind !== "same");
}
