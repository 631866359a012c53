// The PDF uses the standard 14 fonts (no font files to ship or embed), which cover WinAnsi:
// Latin-1 plus curly quotes, dashes, ellipsis, bullet, euro and a few more. Anything else is
// spelled with its nearest WinAnsi equivalent so no character silently becomes garbage.

/** Characters above U+00FF that WinAnsi has (pdfkit maps them itself). */
const WIN_ANSI_EXTRA = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c,
  0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

const NEAREST: Record<string, string> = {
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "\u2013",
  "\u2015": "\u2014",
  "\u2212": "-",
  "\u2032": "'",
  "\u2033": '"',
  "\u2192": "->",
  "\u2190": "<-",
  "\u2194": "<->",
  "\u21d2": "=>",
  "\u2264": "<=",
  "\u2265": ">=",
  "\u2260": "!=",
  "\u2248": "~",
  "\u2713": "v",
  "\u2714": "v",
  "\u2717": "x",
  "\u00a0": " ",
  "\u2002": " ",
  "\u2003": " ",
  "\u2009": " ",
  "\u200a": " ",
  "\u202f": " ",
  "\u200b": "",
  "\u200d": "",
  "\ufeff": "",
  "\u2219": "\u2022",
  "\u25cf": "\u2022",
  "\u0142": "l",
  "\u0141": "L",
  "\u0111": "d",
  "\u0110": "D",
  "\u0131": "i",
};

/** Whether a character (one code point; never empty here) is in WinAnsi. */
const fits = (ch: string) => {
  const code = ch.codePointAt(0) ?? -1;
  return (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(code) || code === 0x0a;
};

export function toWinAnsi(text: string): string {
  let out = "";
  for (const ch of text) {
    if (fits(ch)) out += ch;
    else if (ch === "\t") out += "    ";
    else if (ch in NEAREST) out += NEAREST[ch];
    else {
      // Letters with accents WinAnsi lacks (ő, ș, ā …) lose only the accent.
      const base = ch.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
      out += [...base].every(fits) && base ? base : "?";
    }
  }
  return out;
}
