// Members' Markdown: the complexity limits and the plain-text fallback, usable anywhere. The
// renderer itself (./render.mjs) runs in the server's render worker (src/server/markdown/), never
// on a request's thread; only tests import it directly.
export {
  countMarkdown,
  MARKDOWN_LIMITS,
  type MarkdownCounts,
  markdownLimitProblems,
  refineMarkdownLimits,
} from "./limits";
export { escapeHtml, PLAIN_TEXT_NOTICE, plainTextHtml } from "./plain-text";
export { quoteMarkdown } from "./quote";
export type { MarkdownStats } from "./render.mjs";
