// The standard 14 PDF fonts cover WinAnsi only: Latin-1 plus curly quotes, dashes, ellipsis,
// bullet, euro and a few more. Code is still set in the standard Courier while its characters
// fit; anything else is drawn in an embedded font (pdf-fonts.ts), never replaced.

/** Characters above U+00FF that WinAnsi has (pdfkit maps them itself). */
const WIN_ANSI_EXTRA = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c,
  0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

/** Whether a character (one code point) is in WinAnsi, so a standard font can draw it. */
export const fitsWinAnsi = (ch: string) => {
  const code = ch.codePointAt(0) ?? -1;
  return (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(code);
};
