import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergeLine, mergeText } from "@/features/papers/text/merge";
import { isWordToken, tokenize } from "@/features/papers/text/tokens";
import { changedWordCount, hasChanges, wordDiff } from "@/features/papers/text/word-diff";

/** Pieces that tend to break tokenisers: emoji sequences, combining marks, CRLF, NBSP, right-to-left text. */
const AWKWARD = [
  "👩‍👩‍👧",
  "👍🏽",
  "🇬🇧",
  "e\u0301",
  "\u0301",
  "Ångström",
  "\r\n",
  "\r",
  "\u00a0",
  "\u2009",
  "\t",
  "مرحبا بالعالم",
  "שלום",
  "\u200f",
  "\u202e",
  "\u200d",
  "\ufeff",
  "\ud800",
  "don't",
  "it’s",
  "snake_case",
  "1,000.5",
  "—",
  "**",
  "\n\n",
  " ",
  "constructor",
  "__proto__",
];

const arbText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc
    .array(fc.oneof(fc.constantFrom(...AWKWARD), fc.string({ maxLength: 6 })), { maxLength: 30 })
    .map((parts) => parts.join("")),
);

describe("tokenize", () => {
  it("gives the text back exactly when its tokens are joined", () => {
    fc.assert(
      fc.property(arbText, (text) => {
        expect(tokenize(text).join("")).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it("never yields an empty token", () => {
    fc.assert(
      fc.property(arbText, (text) => {
        expect(tokenize(text).every((t) => t.length > 0)).toBe(true);
      }),
    );
  });

  it("keeps words (with accents, digits, apostrophes) whole and whitespace as its own token", () => {
    expect(tokenize("Don't  cut\r\nbenefits—now")).toEqual(["Don't", "  ", "cut", "\r\n", "benefits", "—", "now"]);
    expect(tokenize("cafe\u0301 i\u00a0déjà")).toEqual(["cafe\u0301", " ", "i", "\u00a0", "déjà"]);
    expect(tokenize("")).toEqual([]);
  });

  it("tells words from whitespace", () => {
    expect(isWordToken("word")).toBe(true);
    expect(isWordToken(",")).toBe(true);
    expect(isWordToken(" \n\u00a0")).toBe(false);
  });
});

describe("wordDiff", () => {
  const side = (parts: ReturnType<typeof wordDiff>, keep: "removed" | "added") =>
    parts
      .filter((p) => p.kind === "same" || p.kind === keep)
      .map((p) => p.text)
      .join("");

  it("reassembles both texts: same + removed is the old text, same + added the new one", () => {
    fc.assert(
      fc.property(arbText, arbText, (before, after) => {
        const parts = wordDiff(before, after);
        expect(side(parts, "removed")).toBe(before);
        expect(side(parts, "added")).toBe(after);
      }),
      { numRuns: 500 },
    );
  });

  it("merges neighbouring parts of the same kind and never yields an empty part", () => {
    fc.assert(
      fc.property(arbText, arbText, (before, after) => {
        const parts = wordDiff(before, after);
        parts.forEach((p, i) => {
          expect(p.text).not.toBe("");
          if (i > 0) expect(p.kind).not.toBe(parts[i - 1].kind);
        });
      }),
    );
  });

  it("marks the changed words", () => {
    expect(wordDiff("Sanctions last four weeks.", "Sanctions last two weeks.")).toEqual([
      { kind: "same", text: "Sanctions last " },
      { kind: "removed", text: "four" },
      { kind: "added", text: "two" },
      { kind: "same", text: " weeks." },
    ]);
    expect(hasChanges(wordDiff("a b", "a c"))).toBe(true);
  });

  it("gives one unchanged part for identical texts, none for two empty ones", () => {
    expect(wordDiff("same text", "same text")).toEqual([{ kind: "same", text: "same text" }]);
    expect(wordDiff("", "")).toEqual([]);
    expect(hasChanges(wordDiff("same text", "same text"))).toBe(false);
  });
});

describe("changedWordCount", () => {
  it("counts words added and removed", () => {
    expect(changedWordCount("Sanctions last four weeks.", "Sanctions last two weeks.")).toBe(2);
    expect(changedWordCount("a b", "a b c d")).toBe(2);
    expect(changedWordCount("a b c", "a")).toBe(2);
    expect(changedWordCount("same", "same")).toBe(0);
  });

  it("ignores changes to whitespace alone", () => {
    expect(changedWordCount("one two three", "one  two\r\nthree")).toBe(0);
    expect(changedWordCount("one two", "one\u00a0two ")).toBe(0);
  });
});

describe("mergeText", () => {
  it("combines edits to different paragraphs", () => {
    const base = "Sanctions last four weeks.\n\nAppeals take months.";
    const current = "Sanctions last two weeks.\n\nAppeals take months.";
    const proposed = "Sanctions last four weeks.\n\nAppeals take ten days.";
    expect(mergeText(base, current, proposed)).toEqual({
      ok: true,
      text: "Sanctions last two weeks.\n\nAppeals take ten days.",
    });
  });

  it("combines edits to different words of the same paragraph", () => {
    const base = "Claimants wait five weeks for a first payment, which pushes many into debt.";
    const current = "Claimants wait six weeks for a first payment, which pushes many into debt.";
    const proposed = "Claimants wait five weeks for a first payment, which pushes most into debt.";
    expect(mergeText(base, current, proposed)).toEqual({
      ok: true,
      text: "Claimants wait six weeks for a first payment, which pushes most into debt.",
    });
  });

  it("refuses when both sides changed the same passage differently, naming that passage", () => {
    const base = "Sanctions last four weeks.\n\nAppeals take months.";
    const result = mergeText(
      base,
      "Sanctions last two weeks.\n\nAppeals take months.",
      "Sanctions last six weeks.\n\nAppeals take months.",
    );
    expect(result).toEqual({ ok: false, passages: ["four"] });
  });

  it("accepts the same edit made on both sides", () => {
    const base = "Sanctions last four weeks.\n\nAppeals take months.";
    const both = "Sanctions last two weeks.\n\nAppeals take months.";
    expect(mergeText(base, both, both)).toEqual({ ok: true, text: both });
    // The same edit plus a separate one on one side still merges.
    const more = "Sanctions last two weeks.\n\nAppeals take days.";
    expect(mergeText(base, both, more)).toEqual({ ok: true, text: more });
  });

  it("takes the other side when one side is unchanged", () => {
    expect(mergeText("old", "old", "new")).toEqual({ ok: true, text: "new" });
    expect(mergeText("old", "new", "old")).toEqual({ ok: true, text: "new" });
  });

  it("refuses two different insertions at the same point", () => {
    const result = mergeText("Support claimants.", "Support all claimants.", "Support vulnerable claimants.");
    expect(result).toEqual({ ok: false, passages: ["(an insertion at the same place)"] });
  });

  it("copes with words that are names of Object.prototype members", () => {
    const base = "The constructor of the toString rule.\n\nSecond paragraph.";
    expect(
      mergeText(
        base,
        "The constructor of the valueOf rule.\n\nSecond paragraph.",
        "The constructor of the toString rule.\n\nSecond part.",
      ),
    ).toEqual({
      ok: true,
      text: "The constructor of the valueOf rule.\n\nSecond part.",
    });
    expect(mergeText("__proto__ a", "__proto__ b", "__proto__ c")).toEqual({ ok: false, passages: ["a"] });
  });

  it("keeps CRLF, NBSP, emoji and right-to-left text intact", () => {
    const base = "Line one 👍🏽\r\nשלום\u00a0עולם\r\nLine three";
    const current = "Line 1 👍🏽\r\nשלום\u00a0עולם\r\nLine three";
    const proposed = "Line one 👍🏽\r\nשלום\u00a0עולם\r\nLine 3 👩‍👩‍👧";
    expect(mergeText(base, current, proposed)).toEqual({
      ok: true,
      text: "Line 1 👍🏽\r\nשלום\u00a0עולם\r\nLine 3 👩‍👩‍👧",
    });
  });

  it("merges 40,000 characters of one repeated token in passing (node-diff3's LCS took minutes on 5,000)", () => {
    const base = ". ".repeat(20_000);
    const started = performance.now();
    expect(mergeText(base, `x ${base}`, `${base} y`)).toEqual({ ok: true, text: `x ${base} y` });
    expect(mergeText(base, `x ${base}`, `z ${base}`)).toMatchObject({ ok: false });
    // A regression to a quadratic merge would take minutes here, not seconds.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("refuses, as one conflict over the whole text, two sides too different to diff in time", () => {
    const words = (n: number, seed: number) =>
      Array.from({ length: n }, (_, i) => `w${(i * 7919 + seed) % 97}`).join(" ");
    const result = mergeText(words(8_000, 1), words(8_000, 2), words(8_000, 3));
    expect(result.ok).toBe(false);
  });

  it("satisfies merge(base, base, x) = x, merge(base, x, base) = x and merge(base, x, x) = x", () => {
    fc.assert(
      fc.property(arbText, arbText, (base, x) => {
        expect(mergeText(base, base, x)).toEqual({ ok: true, text: x });
        expect(mergeText(base, x, base)).toEqual({ ok: true, text: x });
        expect(mergeText(base, x, x)).toEqual({ ok: true, text: x });
      }),
      { numRuns: 500 },
    );
  });

  // Two paragraphs with disjoint vocabularies; each side edits only its own paragraph.
  const words = (pool: string[]) => fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 12 });
  const edit = (tokens: string[], fresh: string[]) =>
    fc
      .array(
        fc.record({
          op: fc.constantFrom("replace", "insert", "delete"),
          at: fc.nat(),
          word: fc.constantFrom(...fresh),
        }),
        { minLength: 1, maxLength: 4 },
      )
      .map((ops) => {
        const out = [...tokens];
        for (const { op, at, word } of ops) {
          const i = at % (out.length + 1);
          if (op === "insert") out.splice(i, 0, word);
          else if (out.length > 1 && i < out.length) {
            if (op === "delete") out.splice(i, 1);
            else out[i] = word;
          }
        }
        return out;
      });

  it("always combines edits confined to different paragraphs", () => {
    const arbCase = fc
      .tuple(words(["alpha", "beta", "gamma", "delta"]), words(["one", "two", "three", "four"]))
      .chain(([first, second]) =>
        fc.tuple(
          fc.constant(first),
          fc.constant(second),
          edit(first, ["NEW", "OTHER"]),
          edit(second, ["FRESH", "MORE"]),
        ),
      );
    fc.assert(
      fc.property(arbCase, ([first, second, firstEdited, secondEdited]) => {
        const text = (a: string[], b: string[]) => `${a.join(" ")}\n\n${b.join(" ")}`;
        const result = mergeText(text(first, second), text(firstEdited, second), text(first, secondEdited));
        expect(result).toEqual({ ok: true, text: text(firstEdited, secondEdited) });
      }),
      { numRuns: 300 },
    );
  });
});

describe("mergeLine", () => {
  it("takes whichever side changed", () => {
    expect(mergeLine("Title", "Title", "New title")).toEqual({ ok: true, text: "New title" });
    expect(mergeLine("Title", "Changed title", "Title")).toEqual({ ok: true, text: "Changed title" });
  });

  it("accepts the same change on both sides", () => {
    expect(mergeLine("Title", "Same", "Same")).toEqual({ ok: true, text: "Same" });
  });

  it("refuses when both sides changed the line differently, naming the old line", () => {
    // A line is one passage: even changes to different words conflict.
    expect(mergeLine("Benefit sanctions", "Benefit sanctions reform", "Fair benefit sanctions")).toEqual({
      ok: false,
      passages: ["Benefit sanctions"],
    });
  });
});
