// The one place members' Markdown becomes HTML: GitHub-flavoured Markdown through remark,
// sanitised after conversion (no script, no event handlers, no javascript: or data: URLs, no
// images from other sites), with @mentions turned into profile links, and a count of what the
// text contains so that its complexity can be held to src/lib/markdown/limits.ts.
//
// Plain JavaScript with bare imports only, because this file is also the entry of the render
// worker (src/server/markdown/worker-pool.ts): the production build copies a worker entry as it
// is, so it can import packages but not other files of ours. Types: render.d.mts.
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import { remark } from "remark";
import remarkGfm from "remark-gfm";
import remarkRehype from "remark-rehype";
import { SKIP, visit } from "unist-util-visit";

export const MENTION = /(^|[^\w@/])@([a-z0-9_]{3,30})\b/gi;

/** Turns @handle in ordinary text (not code, not inside links) into links to profiles. */
function remarkMentions() {
  return (tree, file) => {
    const mentions = new Set();
    file.data.mentions = mentions;
    visit(tree, (node, index, parent) => {
      // Text anywhere inside a link (also inside **bold** or _emphasis_ in it) is left alone:
      // a mention there would nest one link in another.
      if (node.type === "link" || node.type === "linkReference") return SKIP;
      if (node.type !== "text" || !parent || index === undefined) return;
      const parts = [];
      let last = 0;
      for (const match of node.value.matchAll(MENTION)) {
        const start = match.index + match[1].length;
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
}

/**
 * Counts what makes a text costly to show: how deeply lists and quotes nest, list items, table
 * cells and columns, links. Runs before mentions become links, so those are not counted as links.
 * Iterative, so a deep tree cannot overflow the stack here.
 */
function remarkStats() {
  return (tree, file) => {
    const stats = { depth: 0, listItems: 0, tableCells: 0, tableColumns: 0, links: 0 };
    const stack = [[tree, 0]];
    while (stack.length > 0) {
      const [node, depth] = stack.pop();
      let here = depth;
      if (node.type === "list" || node.type === "blockquote") here = depth + 1;
      if (here > stats.depth) stats.depth = here;
      if (node.type === "listItem") stats.listItems += 1;
      if (node.type === "tableCell") stats.tableCells += 1;
      if (node.type === "tableRow" && node.children.length > stats.tableColumns)
        stats.tableColumns = node.children.length;
      if (
        node.type === "link" ||
        node.type === "linkReference" ||
        node.type === "image" ||
        node.type === "imageReference"
      )
        stats.links += 1;
      if (node.children) for (const child of node.children) stack.push([child, here]);
    }
    file.data.stats = stats;
  };
}

/** Moves headings down so a post's "# Title" never competes with the page's own headings. */
function rehypeShiftHeadings(offset) {
  return (tree) => {
    visit(tree, "element", (node) => {
      const level = /^h([1-6])$/.exec(node.tagName)?.[1];
      if (level) node.tagName = `h${Math.min(6, Number(level) + offset)}`;
    });
  };
}

const ABSOLUTE = /^([a-z][a-z0-9+.-]*:|\/\/)/i;
const EXTERNAL_REL = ["nofollow", "ugc", "noopener", "noreferrer"];

/**
 * After sanitising: links to other sites pass no referrer and no endorsement; images from other
 * sites become links (loading them would tell those sites who reads what); mention links get
 * their class.
 */
function rehypeSafeLinksAndImages() {
  return (tree) => {
    visit(tree, "element", (node, index, parent) => {
      if (node.tagName === "a") {
        const href = String(node.properties?.href ?? "");
        if (ABSOLUTE.test(href) && !href.startsWith("mailto:"))
          node.properties = { ...node.properties, rel: EXTERNAL_REL };
        if (href.startsWith("/people/")) node.properties = { ...node.properties, className: ["mention"] };
      }
      if (node.tagName === "img" && parent && index !== undefined) {
        const src = String(node.properties?.src ?? "");
        if (!src || ABSOLUTE.test(src)) {
          const alt = String(node.properties?.alt ?? "") || "image";
          const replacement =
            src && /^https?:/i.test(src)
              ? {
                  type: "element",
                  tagName: "a",
                  properties: { href: src, rel: EXTERNAL_REL },
                  children: [{ type: "text", value: `[${alt}]` }],
                }
              : { type: "element", tagName: "span", properties: {}, children: [{ type: "text", value: `[${alt}]` }] };
          parent.children.splice(index, 1, replacement);
        }
      }
    });
  };
}

const schema = {
  ...defaultSchema,
  protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto"], src: ["http", "https"] },
};

function processor(headingOffset) {
  return remark()
    .use(remarkGfm)
    .use(remarkStats)
    .use(remarkMentions)
    .use(remarkRehype)
    .use(rehypeSanitize, schema)
    .use(rehypeShiftHeadings, headingOffset)
    .use(rehypeSafeLinksAndImages)
    .use(rehypeStringify)
    .freeze();
}

const processors = new Map();

/**
 * Renders a member's Markdown to safe HTML on the calling thread, lists the handles it mentions
 * (outside code and links) and counts its parts. `headingOffset` 2 turns "#" into <h3>.
 * The app calls this only inside the render worker, which has a time budget; tests call it directly.
 */
export function renderMarkdown(markdown, { headingOffset = 2 } = {}) {
  let p = processors.get(headingOffset);
  if (!p) {
    p = processor(headingOffset);
    processors.set(headingOffset, p);
  }
  const file = p.processSync(markdown);
  return { html: String(file), mentions: [...(file.data.mentions ?? [])], stats: file.data.stats };
}

// Started as the render worker: say when ready, then answer each request in turn. A request that throws (a stack
// overflow on a pathological tree, say) answers with the error; the pool's timer handles the rest.
if (!isMainThread && workerData?.policyCommonsMarkdownWorker && parentPort) {
  const port = parentPort;
  port.on("message", (request) => {
    try {
      port.postMessage({
        id: request.id,
        ok: true,
        ...renderMarkdown(request.markdown, { headingOffset: request.headingOffset }),
      });
    } catch (error) {
      port.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  });
  // Build and run the pipeline once before saying so: the pool's time budget is for a text, not
  // for loading and compiling the renderer, which on a loaded machine can take seconds.
  renderMarkdown("*ready*");
  port.postMessage({ ready: true });
}
