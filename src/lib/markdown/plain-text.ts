// What a reader sees when a text cannot be formatted: the text itself, escaped, in paragraphs,
// after a notice saying why. Used for stored text that crosses the limits of ./limits.ts (written
// before they existed) or that the render worker gave up on.

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export const PLAIN_TEXT_NOTICE = "This text is shown without formatting: its formatting is too complex to display.";

export function plainTextHtml(markdown: string, notice = PLAIN_TEXT_NOTICE): string {
  const paragraphs = markdown
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p class="whitespace-pre-wrap">${escapeHtml(p)}</p>`);
  return `<p class="markdown-notice" role="note">${escapeHtml(notice)}</p>\n${paragraphs.join("\n")}`;
}
