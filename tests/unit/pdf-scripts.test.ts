import { describe, expect, it } from "vitest";
import { directionOf, levelsOf, visualCells } from "@/features/publishing/exports/pdf-bidi";
import { piecesOf } from "@/features/publishing/exports/pdf-script-runs";
import { fitsWinAnsi } from "@/features/publishing/exports/win-ansi";

// The PDF's script segmentation and right-to-left ordering, on the real font files.

const faces = (text: string, style = {}) =>
  piecesOf([{ text, ...style }]).map((p) => [text.slice(p.start, p.end), p.face]);

describe("choosing a font per run of text", () => {
  it("keeps Latin with accents, Greek and Cyrillic in Noto Sans, in one piece", () => {
    expect(faces("Zażółć gęślą jaźń, ŵ ŷ, Καλημέρα, Привет")).toEqual([
      ["Zażółć gęślą jaźń, ŵ ŷ, Καλημέρα, Привет", "latin"],
    ]);
  });

  it("gives Arabic (with its spaces and numbers), Bengali, Chinese and emoji their own fonts", () => {
    expect(faces("Hi مرحبا 2024 بكم — বাংলা 中文 👍🏽")).toEqual([
      ["Hi ", "latin"],
      ["مرحبا 2024 بكم ", "arabic"],
      ["— ", "latin"],
      ["বাংলা ", "bengali"],
      ["中文 ", "han"],
      ["👍🏽", "emoji"],
    ]);
  });

  it("keeps bold where the font has it and falls back to regular where it has no italic", () => {
    expect(faces("Bold عربي", { bold: true })).toEqual([
      ["Bold ", "latin-bold"],
      ["عربي", "arabic-bold"],
    ]);
    expect(faces("中文", { italic: true })).toEqual([["中文", "han"]]);
  });

  it("sets code in Courier while it is WinAnsi, and the rest in a font that has it", () => {
    expect(faces("x = 'ł'", { code: true })).toEqual([
      ["x = '", "code"],
      ["ł", "latin"],
      ["'", "code"],
    ]);
    expect(fitsWinAnsi("é")).toBe(true);
    expect(fitsWinAnsi("ł")).toBe(false);
  });

  it("does not fail on characters no font has (private use, unassigned)", () => {
    expect(faces("a\uE000\u{10FFFD}b").map(([, face]) => face)).toEqual(["latin"]);
  });
});

describe("right-to-left lines", () => {
  it("takes a paragraph's direction from its first letter", () => {
    expect(directionOf("2024: مرحبا world")).toBe("rtl");
    expect(directionOf("Hello مرحبا")).toBe("ltr");
    expect(directionOf("שלום")).toBe("rtl");
    expect(directionOf("123")).toBe("ltr");
  });

  it("orders an Arabic line right to left, numbers and English words left to right inside it", () => {
    const text = "في عام 2024 قال (BBC) شيئا";
    const pieces = piecesOf([{ text }]);
    const cells = visualCells(text, levelsOf(text, "rtl"), pieces, 0, text.length);
    const visual = cells.map((c) => c.text);
    // Drawn left to right: the last words first; numbers and "BBC" read left to right.
    const order = ["شيئا", "BBC", "2024", "في عام"].map((w) => visual.findIndex((v) => v.includes(w)));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(visual.some((v) => v.includes("2024"))).toBe(true);
    // Brackets in a right-to-left run are mirrored, so "(BBC)" still reads so on the page.
    const around = visual.join("");
    expect(around.indexOf("(")).toBeLessThan(around.indexOf("BBC"));
    expect(around.indexOf(")")).toBeGreaterThan(around.indexOf("BBC"));
  });

  it("keeps a left-to-right line's order, with an Arabic phrase handed over in logical order", () => {
    const text = "The word مرحبا بكم means welcome";
    const cells = visualCells(text, levelsOf(text, "ltr"), piecesOf([{ text }]), 0, text.length);
    expect(cells.map((c) => c.text)).toEqual(["The word ", "مرحبا بكم", " ", "means welcome"]);
  });
});
