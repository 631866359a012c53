import { describe, expect, it } from "vitest";
import { escapeXml } from "@/features/library/atom";
import {
  HIGHLIGHT_STOP as E,
  markCuts,
  normaliseSearchQuery,
  HIGHLIGHT_START as S,
  splitHighlights,
} from "@/features/search/query";

describe("normaliseSearchQuery", () => {
  it("keeps words, quoted phrases and exclusions", () => {
    expect(normaliseSearchQuery('  advance   "five week" -loan ')).toEqual({
      ok: true,
      text: 'advance "five week" -loan',
    });
    expect(normaliseSearchQuery("“five week”")).toEqual({ ok: true, text: '"five week"' });
  });
  it("turns tsquery syntax and symbols into spaces", () => {
    expect(normaliseSearchQuery("wait & (loan | !debt) <-> pay:* \\")).toEqual({
      ok: true,
      text: "wait loan debt pay",
    });
  });
  it("refuses empty, punctuation-only and over-long queries with a reason", () => {
    expect(normaliseSearchQuery("")).toEqual({ ok: false, reason: "empty" });
    expect(normaliseSearchQuery("   ")).toEqual({ ok: false, reason: "empty" });
    expect(normaliseSearchQuery(undefined)).toEqual({ ok: false, reason: "empty" });
    expect(normaliseSearchQuery("!!! ??? &&")).toEqual({ ok: false, reason: "no-words" });
    expect(normaliseSearchQuery('"" - \'')).toEqual({ ok: false, reason: "no-words" });
    expect(normaliseSearchQuery("a".repeat(501))).toEqual({ ok: false, reason: "too-long" });
  });
  it("drops NUL, control and format characters and lone surrogates; keeps other scripts", () => {
    expect(normaliseSearchQuery("wa\u0000it\u200b \uD800 loan\u0002")).toEqual({ ok: true, text: "wa it loan" });
    expect(normaliseSearchQuery("ｗａｉｔ")).toEqual({ ok: true, text: "wait" }); // NFKC folds full-width letters
    expect(normaliseSearchQuery("Universal 😀 crédit")).toEqual({ ok: true, text: "Universal crédit" });
    expect(normaliseSearchQuery("😀")).toEqual({ ok: false, reason: "no-words" });
  });
  it("bounds the length and number of terms", () => {
    const result = normaliseSearchQuery(Array.from({ length: 60 }, (_, i) => `w${i}`).join(" "));
    expect(result.ok && result.text.split(" ").length).toBe(32);
    const long = normaliseSearchQuery("abcdefghij ".repeat(40));
    expect(long.ok && long.text.length).toBeLessThanOrEqual(200);
  });
});

describe("splitHighlights", () => {
  it("splits a headline into plain and highlighted parts, tolerating stray delimiters", () => {
    expect(splitHighlights(`the ${S}wait${E} is <b>long</b>`)).toEqual([
      { text: "the ", highlight: false },
      { text: "wait", highlight: true },
      { text: " is <b>long</b>", highlight: false },
    ]);
    expect(splitHighlights(`${E}x${S}`)).toEqual([{ text: "x", highlight: false }]);
  });
});

describe("escapeXml", () => {
  it("escapes markup and drops characters XML forbids", () => {
    expect(escapeXml(`<a href="x">'&'</a>\u0001`)).toBe("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
  });
});

describe("markCuts", () => {
  it("adds nothing when the excerpt is the whole post", () => {
    expect(markCuts(`The ${S}word${E} is here`, "The word is here.", true)).toBe(`The ${S}word${E} is here`);
  });
  it("marks a cut at either end", () => {
    expect(markCuts(`middle ${S}word${E} part`, "The start, middle word part, the end.", true)).toBe(
      `… middle ${S}word${E} part …`,
    );
  });
  it("marks the end when the source was only part of the post", () => {
    expect(markCuts("One paragraph", "One paragraph.", false)).toBe("One paragraph …");
  });
  it("leaves an empty excerpt empty", () => expect(markCuts("", "Text", false)).toBe(""));
});
