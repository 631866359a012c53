/**
 * Splits text into words, runs of whitespace and single other characters, so that joining the
 * tokens gives the text back exactly. Diffs, merges and provenance all use this one tokeniser,
 * which is what lets provenance runs (counts of tokens) line up with the text they describe.
 */
const TOKEN = /[\p{L}\p{M}\p{N}_'’]+|\s+|[\s\S]/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Whether a token carries meaning (not whitespace): used to count how big a change is. */
export function isWordToken(token: string): boolean {
  return !/^\s+$/.test(token);
}
