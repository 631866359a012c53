// The HTML part of an email, made from its plain text: the same words, paragraphs kept, every web
// address a link. One source for both parts means they never say different things.

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** Web addresses in a message: up to whitespace or an angle bracket; a closing full stop or comma is not part of one. */
const URL_PATTERN = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g;

export function firstLink(text: string): string | null {
  return text.match(URL_PATTERN)?.[0] ?? null;
}

function linkify(escapedLine: string): string {
  // The address was escaped with the rest of the line, so it is safe inside the attribute too.
  return escapedLine.replace(URL_PATTERN, (url) => `<a href="${url}">${url}</a>`);
}

export function htmlFromText(subject: string, text: string): string {
  const paragraphs = text
    .trim()
    .split(/\n{2,}/)
    .map(
      (block) =>
        `<p>${block
          .split("\n")
          .map((line) => linkify(escapeHtml(line)))
          .join("<br>\n")}</p>`,
    )
    .join("\n");
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;font-size:16px;line-height:1.5;color:#1e293b;max-width:36rem;margin:0 auto;padding:1rem">',
    paragraphs,
    "</body></html>",
  ].join("\n");
}
