// Pure and tiny, so client components can use it without the Markdown renderer.

/** Quotes a passage as Markdown, for replying to part of a post. */
export function quoteMarkdown(text: string, author: string): string {
  const quoted = text
    .trim()
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join("\n");
  return `${quoted}\n>\n> — @${author}\n\n`;
}
