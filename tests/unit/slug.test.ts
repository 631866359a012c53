import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { slugify, uniqueSlug } from "@/lib/slug";

describe("slugify", () => {
  it("lower-cases words and joins them with single hyphens", () => {
    expect(slugify("Benefit Sanctions Reform")).toBe("benefit-sanctions-reform");
    expect(slugify("Universal Credit: the 5-week wait")).toBe("universal-credit-the-5-week-wait");
  });

  it("strips accents", () => {
    expect(slugify("Café déjà vu à Zürich")).toBe("cafe-deja-vu-a-zurich");
    expect(slugify("São Tomé e Príncipe")).toBe("sao-tome-e-principe");
  });

  it("turns punctuation and runs of spaces into one hyphen, with none at either end", () => {
    expect(slugify("  --Why?! (And how…)  ")).toBe("why-and-how");
    expect(slugify("a___b // c")).toBe("a-b-c");
    expect(slugify("“Quoted” — title")).toBe("quoted-title");
  });

  it("falls back to 'untitled' when nothing usable is left", () => {
    expect(slugify("")).toBe("untitled");
    expect(slugify("!!! ???")).toBe("untitled");
    expect(slugify("福祉改革")).toBe("untitled");
    expect(slugify("👍🏽")).toBe("untitled");
  });

  it("caps the length without leaving a hyphen at the end", () => {
    expect(slugify(`${"a".repeat(59)} bcd`)).toBe("a".repeat(59));
    expect(slugify("one two three", 8)).toBe("one-two");
    expect(slugify("x".repeat(100))).toBe("x".repeat(60));
  });

  it("cuts a long title at the last word boundary before the limit, never mid-word", () => {
    const title = "Why a sanction is applied while a claim is assessed by the work coach and the decision maker";
    expect(slugify(title)).toBe("why-a-sanction-is-applied-while-a-claim-is-assessed-by-the");
    expect(slugify(title, 40)).toBe("why-a-sanction-is-applied-while-a-claim");
    // The limit falls exactly at the end of a word: that word stays.
    expect(slugify("alpha beta gamma", 10)).toBe("alpha-beta");
    expect(slugify("alpha beta gamma", 11)).toBe("alpha-beta");
    expect(slugify("alpha beta gamma", 12)).toBe("alpha-beta");
  });

  it("cuts a very long word where the limit falls rather than keep too little", () => {
    expect(slugify(`a ${"b".repeat(100)}`)).toBe(`a-${"b".repeat(58)}`);
    expect(slugify(`short ${"x".repeat(80)} tail`, 30)).toBe(`short-${"x".repeat(24)}`);
    expect(slugify("Donaudampfschifffahrtsgesellschaftskapitän und Kapitänsmütze", 20)).toBe("donaudampfschifffahr");
  });

  it("cuts after accents and punctuation are folded, so the cut is on the slug's own words", () => {
    expect(slugify("Prestação única — São Tomé e Príncipe: a política de habitação", 40)).toBe(
      "prestacao-unica-sao-tome-e-principe-a",
    );
    expect(slugify("Ünïcödé wörds everywhere in this long heading for sure", 30)).toBe("unicode-words-everywhere-in");
  });

  it("never ends a cut slug part-way through a word of the title", () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z0-9]{1,12}$/), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 24, max: 80 }),
        (words, max) => {
          const slug = slugify(words.join(" "), max);
          const kept = slug.split("-");
          // Every word but possibly a hard-cut last one is whole; the last is whole unless it had to be cut.
          expect(kept.slice(0, -1)).toEqual(words.slice(0, kept.length - 1));
          const last = kept.length - 1;
          if (kept[last] !== words[last]) expect(kept.slice(0, -1).join("-").length).toBeLessThan(max / 2);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("always gives a short, URL-safe slug", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 120 }), fc.integer({ min: 8, max: 80 }), (text, max) => {
        const slug = slugify(text, max);
        expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(slug.length).toBeLessThanOrEqual(max);
      }),
      { numRuns: 500 },
    );
  });

  it("is stable: a slug slugifies to itself", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const slug = slugify(text);
        expect(slugify(slug)).toBe(slug);
      }),
    );
  });
});

describe("uniqueSlug", () => {
  it("keeps the slug when it is free", () => {
    expect(uniqueSlug("sanctions", [])).toBe("sanctions");
    expect(uniqueSlug("sanctions", ["sanctions-2"])).toBe("sanctions");
  });

  it("numbers it from 2 when it is taken", () => {
    expect(uniqueSlug("sanctions", ["sanctions"])).toBe("sanctions-2");
    expect(uniqueSlug("sanctions", new Set(["sanctions", "sanctions-2", "sanctions-4"]))).toBe("sanctions-3");
  });

  it("accepts any iterable of taken slugs", () => {
    function* taken() {
      yield "a";
      yield "a-2";
    }
    expect(uniqueSlug("a", taken())).toBe("a-3");
  });

  it("never returns a taken slug", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 30 }), (numbers) => {
        const taken = numbers.map((n) => (n === 1 ? "paper" : `paper-${n}`));
        expect(taken).not.toContain(uniqueSlug("paper", taken));
      }),
    );
  });
});
