import type { BlockContent, DefinitionContent, List, PhrasingContent, Root, RootContent, TableRow } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { countMarkdown, markdownLimitProblems } from "@/lib/markdown";
import { type Layout, readsRightToLeft, type TextRun, writeParagraph } from "./pdf-paragraph";

// Markdown to PDF by walking the parsed tree (mdast): the same parser as the site, so what is a
// heading, a list or code here is what readers see on the page.

export const BODY_SIZE = 11;
const HEADING_SIZES = [22, 16, 13.5, 12, 11, 11];

type Run = TextRun;

const parser = unified().use(remarkParse).use(remarkGfm);

/** Turns site-relative links into absolute ones; keeps only web and mail links clickable. */
function linkTarget(url: string, origin: string): string | undefined {
  if (url.startsWith("/") && !url.startsWith("//")) return origin + url;
  return /^(https?:|mailto:)/i.test(url) ? url : undefined;
}

function runsOf(nodes: PhrasingContent[], origin: string, style: Omit<Run, "text"> = {}): Run[] {
  const runs: Run[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case "text":
        runs.push({ ...style, text: node.value.replace(/\s*\n\s*/g, " ") });
        break;
      case "strong":
        runs.push(...runsOf(node.children, origin, { ...style, bold: true }));
        break;
      case "emphasis":
        runs.push(...runsOf(node.children, origin, { ...style, italic: true }));
        break;
      case "delete":
        runs.push(...runsOf(node.children, origin, { ...style, strike: true }));
        break;
      case "inlineCode":
        runs.push({ ...style, code: true, text: node.value });
        break;
      case "break":
        runs.push({ ...style, text: "\n" });
        break;
      case "link": {
        const target = linkTarget(node.url, origin);
        const inner = runsOf(node.children, origin, { ...style, link: target });
        runs.push(...inner);
        // On paper a link is its words plus where it goes.
        const words = inner.map((r) => r.text).join("");
        if (target && words !== target && words !== node.url) runs.push({ ...style, text: ` (${target})` });
        break;
      }
      case "image":
        runs.push({ ...style, text: `[${node.alt || "image"}${node.url ? `: ${node.url}` : ""}]` });
        break;
      case "html":
        runs.push({ ...style, text: node.value });
        break;
      case "footnoteReference":
        runs.push({ ...style, text: `[${node.label ?? node.identifier}]` });
        break;
      default:
        if ("children" in node) runs.push(...runsOf(node.children as PhrasingContent[], origin, style));
        else if ("value" in node) runs.push({ ...style, text: String(node.value) });
    }
  }
  return runs;
}

export type { Layout };

/** Writes styled runs as one flowing paragraph starting at the current y. */
export function writeRuns(
  pdf: PDFKit.PDFDocument,
  runs: Run[],
  at: Layout,
  opts: { size?: number; color?: string; gap?: number } = {},
) {
  const size = opts.size ?? BODY_SIZE;
  if (!runs.some((r) => r.text.length > 0)) return;
  writeParagraph(pdf, runs, at, { size, codeSize: size - 1.5, color: opts.color });
  pdf.fillColor("#111111");
  pdf.moveDown(opts.gap ?? 0.5);
}

/** Starts a new page when fewer than `space` points are left, so a heading never ends a page. */
export function keepSpace(pdf: PDFKit.PDFDocument, space: number) {
  if (pdf.y + space > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
}

export function writeHeading(pdf: PDFKit.PDFDocument, text: string, depth: number, at: Layout) {
  const size = HEADING_SIZES[Math.min(6, Math.max(1, depth)) - 1];
  keepSpace(pdf, size * 4);
  pdf.moveDown(depth <= 2 ? 0.6 : 0.3);
  writeParagraph(pdf, [{ text, bold: true }], at, { size, lineGap: 1 });
  pdf.moveDown(0.35);
}

const plain = (nodes: PhrasingContent[], origin: string) =>
  runsOf(nodes, origin)
    .map((r) => r.text)
    .join("");

function writeBlock(
  pdf: PDFKit.PDFDocument,
  node: RootContent,
  at: Layout,
  ctx: { origin: string; headingOffset: number; quote: boolean },
) {
  const color = ctx.quote ? "#444444" : undefined;
  switch (node.type) {
    case "heading":
      writeHeading(pdf, plain(node.children, ctx.origin), node.depth + ctx.headingOffset, at);
      return;
    case "paragraph":
      writeRuns(pdf, runsOf(node.children, ctx.origin, ctx.quote ? { italic: true } : {}), at, { color });
      return;
    case "blockquote": {
      const inner = { left: at.left + 16, width: at.width - 16 };
      const top = pdf.y;
      const page = pdf.page;
      for (const child of node.children) writeBlock(pdf, child, inner, { ...ctx, quote: true });
      // A rule down the left side, on the page where the quote started, as far as it reached there.
      const bottom = pdf.page === page ? pdf.y - BODY_SIZE * 0.5 : page.height - page.margins.bottom;
      if (pdf.page === page)
        pdf
          .save()
          .lineWidth(2)
          .strokeColor("#999999")
          .moveTo(at.left + 4, top)
          .lineTo(at.left + 4, bottom)
          .stroke()
          .restore();
      return;
    }
    case "list":
      writeList(pdf, node, at, ctx);
      return;
    case "code": {
      const code = { left: at.left + 12, width: at.width - 12 };
      writeParagraph(pdf, [{ text: node.value, code: true }], code, {
        size: BODY_SIZE - 2,
        color: "#222222",
        lineGap: 1,
      });
      pdf.fillColor("#111111").moveDown(0.6);
      return;
    }
    case "thematicBreak": {
      keepSpace(pdf, 20);
      const y = pdf.y + 4;
      pdf
        .save()
        .lineWidth(0.5)
        .strokeColor("#999999")
        .moveTo(at.left, y)
        .lineTo(at.left + at.width, y)
        .stroke()
        .restore();
      pdf.y = y + 10;
      return;
    }
    case "table":
      // Tables are written row by row, cells separated by a bar: readable without a grid layout.
      for (const [i, row] of (node.children as TableRow[]).entries()) {
        const runs = row.children.flatMap((cell, j) => [
          ...(j > 0 ? [{ text: "  |  " }] : []),
          ...runsOf(cell.children, ctx.origin, i === 0 ? { bold: true } : {}),
        ]);
        writeRuns(pdf, runs, at, { gap: 0.2, color });
      }
      pdf.moveDown(0.4);
      return;
    case "html":
      writeRuns(pdf, [{ text: node.value }], at, { color });
      return;
    case "footnoteDefinition":
      for (const child of node.children) writeBlock(pdf, child, at, ctx);
      return;
    default:
      // Definitions (link targets) and anything else with no text of its own.
      return;
  }
}

function writeList(
  pdf: PDFKit.PDFDocument,
  list: List,
  at: Layout,
  ctx: { origin: string; headingOffset: number; quote: boolean },
) {
  const indent = 18;
  list.children.forEach((item, i) => {
    const marker =
      item.checked === true
        ? "[x]"
        : item.checked === false
          ? "[ ]"
          : list.ordered
            ? `${(list.start ?? 1) + i}.`
            : "\u2022";
    // A right-to-left item has its marker on the right, where its lines begin.
    const first = item.children[0];
    const rtl = first?.type === "paragraph" && readsRightToLeft(plain(first.children, ctx.origin));
    const inner = { left: rtl ? at.left : at.left + indent, width: at.width - indent };
    const markerBox = { left: rtl ? at.left + at.width - indent + 4 : at.left, width: indent - 4 };
    keepSpace(pdf, BODY_SIZE * 2);
    const y = pdf.y;
    writeParagraph(pdf, [{ text: marker }], markerBox, {
      size: BODY_SIZE,
      y,
      singleLine: true,
      align: rtl ? "right" : "start",
    });
    pdf.y = y;
    item.children.forEach((child: BlockContent | DefinitionContent, j) => {
      if (child.type === "paragraph")
        writeRuns(pdf, runsOf(child.children, ctx.origin), inner, { gap: j === item.children.length - 1 ? 0.25 : 0.4 });
      else writeBlock(pdf, child, inner, ctx);
    });
  });
  pdf.moveDown(0.3);
}

/** Lets other requests run: laying out a long PDF takes a while, and pdfkit works synchronously. */
export const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Writes a Markdown body; its "#" headings become level 1 + headingOffset. */
export async function writeMarkdown(
  pdf: PDFKit.PDFDocument,
  markdown: string,
  at: Layout,
  options: { origin: string; headingOffset: number },
) {
  // Text too complex to parse quickly (stored before the limits existed) is written as it is.
  const tree: Root =
    markdownLimitProblems(countMarkdown(markdown)).length > 0
      ? {
          type: "root",
          children: markdown
            .split(/\n{2,}/)
            .map((p) => ({ type: "paragraph", children: [{ type: "text", value: p }] })),
        }
      : (parser.parse(markdown) as Root);
  for (const [i, node] of tree.children.entries()) {
    writeBlock(pdf, node, at, { ...options, quote: false });
    if (i % 8 === 7) await yieldToOthers();
  }
}
