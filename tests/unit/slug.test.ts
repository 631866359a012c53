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
