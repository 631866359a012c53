import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import * as fontkit from "fontkit";
import { fitsWinAnsi } from "./win-ansi";

// The fonts the PDF embeds, so that every script members write in comes out as written: Noto Sans
// (Latin, Greek, Cyrillic), Noto Naskh Arabic (Arabic, Persian, Urdu), Noto Sans Hebrew, Noto Sans
// Bengali, Noto Sans Hans (Chinese) and Noto Emoji. pdfkit embeds only the glyphs a file uses.
// Code keeps the standard Courier while its characters are in WinAnsi.

export type Face =
  | "latin"
  | "latin-bold"
  | "latin-italic"
  | "latin-bold-italic"
  | "arabic"
  | "arabic-bold"
  | "hebrew"
  | "hebrew-bold"
  | "bengali"
  | "bengali-bold"
  | "han"
  | "han-bold"
  | "emoji"
  | "code";

/** A family in the order runs fall back through it, with its styled faces where it has them. */
type Family = { regular: Face; bold?: Face; italic?: Face; boldItalic?: Face };

const FILES: Record<Exclude<Face, "code">, [pkg: string, file: string]> = {
  latin: ["@embedpdf/fonts-latin", "fonts/NotoSans-Regular.ttf"],
  "latin-bold": ["@embedpdf/fonts-latin", "fonts/NotoSans-Bold.ttf"],
  "latin-italic": ["@embedpdf/fonts-latin", "fonts/NotoSans-Italic.ttf"],
  "latin-bold-italic": ["@embedpdf/fonts-latin", "fonts/NotoSans-BoldItalic.ttf"],
  arabic: ["@embedpdf/fonts-arabic", "fonts/NotoNaskhArabic-Regular.ttf"],
  "arabic-bold": ["@embedpdf/fonts-arabic", "fonts/NotoNaskhArabic-Bold.ttf"],
  hebrew: ["@embedpdf/fonts-hebrew", "fonts/NotoSansHebrew-Regular.ttf"],
  "hebrew-bold": ["@embedpdf/fonts-hebrew", "fonts/NotoSansHebrew-Bold.ttf"],
  bengali: ["@expo-google-fonts/noto-sans-bengali", "400Regular/NotoSansBengali_400Regular.ttf"],
  "bengali-bold": ["@expo-google-fonts/noto-sans-bengali", "700Bold/NotoSansBengali_700Bold.ttf"],
  han: ["@embedpdf/fonts-sc", "fonts/NotoSansHans-Regular.otf"],
  "han-bold": ["@embedpdf/fonts-sc", "fonts/NotoSansHans-Bold.otf"],
  emoji: ["@expo-google-fonts/noto-emoji", "400Regular/NotoEmoji_400Regular.ttf"],
};

const LATIN: Family = {
  regular: "latin",
  bold: "latin-bold",
  italic: "latin-italic",
  boldItalic: "latin-bold-italic",
};

/** Tried in this order for a character the current run's font lacks. */
const FALLBACKS: Family[] = [
  LATIN,
  { regular: "arabic", bold: "arabic-bold" },
  { regular: "hebrew", bold: "hebrew-bold" },
  { regular: "bengali", bold: "bengali-bold" },
  { regular: "han", bold: "han-bold" },
  { regular: "emoji" },
];
const EMOJI_FAMILY = FALLBACKS[FALLBACKS.length - 1] as Family;

export type Style = { bold?: boolean; italic?: boolean; code?: boolean };

/** The face of a family for a style; a style the family lacks falls back to its regular face. */
export function faceOf(family: Family, style: Style): Face {
  if (style.bold && style.italic) return family.boldItalic ?? family.bold ?? family.regular;
  if (style.bold) return family.bold ?? family.regular;
  if (style.italic) return family.italic ?? family.regular;
  return family.regular;
}

// Read and parsed once per process; fontkit parses tables lazily, so a font that no text needs
// (the 8 MB Chinese one, most of the time) costs only its file read on first use.
const packageRoots = new Map<string, string>();
const buffers = new Map<Face, Buffer>();
const parsed = new Map<Face, fontkit.Font>();

function packageRoot(pkg: string): string {
  const known = packageRoots.get(pkg);
  if (known) return known;
  // Resolved from the app's folder at run time (the server bundle does not carry font files).
  const require = createRequire(path.join(process.cwd(), "package.json"));
  let dir = path.dirname(require.resolve(pkg));
  while (!dir.endsWith(path.join("node_modules", ...pkg.split("/")))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`Cannot find the font package ${pkg}`);
    dir = up;
  }
  packageRoots.set(pkg, dir);
  return dir;
}

export function fontFile(face: Exclude<Face, "code">): Buffer {
  let buffer = buffers.get(face);
  if (!buffer) {
    const [pkg, file] = FILES[face];
    buffer = readFileSync(path.join(packageRoot(pkg), file));
    buffers.set(face, buffer);
  }
  return buffer;
}

function fontOf(face: Exclude<Face, "code">): fontkit.Font {
  let font = parsed.get(face);
  if (!font) {
    font = fontkit.create(fontFile(face)) as fontkit.Font;
    parsed.set(face, font);
  }
  return font;
}

/** Whether a face can draw a character (code: the standard Courier, WinAnsi only). */
export function hasGlyph(face: Face, codePoint: number): boolean {
  if (face === "code") return fitsWinAnsi(String.fromCodePoint(codePoint));
  return fontOf(face).hasGlyphForCodePoint(codePoint);
}

/** Ascent and descent (positive, in ems) for setting lines that mix faces on one baseline. */
export function metricsOf(face: Face): { ascent: number; descent: number } {
  if (face === "code") return { ascent: 0.629, descent: 0.157 }; // Courier's AFM
  const font = fontOf(face);
  return { ascent: font.ascent / font.unitsPerEm, descent: -font.descent / font.unitsPerEm };
}

const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

/** The face to draw a character in, for text in a style: the first family that has it. */
export function faceFor(ch: string, style: Style): Face | undefined {
  const cp = ch.codePointAt(0) ?? 0;
  if (style.code && hasGlyph("code", cp)) return "code";
  // Pictographs that Noto Sans also has (©, ™, ↔) stay in text style; the others are emoji.
  const families = EMOJI.test(ch) && !hasGlyph("latin", cp) ? [EMOJI_FAMILY] : FALLBACKS;
  for (const family of families) {
    const face = faceOf(family, style);
    if (hasGlyph(face, cp)) return face;
  }
  return undefined;
}

/** The face a run begins in when no character has chosen one yet. */
export const primaryFace = (style: Style): Face => (style.code ? "code" : faceOf(LATIN, style));

/** Registers every face with a document; pdfkit opens a file only when text uses it. */
export function registerFonts(pdf: PDFKit.PDFDocument) {
  for (const face of Object.keys(FILES) as Exclude<Face, "code">[]) pdf.registerFont(face, fontFile(face));
  pdf.registerFont("code", "Courier");
}
