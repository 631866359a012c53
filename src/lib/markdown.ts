import { unified, type Plugin } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import remarkRehype from "remark-rehype";
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import { visit, SKIP } from "unist-util-visit";
import type { Root as MdRoot, PhrasingContent } from "mdast";
import type { Root as HtmlRoot, Element } from "hast";

// Markdown from members becomes HTML only through here: GitHub-flavoured Markdown,
// sanitised after conversion (no script, no event handlers, no javascript: or data:
// URLs, no images from other sites), with @mentions turned into profile links.

export const MENTION = /(^|[^\w@/])@([a-z0-9_]{3,30})\b/gi;

/** Turns @handle in ordinary text (not code, not inside links) into links to profiles. */
const remarkMentions: Plugin<[], MdRoot> = () => (tree, file) => {
  const mentions = new Set<string>();
  file.data.mentions = mentions;
  visit(tree, (node, index, parent) => {
    // Text anywhere inside a link (also inside **bold** or _emphasis_ in it) is left alone:
    // a mention there would nest one link in another.
    if (node.type === "link" || node.type === "linkReference") return SKIP;
    if (node.type !== "text" || !parent || index === undefined) return;
    const parts: PhrasingContent[] = [];
    let last = 0;
    for (const match of node.value.matchAll(MENTION)) {
      const start = match.index! + match[1].length;
      if (start > last) parts.push({ type: "text", value: node.value.slice(last, start) });
      const handle = match[2].toLowerCase();
      mentions.add(handle);
      parts.push({ type: "link", url: `/people/${handle}`, children: [{ type: "text", value: `@${match[2]}` }] });
      last = start + 1 + match[2].length;
    }
    if (parts.length === 0) return;
    if (last < node.value.length) parts.push({ type: "text", value: node.value.slice(last) });
    parent.children.splice(index, 1, ...parts);
    return [SKIP, index + parts.length];
  });
};

/** Moves headings down so a post's "# Title" never competes with the page's own headings. */
const rehypeShiftHeadings: Plugin<[number], HtmlRoot> = (offset) => (tree) => {
  visit(tree, "element", (node: Element) => {
    const level = /^h([1-6])$/.exec(node.tagName)?.[1];
    if (level) node.tagName = `h${Math.min(6, Number(level) + offset)}`;
  });
};

const ABSOLUTE = /^([a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * After sanitising: links to other sites pass no referrer and no endorsement;
 * images from other sites become links (loading them would tell those sites who
 * reads what); mention links get their class.
 */
const rehypeSafeLinksAndImages: Plugin<[], HtmlRoot> = () => (tree) => {
  visit(tree, "element", (node: Element, index, parent) => {
    if (node.tagName === "a") {
      const href = String(node.properties?.href ?? "");
      if (ABSOLUTE.test(href) && !href.startsWith("mailto:")) node.properties = { ...node.properties, rel: ["nofollow", "ugc", "noopener", "noreferrer"] };
      if (href.startsWith("/people/")) node.properties = { ...node.properties, className: ["mention"] };
    }
    if (node.tagName === "img" && parent && index !== undefined) {
      const src = String(node.properties?.src ?? "");
      if (!src || ABSOLUTE.test(src)) {
        const alt = String(node.properties?.alt ?? "") || "image";
        const replacement: Element = src && /^https?:/i.test(src)
          ? { type: "element", tagName: "a", properties: { href: src, rel: ["nofollow", "ugc", "noopener", "noreferrer"] }, children: [{ type: "text", value: `[${alt}]` }] }
          : { type: "element", tagName: "span", properties: {}, children: [{ type: "text", value: `[${alt}]` }] };
        parent.children.splice(index, 1, replacement);
      }
    }
  });
};

const schema: SanitizeSchema = {
  ...defaultSchema,
  protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto"], src: ["http", "https"] },
};

function processor(headingOffset: number) {
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkMentions)
    .use(remarkRehype)
    .use(rehypeSanitize, schema)
    .use(rehypeShiftHeadings, headingOffset)
    .use(rehypeSafeLinksAndImages)
    .use(rehypeStringify);
}

const processors = new Map<number, ReturnType<typeof processor>>();

/**
 * Renders a member's Markdown to safe HTML, and lists the handles it mentions
 * (outside code and links). `headingOffset` 2 turns "#" into <h3>.
 */
export function renderMarkdown(markdown: string, { headingOffset = 2 }: { headingOffset?: number } = {}) {
  let p = processors.get(headingOffset);
  if (!p) processors.set(headingOffset, (p = processor(headingOffset)));
  const file = p.processSync(markdown);
  return { html: String(file), mentions: [...((file.data.mentions as Set<string> | undefined) ?? [])] };
}
