// Inputs an attacker (or a broken client) sends instead of what a form or an API expects. The
// hostile-forms and hostile-api tests push every one of them through every entry point: the
// product must answer with a clear 4xx-class message, never a 5xx, and never store live script.
import { randomUUID } from "node:crypto";
import { expect } from "vitest";

/** Script and HTML that must never come back out of the Markdown renderer as live markup. */
export const INJECTION = {
  scriptTag: `<script>alert("x")</script>`,
  imgOnerror: `<img src=x onerror="alert(1)">`,
  iframe: `<iframe src="javascript:alert(1)"></iframe>`,
  svgOnload: `<svg onload="alert(1)"><circle r="1"/></svg>`,
  javascriptLink: `<a href="javascript:alert(1)">click</a>`,
  markdownJsLink: `[click me](javascript:alert(1))`,
  markdownJsImage: `![pic](javascript:alert(1))`,
  markdownDataLink: `[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
  encodedJsLink: `[enc](jav&#x09;ascript:alert(1))`,
  htmlBlock: `<div style="x" onclick="alert(1)">\n\n**bold** inside a raw block\n\n</div>`,
  entities: `&lt;script&gt;alert(1)&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62;`,
  styleTag: `<style>body{display:none}</style>`,
  formAction: `<form action="javascript:alert(1)"><button>go</button></form>`,
  breakout: `"><script>alert(1)</script>`,
} as const;

/** Every injection at once, as one Markdown document (long enough for most minimum lengths). */
export const INJECTION_DOCUMENT = `Hostile text for a test.\n\n${Object.values(INJECTION).join("\n\n")}\n`;

/** Text that is not valid to store: PostgreSQL refuses NUL; lone surrogates are not Unicode. */
export const BAD_UNICODE = {
  nul: "valid start\u0000 then a NUL byte",
  loneHigh: "a lone high surrogate \uD800 here",
  loneLow: "a lone low surrogate \uDC00 here",
} as const;

/**
 * What makes a one-line field (a title, a name, a heading) show something other than what is
 * stored: nothing visible at all, or text turned around by a direction control. Refused there.
 */
export const SPOOFED_LINES = {
  zeroWidthOnly: "\u200B\u200B\u200B\u200B",
  invisibleMix: "\u200B\u2060\uFEFF\u00A0\u3000\u200C\u200D",
  rtlOverride: "Sanctions \u202Edetpecca ton",
  rtlIsolate: "Sanctions \u2067not\u2069 accepted",
  unclosedEmbedding: "A title \u202B that spills",
} as const;

/** Odd but valid Unicode: accepted in free text (or refused by the normal length rules), never a crash. */
export const ODD_UNICODE = {
  rtlOverride: "harmless\u202Etxt.exe looks reversed",
  zeroWidth: "zero\u200Bwidth\u200Djoin\uFEFF",
  oddWhitespace: "\u00A0\u2003\u3000 odd spaces \u2028 line sep \u2029",
  emojiAndCombining: "👩🏽‍⚕️ e\u0301 ﷽",
  onlyWhitespace: " \t\n\u00A0\u3000 ",
} as const;

export const ONE_MB = "x".repeat(1024 * 1024);
/** `limit + 1` characters: just over a field's maximum. */
export const justOver = (limit: number) => "y".repeat(limit + 1);

/** Ids that are not ids. */
export const MALFORMED_IDS = [
  "",
  "not-a-uuid",
  "------------------------------------",
  "00000000-0000-0000-0000-00000000000g",
  "' OR '1'='1",
  "../../etc/passwd",
  "1",
  "[object Object]",
  `${randomUUID()}x`,
] as const;

export const randomId = () => randomUUID();

/** Values of the wrong kind for a form field: a file where text goes, numbers and JSON as text. */
export function wrongTypeValues(): (string | Blob)[] {
  return [
    new Blob(["not text"], { type: "application/octet-stream" }),
    "[object Object]",
    '{"a":1}',
    "[1,2,3]",
    "NaN",
    "-1",
    "1e309",
    "true",
  ];
}

/** Junk for checkboxes and enum fields. */
export const TOGGLE_JUNK = ["true ", "ON", "yes please", "1; DROP TABLE", "\u0000on"] as const;

/** Builds a FormData from a record; arrays become repeated fields (what a tampered form sends). */
export function formOf(fields: Record<string, string | Blob | (string | Blob)[] | undefined>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
  }
  return form;
}

/** The message the product shows only for unexpected (5xx-class) failures. */
export const GENERIC_FAILURE = /Something went wrong on our side/;

/**
 * Markdown rendered to HTML must carry no live script in any form. Only real tags are judged: an
 * escaped "&lt;img onerror=…&gt;" is harmless text, and a raw "<" never starts text in valid output.
 */
export function expectNoLiveScript(html: string) {
  const tags = html.match(/<[^>]*>/g) ?? [];
  for (const tag of tags) {
    expect(tag).not.toMatch(/^<\/?(script|iframe|svg|style|form|object|embed|base|meta|link)\b/i);
    expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
    expect(tag).not.toMatch(/\b(href|src|action|formaction|xlink:href)\s*=\s*["']?\s*(javascript|data|vbscript):/i);
  }
}
