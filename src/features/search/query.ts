/**
 * Turns what someone typed into the search box into text that is safe to hand to PostgreSQL's
 * websearch_to_tsquery, or into a message saying why there is nothing to search for. Pure, so the
 * rules are unit-tested; websearch_to_tsquery itself never raises on syntax, but PostgreSQL refuses
 * NUL bytes and lone surrogates outright, so those never reach it.
 */

export const MAX_QUERY_LENGTH = 200;
/** Anything longer than this is refused rather than cut, so that nobody searches for half of what they meant. */
export const REFUSED_QUERY_LENGTH = 500;
const MAX_TERMS = 32;

export type NormalisedQuery = { ok: true; text: string } | { ok: false; reason: "empty" | "too-long" | "no-words" };

export function normaliseSearchQuery(raw: unknown): NormalisedQuery {
  if (typeof raw !== "string") return { ok: false, reason: "empty" };
  if (raw.length > REFUSED_QUERY_LENGTH) return { ok: false, reason: "too-long" };
  const cleaned = raw
    // Lone surrogates cannot be encoded as UTF-8; drop them before anything else looks at the text.
    .replace(/[\uD800-\uDFFF]/g, (c, i: number, s: string) => (isPaired(s, i) ? c : " "))
    .normalize("NFKC")
    // Control, format, private-use and unassigned characters (NUL included) carry no words.
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}]/gu, " ")
    // Keep letters, digits, marks and what websearch syntax uses: "quoted phrases", -exclusions and apostrophes.
    // Everything else (tsquery operators such as & | ! : * ( ) <->, backslashes, symbols) becomes a space.
    .replace(/[“”„]/g, '"')
    .replace(/[^\p{L}\p{M}\p{N}\s"'-]/gu, " ")
    // A hyphen means "without" only before a word; elsewhere it is noise.
    .replace(/-(?![\p{L}\p{N}])/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (cleaned === "") return { ok: false, reason: raw.trim() === "" ? "empty" : "no-words" };
  if (!/[\p{L}\p{N}]/u.test(cleaned)) return { ok: false, reason: "no-words" };
  const terms = cleaned.split(" ").slice(0, MAX_TERMS).join(" ");
  return { ok: true, text: terms.slice(0, MAX_QUERY_LENGTH).trim() };
}

function isPaired(s: string, i: number): boolean {
  const code = s.charCodeAt(i);
  if (code <= 0xdbff) return i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff;
  return i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff;
}

/** What to tell the reader when there is nothing to search for. */
export const QUERY_MESSAGES: Record<Exclude<NormalisedQuery, { ok: true }>["reason"] | "stop-words", string> = {
  empty: "Type a word or two to search published papers and public discussions.",
  "too-long": `That search is too long. Please use fewer than ${REFUSED_QUERY_LENGTH} characters.`,
  "no-words": "That search has no words in it. Please type letters or numbers.",
  "stop-words": "Those words are too common to search for. Please add a more specific word.",
};

/**
 * ts_headline output marks matches with these two control characters, which normaliseSearchQuery
 * never lets through and which the snippet text has stripped before highlighting. The page splits
 * on them and renders plain text and <mark> elements: no text is ever injected as HTML.
 */
export const HIGHLIGHT_START = "\u0002";
export const HIGHLIGHT_STOP = "\u0003";

export type SnippetPart = { text: string; highlight: boolean };

export function splitHighlights(headline: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let highlight = false;
  let current = "";
  for (const ch of headline) {
    if (ch === HIGHLIGHT_START || ch === HIGHLIGHT_STOP) {
      if (current) parts.push({ text: current, highlight });
      current = "";
      highlight = ch === HIGHLIGHT_START;
    } else current += ch;
  }
  if (current) parts.push({ text: current, highlight });
  return parts;
}

/**
 * Puts "…" where an excerpt was cut: before it when it does not open its source text, after it when
 * it does not close it, or when the source was itself only part of the post or paper (`whole` false).
 * `source` is the plain text ts_headline was given; fragments are joined by " … " already.
 */
export function markCuts(headline: string, source: string, whole: boolean): string {
  // ts_headline drops punctuation at a fragment's ends: compare words only.
  const squash = (s: string) => s.replace(/[^\p{L}\p{N}\u2026]+/gu, " ").trim();
  const shown = squash(headline.replaceAll(HIGHLIGHT_START, "").replaceAll(HIGHLIGHT_STOP, ""));
  if (shown === "") return "";
  const text = squash(source);
  const fragments = shown.split(" … ").map((f) => f.trim());
  const cutBefore = !text.startsWith(fragments[0] ?? "");
  const cutAfter = !whole || !text.endsWith(fragments.at(-1) ?? "");
  return `${cutBefore ? "… " : ""}${headline.trim()}${cutAfter ? " …" : ""}`;
}
