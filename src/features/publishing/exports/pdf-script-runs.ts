import { type Face, faceFor, hasGlyph, primaryFace, type Style } from "./pdf-fonts";

// Script segmentation: a paragraph's text cut into pieces that one face can draw. Letters choose
// the first face that has them; spaces, digits, punctuation and combining marks stay with the face
// before them when it has them, so an Arabic phrase with its spaces and numbers is one piece
// (which shapes and joins as a whole) and "Zażółć" is never split.

/** A piece of a paragraph (UTF-16 offsets into its text) and the face that draws it. */
export type Piece<R> = { start: number; end: number; face: Face; run: R };

const INHERITED = /\p{Script=Inherited}/u;
const COMMON = /\p{Script=Common}/u;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

/** Whether a character keeps the face of the one before it (when that face can draw it). */
function staysWithPrevious(ch: string): boolean {
  if (INHERITED.test(ch)) return true;
  return COMMON.test(ch) && !EMOJI.test(ch);
}

/**
 * Cuts runs of styled text into pieces by face. Characters no face has stay in the face around
 * them (drawn as the font's empty box) rather than stopping the export.
 */
export function piecesOf<R extends Style & { text: string }>(runs: R[]): Piece<R>[] {
  const pieces: Piece<R>[] = [];
  let offset = 0;
  for (const run of runs) {
    let current: Face | undefined;
    let start = offset;
    let i = offset;
    for (const ch of run.text) {
      const cp = ch.codePointAt(0) ?? 0;
      let face = current;
      // Code goes back to Courier as soon as it can; other text stays in the face it is in.
      const backToCode = run.code && current !== "code" && !INHERITED.test(ch) && hasGlyph("code", cp);
      if (!current || backToCode || !staysWithPrevious(ch) || (!INHERITED.test(ch) && !hasGlyph(current, cp)))
        face = faceFor(ch, run) ?? current ?? primaryFace(run);
      if (face !== current) {
        if (current && i > start) pieces.push({ start, end: i, face: current, run });
        current = face;
        start = i;
      }
      i += ch.length;
    }
    if (current && i > start) pieces.push({ start, end: i, face: current, run });
    offset += run.text.length;
  }
  return pieces;
}
