import bidiFactory, { type EmbeddingLevels } from "bidi-js";
import type { Piece } from "./pdf-script-runs";

// Right-to-left text (Unicode bidi algorithm, via bidi-js): the order in which a line's pieces
// are drawn from left to right. fontkit shapes and reverses a run in an RTL script itself, so a
// cell is handed over in logical order; only RTL cells without RTL letters (numbers, brackets in
// an Arabic sentence) are reversed here.

const bidi = bidiFactory();
const RTL_LETTERS = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const STRONG = /[\p{L}]/u;

export type Direction = "ltr" | "rtl";

/** The direction of a paragraph: that of its first letter (Unicode's rule P2), else LTR. */
export function directionOf(text: string): Direction {
  const first = STRONG.exec(text);
  return first && RTL_LETTERS.test(first[0]) ? "rtl" : "ltr";
}

export const levelsOf = (text: string, direction: Direction): EmbeddingLevels =>
  bidi.getEmbeddingLevels(text, direction);

/** A stretch of one line in one piece and one direction, with the text to hand to pdfkit. */
export type Cell<R> = { piece: Piece<R>; text: string };

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const reversed = (text: string) =>
  [...graphemes.segment(text)]
    .map((g) => g.segment)
    .reverse()
    .join("");

/** The cells of the line [start, end) in visual order, left to right. */
export function visualCells<R>(
  text: string,
  levels: EmbeddingLevels,
  pieces: Piece<R>[],
  start: number,
  end: number,
): Cell<R>[] {
  if (end <= start) return [];
  const order: number[] = [];
  for (let i = start; i < end; i++) order.push(i);
  for (const [from, to] of bidi.getReorderSegments(text, levels, start, end - 1)) {
    const slice = order.slice(from - start, to - start + 1).reverse();
    order.splice(from - start, slice.length, ...slice);
  }
  const mirrored = bidi.getMirroredCharactersMap(text, levels.levels, start, end - 1);
  const pieceAt = (i: number) => pieces.find((p) => p.start <= i && i < p.end) as Piece<R>;

  const cells: Cell<R>[] = [];
  let k = 0;
  while (k < order.length) {
    const first = order[k] as number;
    const piece = pieceAt(first);
    const level = levels.levels[first] as number;
    const step = level % 2 === 1 ? -1 : 1;
    let last = first;
    let n = k + 1;
    while (n < order.length) {
      const next = order[n] as number;
      if (next !== last + step || levels.levels[next] !== level || pieceAt(next) !== piece) break;
      last = next;
      n++;
    }
    const [lo, hi] = step === 1 ? [first, last] : [last, first];
    let logical = "";
    for (let i = lo; i <= hi; i++) logical += mirrored.get(i) ?? text[i];
    const rtlCellWithoutRtlLetters = step === -1 && !RTL_LETTERS.test(logical);
    cells.push({ piece, text: rtlCellWithoutRtlLetters ? reversed(logical) : logical });
    k = n;
  }
  return cells;
}
