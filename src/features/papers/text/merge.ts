import { diffArrays } from "diff";
import { tokenize } from "./tokens";

export type MergeResult =
  | { ok: true; text: string }
  /** `passages` are the stretches of the base text that both sides changed differently. */
  | { ok: false; passages: string[] };

/**
 * How long each of a merge's two diffs may take. Merges run on the server's request thread (a
 * proposal's edit page, closing a proposal), and a diff's cost grows with how much two texts
 * differ: past this, the texts are too different to merge word by word, and the merge is refused
 * as if both sides had changed the whole text, so the proposer updates the proposal by hand.
 */
const MERGE_DIFF_TIMEOUT_MS = 200;

/** A stretch of the base text (o) that one side (a: the text now, b: the proposal) replaced. */
type Hunk = { side: "a" | "b"; oStart: number; oEnd: number; start: number; end: number };

/** One side's changes to the base, as hunks; null when the diff took too long. */
function hunksOf(o: string[], x: string[], side: Hunk["side"]): Hunk[] | null {
  const changes = diffArrays(o, x, { timeout: MERGE_DIFF_TIMEOUT_MS });
  if (!changes) return null;
  const hunks: Hunk[] = [];
  let oi = 0;
  let xi = 0;
  let open: Hunk | null = null;
  for (const change of changes) {
    const n = change.value.length;
    if (!change.added && !change.removed) {
      if (open) hunks.push(open);
      open = null;
      oi += n;
      xi += n;
      continue;
    }
    open ??= { side, oStart: oi, oEnd: oi, start: xi, end: xi };
    if (change.removed) open.oEnd = oi += n;
    else open.end = xi += n;
  }
  if (open) hunks.push(open);
  return hunks;
}

type Block = { ok: string[] } | { conflict: string[] };

/**
 * diff3 over tokens, on the Myers diffs of diffArrays (which can be given a time limit) rather than
 * node-diff3's LCS, which takes minutes on a few thousand repeated tokens (". . . ."). The regions
 * follow diff3 itself: hunks of the two sides that overlap or touch in the base form one region;
 * a region changed by one side only takes that side's text; one changed by both takes it if both
 * made the same change and is a conflict otherwise.
 */
function diff3(a: string[], o: string[], b: string[]): Block[] | null {
  const ha = hunksOf(o, a, "a");
  const hb = ha && hunksOf(o, b, "b");
  if (!ha || !hb) return null;
  // Stable: at the same start, the text now (a) before the proposal (b), as diff3 orders them.
  const hunks = [...ha, ...hb].sort((x, y) => x.oStart - y.oStart);
  const blocks: Block[] = [];
  const ok = (tokens: string[]) => {
    const last = blocks.at(-1);
    if (last && "ok" in last) last.ok.push(...tokens);
    else if (tokens.length > 0) blocks.push({ ok: [...tokens] });
  };
  let offset = 0;
  for (let i = 0; i < hunks.length; ) {
    const first = hunks[i];
    const region = [first];
    let end = first.oEnd;
    for (i += 1; i < hunks.length && hunks[i].oStart <= end; i += 1) {
      region.push(hunks[i]);
      end = Math.max(end, hunks[i].oEnd);
    }
    const start = first.oStart;
    ok(o.slice(offset, start));
    offset = end;
    if (region.length === 1) {
      ok((first.side === "a" ? a : b).slice(first.start, first.end));
      continue;
    }
    // Each side's text over the whole region: its hunks' span, widened by the unchanged base
    // tokens at either end of the region that its hunks do not cover.
    const span = (side: Hunk["side"], text: string[]) => {
      const mine = region.filter((h) => h.side === side);
      if (mine.length === 0) return o.slice(start, end);
      const lo = Math.min(...mine.map((h) => h.start)) - (Math.min(...mine.map((h) => h.oStart)) - start);
      const hi = Math.max(...mine.map((h) => h.end)) + (end - Math.max(...mine.map((h) => h.oEnd)));
      return text.slice(lo, hi);
    };
    const sideA = span("a", a);
    const sideB = span("b", b);
    if (sideA.length === sideB.length && sideA.every((t, k) => t === sideB[k])) ok(sideA);
    else blocks.push({ conflict: o.slice(start, end) });
  }
  ok(o.slice(offset));
  return blocks;
}

/**
 * Three-way merge of a proposal into a text that may have changed since the proposal was written.
 * `base` is what the proposer saw, `current` is the text now, `proposed` is the proposer's text.
 * Changes to different passages combine; when both sides changed the same passage differently the
 * merge refuses rather than pick one, so nothing anyone wrote is overwritten.
 */
export function mergeText(base: string, current: string, proposed: string): MergeResult {
  if (current === base || current === proposed) return { ok: true, text: proposed };
  if (proposed === base) return { ok: true, text: current };
  const blocks = diff3(tokenize(current), tokenize(base), tokenize(proposed));
  // Too different to merge word by word in reasonable time: the whole text is the passage.
  if (!blocks) return { ok: false, passages: [base.trim() || "(the whole text)"] };
  const out: string[] = [];
  const passages: string[] = [];
  for (const block of blocks) {
    if ("ok" in block) out.push(block.ok.join(""));
    else passages.push(block.conflict.join("").trim() || "(an insertion at the same place)");
  }
  return passages.length > 0 ? { ok: false, passages } : { ok: true, text: out.join("") };
}

/** Merges a single-line value (a heading or a title): either side's change wins unless both differ. */
export function mergeLine(base: string, current: string, proposed: string): MergeResult {
  if (current === base || current === proposed) return { ok: true, text: proposed };
  if (proposed === base) return { ok: true, text: current };
  return { ok: false, passages: [base] };
}
