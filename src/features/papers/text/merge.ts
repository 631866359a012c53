import { diff3Merge } from "node-diff3";
import { tokenize } from "./tokens";

export type MergeResult =
  | { ok: true; text: string }
  /** `passages` are the stretches of the base text that both sides changed differently. */
  | { ok: false; passages: string[] };

/**
 * node-diff3 indexes tokens as keys of a plain object, so a word such as "constructor" or
 * "toString" would hit Object.prototype and throw; a prefix keeps every key its own.
 */
const keyed = (text: string) => tokenize(text).map((token) => `\u0001${token}`);
const unkeyed = (tokens: string[]) => tokens.map((token) => token.slice(1)).join("");

/**
 * Three-way merge of a proposal into a text that may have changed since the proposal was written.
 * `base` is what the proposer saw, `current` is the text now, `proposed` is the proposer's text.
 * Changes to different passages combine; when both sides changed the same passage differently the
 * merge refuses rather than pick one, so nothing anyone wrote is overwritten.
 */
export function mergeText(base: string, current: string, proposed: string): MergeResult {
  if (current === base || current === proposed) return { ok: true, text: proposed };
  if (proposed === base) return { ok: true, text: current };
  const blocks = diff3Merge(keyed(current), keyed(base), keyed(proposed), { excludeFalseConflicts: true });
  const out: string[] = [];
  const passages: string[] = [];
  for (const block of blocks) {
    if (block.ok) out.push(unkeyed(block.ok));
    else if (block.conflict) passages.push(unkeyed(block.conflict.o).trim() || "(an insertion at the same place)");
  }
  return passages.length > 0 ? { ok: false, passages } : { ok: true, text: out.join("") };
}

/** Merges a single-line value (a heading or a title): either side's change wins unless both differ. */
export function mergeLine(base: string, current: string, proposed: string): MergeResult {
  if (current === base || current === proposed) return { ok: true, text: proposed };
  if (proposed === base) return { ok: true, text: current };
  return { ok: false, passages: [base] };
}
