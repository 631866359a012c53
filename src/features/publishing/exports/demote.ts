import type { Heading } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { countMarkdown, markdownLimitProblems } from "@/lib/markdown";

const parser = unified().use(remarkParse).use(remarkGfm);

/**
 * Moves every heading in a Markdown body down by `by` levels (at most h6), so a section's own
 * "# Detail" nests under the export's "## Section". The parser finds the headings (a "#" in a
 * code block is not one); each is rewritten in place as an ATX heading, the rest of the text
 * is kept byte for byte.
 */
export function demoteHeadings(markdown: string, by: number): string {
  // Text too complex to parse quickly (stored before the limits existed) is kept as it is.
  if (markdownLimitProblems(countMarkdown(markdown)).length > 0) return markdown;
  const headings: Heading[] = [];
  visit(parser.parse(markdown), "heading", (node: Heading) => {
    headings.push(node);
  });
  let out = markdown;
  // From the end backwards, so earlier offsets stay valid.
  for (const h of headings.reverse()) {
    const start = h.position?.start.offset;
    const end = h.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    const first = h.children[0]?.position?.start.offset;
    const last = h.children.at(-1)?.position?.end.offset;
    const content = first !== undefined && last !== undefined ? markdown.slice(first, last) : "";
    out = `${out.slice(0, start)}${"#".repeat(Math.min(6, h.depth + by))} ${content}${out.slice(end)}`;
  }
  return out;
}
