import { type Direction, directionOf, levelsOf, visualCells } from "./pdf-bidi";
import { type Face, metricsOf, primaryFace } from "./pdf-fonts";
import { type Piece, piecesOf } from "./pdf-script-runs";

// Sets a paragraph of styled runs: pieces by script (pdf-script-runs), lines broken greedily at
// spaces and between Chinese characters, each line ordered by the bidi algorithm (pdf-bidi) and
// drawn piece by piece on one baseline. Right-to-left paragraphs are right-aligned. pdfkit's own
// line wrapper cannot do this: it knows one font per call and no right-to-left.

export type TextRun = {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  strike?: boolean;
  link?: string;
};
export type Layout = { left: number; width: number };
export type ParagraphOptions = {
  size: number;
  /** Size of inline code (smaller than the text around it). */
  codeSize?: number;
  color?: string;
  lineGap?: number;
  /** "start" follows the paragraph's direction (left for LTR, right for RTL). */
  align?: "start" | "right";
  /** One line only, cut with an ellipsis (running footers). */
  singleLine?: boolean;
};

const LINK_COLOR = "#0b4f8a";
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const NO_BREAK_BEFORE = /[、。，．：；！？）」』】〕》〉,.;:!?)\]}]/u;
const SPACE = /\s/u;
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

// Passing features makes pdfkit shape a piece as one run: without them it lays out word by word,
// and fontkit's right-to-left reversal then stops at each space (Arabic words came out in
// logical order). fontkit still applies each script's default features.
const shapeWhole = (face: Face) => (face === "code" ? {} : { features: [] as PDFKit.Mixins.OpenTypeFeatures[] });

type Word = { start: number; contentEnd: number; end: number };
type Line = { start: number; end: number };

/** Where a line may break: after spaces, and around Chinese and Japanese characters. */
function wordsOf(text: string, from: number, to: number): Word[] {
  const words: Word[] = [];
  let start = from;
  let contentEnd = -1;
  let prev = "";
  for (let i = from; i < to; ) {
    const ch = String.fromCodePoint(text.codePointAt(i) ?? 0);
    const space = SPACE.test(ch);
    if (i > start && !space) {
      const afterSpace = contentEnd >= 0;
      const aroundCjk = (CJK.test(ch) || CJK.test(prev)) && !NO_BREAK_BEFORE.test(ch);
      if (afterSpace || aroundCjk) {
        words.push({ start, contentEnd: afterSpace ? contentEnd : i, end: i });
        start = i;
        contentEnd = -1;
      }
    }
    if (space && contentEnd < 0) contentEnd = i;
    if (!space) contentEnd = -1;
    prev = ch;
    i += ch.length;
  }
  if (to > start) words.push({ start, contentEnd: contentEnd >= 0 ? contentEnd : to, end: to });
  return words;
}

type Setter = {
  pdf: PDFKit.PDFDocument;
  text: string;
  pieces: Piece<TextRun>[];
  opts: ParagraphOptions;
};

const sizeOf = (s: Setter, run: TextRun) => (run.code ? (s.opts.codeSize ?? s.opts.size) : s.opts.size);

/** The width of [start, end), measured piece by piece in each piece's face. */
function widthOf(s: Setter, start: number, end: number): number {
  let width = 0;
  for (const p of s.pieces) {
    const a = Math.max(start, p.start);
    const b = Math.min(end, p.end);
    if (b > a)
      width += s.pdf.font(p.face).fontSize(sizeOf(s, p.run)).widthOfString(s.text.slice(a, b), shapeWhole(p.face));
  }
  return width;
}

/** Greedy lines; a word wider than the line is cut between graphemes. */
function linesOf(s: Setter, from: number, to: number, width: number): Line[] {
  const lines: Line[] = [];
  let line: Line | null = null;
  let used = 0;
  for (const word of wordsOf(s.text, from, to)) {
    const content = widthOf(s, word.start, word.contentEnd);
    const before = line ? widthOf(s, line.end, word.start) : 0; // the spaces after the last word
    if (line && used + before + content <= width) {
      line.end = word.contentEnd;
      used += before + content;
      continue;
    }
    if (line) lines.push(line);
    if (content <= width) {
      line = { start: word.start, end: word.contentEnd };
      used = content;
      continue;
    }
    // Too long for any line (a long address): as many graphemes as fit, then the rest.
    line = { start: word.start, end: word.start };
    used = 0;
    for (const g of graphemes.segment(s.text.slice(word.start, word.contentEnd))) {
      const at = word.start + g.index;
      const w = widthOf(s, at, at + g.segment.length);
      if (used + w > width && line.end > line.start) {
        lines.push(line);
        line = { start: at, end: at };
        used = 0;
      }
      line.end = at + g.segment.length;
      used += w;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [{ start: from, end: from }];
}

const ascentOf = (face: Face, size: number) => metricsOf(face).ascent * size;
const descentOf = (face: Face, size: number) => metricsOf(face).descent * size;

/** Draws one line with its pieces on one baseline; returns the line's height. */
function drawLine(
  s: Setter,
  levels: ReturnType<typeof levelsOf>,
  direction: Direction,
  line: Line,
  at: Layout,
  y: number,
  measureOnly: boolean,
): number {
  const { pdf, opts } = s;
  const cells = visualCells(s.text, levels, s.pieces, line.start, line.end);
  const base = primaryFace({});
  let ascent = ascentOf(base, opts.size);
  let descent = descentOf(base, opts.size);
  for (const c of cells) {
    ascent = Math.max(ascent, ascentOf(c.piece.face, sizeOf(s, c.piece.run)));
    descent = Math.max(descent, descentOf(c.piece.face, sizeOf(s, c.piece.run)));
  }
  if (measureOnly) return ascent + descent;
  const widths = cells.map((c) =>
    pdf.font(c.piece.face).fontSize(sizeOf(s, c.piece.run)).widthOfString(c.text, shapeWhole(c.piece.face)),
  );
  const total = widths.reduce((a, b) => a + b, 0);
  const rightAligned = opts.align === "right" || direction === "rtl";
  let x = rightAligned ? at.left + Math.max(0, at.width - total) : at.left;
  const baseline = y + ascent;
  cells.forEach((cell, i) => {
    const { face, run } = cell.piece;
    const size = sizeOf(s, run);
    pdf
      .font(face)
      .fontSize(size)
      .fillColor(run.link ? LINK_COLOR : (opts.color ?? "#111111"));
    pdf.text(cell.text, x, baseline - ascentOf(face, size), {
      ...shapeWhole(face),
      lineBreak: false,
      link: run.link ?? null,
      underline: !!run.link,
      strike: !!run.strike,
    });
    x += widths[i] as number;
  });
  return ascent + descent;
}

/** Cuts a single line to fit its width, ending it with an ellipsis. */
function fitOneLine(pdf: PDFKit.PDFDocument, runs: TextRun[], opts: ParagraphOptions, width: number): TextRun[] {
  const measure = (rs: TextRun[]) => {
    const text = rs.map((r) => r.text).join("");
    return widthOf({ pdf, text, pieces: piecesOf(rs), opts }, 0, text.length);
  };
  if (measure(runs) <= width) return runs;
  // The cut line keeps the style of the first run: a running footer is one run.
  const style = runs[0] as TextRun;
  let parts = [...graphemes.segment(runs.map((r) => r.text.replace(/\s+/g, " ")).join(""))].map((g) => g.segment);
  while (parts.length > 0) {
    parts = parts.slice(0, -1);
    const trial = [{ ...style, text: `${parts.join("").trimEnd()}…` }];
    if (measure(trial) <= width) return trial;
  }
  return [{ ...style, text: "…" }];
}

/**
 * Writes runs as one paragraph from the current y (or `y`), starting new pages as lines run out,
 * and leaves pdf.y below it. Hard breaks ("\n") start new lines in the same direction.
 */
export function writeParagraph(
  pdf: PDFKit.PDFDocument,
  input: TextRun[],
  at: Layout,
  opts: ParagraphOptions & { y?: number },
) {
  const runs0 = input
    .map((r) => ({ ...r, text: r.text.replace(/\t/g, "    ").replace(/\r\n?/g, "\n") }))
    .filter((r) => r.text.length > 0);
  if (runs0.length === 0) return;
  const runs = opts.singleLine ? fitOneLine(pdf, runs0, opts, at.width) : runs0;
  const text = runs.map((r) => r.text).join("");
  const s: Setter = { pdf, text, pieces: piecesOf(runs), opts };
  const direction = directionOf(text);
  const levels = levelsOf(text, direction);
  const lineGap = opts.lineGap ?? 2;
  let y = opts.y ?? pdf.y;
  let from = 0;
  for (const segment of text.split("\n")) {
    const to = from + segment.length;
    for (const line of linesOf(s, from, to, at.width)) {
      const height = drawLine(s, levels, direction, line, at, y, true);
      const bottom = pdf.page.height - pdf.page.margins.bottom;
      if (!opts.singleLine && y + height > bottom && y > pdf.page.margins.top) {
        pdf.addPage();
        y = pdf.page.margins.top;
      }
      drawLine(s, levels, direction, line, at, y, false);
      y += height + lineGap;
    }
    from = to + 1;
  }
  pdf.font(primaryFace({})).fontSize(opts.size);
  pdf.x = at.left;
  pdf.y = y;
}

/** Whether text reads right to left (lists put their markers on that side). */
export const readsRightToLeft = (text: string) => directionOf(text) === "rtl";
