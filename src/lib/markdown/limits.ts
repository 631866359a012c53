import type { MarkdownStats } from "./render.mjs";

// How complex a member's Markdown may be. Rendering cost follows the number of things the parser
// makes (blocks, list items, cells, links, emphasis) rather than the length, and some shapes cost
// far more: 4,000 nested list markers (8 KB) held the server for 12 seconds, and 10,000 lines of
// "a" then "-" (40 KB) take a minute. So each has a bound a policy text never needs to cross.
// Text over a bound is refused when it is written, with a message saying which bound and by how
// much; text already stored that crosses one is shown as plain text (src/server/markdown/).
// Whatever still slips through is cut off by the render worker's time budget.

export const MARKDOWN_LIMITS = {
  /** Lists and block quotes inside each other. */
  depth: 8,
  listItems: 500,
  tableColumns: 30,
  tableCells: 2_000,
  links: 300,
  /** Different people mentioned: each one is notified. */
  mentions: 20,
  lines: 2_000,
  /** Formatting characters outside fenced code (* _ ` ~ [ ] | \ & <), and heading, quote and list markers. */
  markup: 4_000,
  /** Of those, the ones that open and close emphasis (* _ ~): matching them costs the square of their number. */
  emphasis: 1_000,
} as const;

export type MarkdownCounts = MarkdownStats & { mentions: number; lines: number; markup: number; emphasis: number };
type Limit = keyof typeof MARKDOWN_LIMITS;

const n = (value: number) => value.toLocaleString("en-GB");

const MESSAGES: Record<Limit, (found: number, limit: number) => string> = {
  depth: (found, limit) => `Lists and quotes can be nested at most ${limit} deep; here they go ${n(found)} deep.`,
  listItems: (found, limit) => `A text can have at most ${n(limit)} list items; this one has ${n(found)}.`,
  tableColumns: (found, limit) => `A table can have at most ${limit} columns; this one has ${n(found)}.`,
  tableCells: (found, limit) => `Tables can have at most ${n(limit)} cells in all; these have ${n(found)}.`,
  links: (found, limit) => `A text can have at most ${limit} links; this one has ${n(found)}.`,
  mentions: (found, limit) => `You can mention at most ${limit} people at once; this mentions ${n(found)}.`,
  lines: (found, limit) => `A text can have at most ${n(limit)} lines; this one has ${n(found)}.`,
  emphasis: (found, limit) =>
    `This uses ${n(found)} emphasis marks (* _ ~), and at most ${n(limit)} are allowed. Code inside a \`\`\` block does not count.`,
  markup: (found, limit) =>
    `This uses too much formatting: ${n(found)} formatting characters (* _ \` ~ [ ] | \\ & <), and at most ${n(limit)} are allowed. Code inside a \`\`\` block does not count.`,
};

/** One sentence per bound the counts cross (those given); empty when the text is within every bound. */
export function markdownLimitProblems(counts: Partial<MarkdownCounts>): string[] {
  return (Object.keys(MARKDOWN_LIMITS) as Limit[])
    .filter((limit) => (counts[limit] ?? 0) > MARKDOWN_LIMITS[limit])
    .map((limit) => MESSAGES[limit](counts[limit] ?? 0, MARKDOWN_LIMITS[limit]));
}

const isSpace = (c: string | undefined) => c === " " || c === "\t";
const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
/**
 * Characters the parser must weigh: each may open or close emphasis, a link, a code span, an
 * entity or HTML, and some pairings cost far more than their length suggests (9,000 "*", a letter,
 * 9,000 "*" takes seconds), so each one counts.
 */
const MARKS = new Set(["*", "_", "~", "|", "[", "]", "`", "<", "&", "\\"]);

const EMPHASIS = new Set(["*", "_", "~"]);

/** Formatting marks in a line ("**bold**" is four, "[a](b)" is two), and how many of them are emphasis. */
function markupMarks(line: string): { marks: number; emphasis: number } {
  let marks = 0;
  let emphasis = 0;
  for (const c of line) {
    if (!MARKS.has(c)) continue;
    marks += 1;
    if (EMPHASIS.has(c)) emphasis += 1;
  }
  return { marks, emphasis };
}
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
/** The renderer's own pattern (render.mjs, which cannot be imported here: it loads the whole parser). */
export const MENTION_PATTERN = /(^|[^\w@/])@([a-z0-9_]{3,30})\b/gi;
const LINK_START = /\]\(|https?:\/\/(?:www\.)?|www\.|<[a-z][a-z0-9+.-]{1,31}:/gi;

/** Columns of leading white space (a tab reaches the next multiple of 4). */
function indentOf(line: string): number {
  let column = 0;
  for (const c of line) {
    if (c === " ") column += 1;
    else if (c === "\t") column += 4 - (column % 4);
    else break;
  }
  return column;
}

/**
 * Strips the block-quote and list markers that open a line ("> - 1. text"), and counts them:
 * each one opens a container nested in the previous one. `listColumns` are the columns where
 * each list item's content starts (where a nested item must be indented to).
 */
function containerPrefix(line: string): { markers: number; quoteMarkers: number; listColumns: number[]; rest: string } {
  let i = 0;
  let markers = 0;
  let quoteMarkers = 0;
  const listColumns: number[] = [];
  for (;;) {
    let j = i;
    while (isSpace(line[j])) j += 1;
    const c = line[j];
    if (c === ">") {
      markers += 1;
      quoteMarkers += 1;
      i = j + 1;
      continue;
    }
    if ((c === "-" || c === "*" || c === "+") && (j + 1 === line.length || isSpace(line[j + 1]))) {
      markers += 1;
      listColumns.push(j + 2);
      i = j + 1;
      continue;
    }
    let k = j;
    while (isDigit(line[k]) && k - j < 9) k += 1;
    if (k > j && (line[k] === "." || line[k] === ")") && (k + 1 === line.length || isSpace(line[k + 1]))) {
      markers += 1;
      listColumns.push(k + 2);
      i = k + 1;
      continue;
    }
    return { markers, quoteMarkers, listColumns, rest: line.slice(i) };
  }
}

/** The number of columns a GFM table delimiter row ("| --- | :-: |") declares, or 0. */
function delimiterColumns(line: string): number {
  if (!line.includes("|") || !line.includes("-")) return 0;
  let row = line.trim();
  if (row.startsWith("|")) row = row.slice(1);
  if (row.endsWith("|")) row = row.slice(0, -1);
  const cells = row.split("|");
  return cells.every((cell) => /^\s*:?-+:?\s*$/.test(cell)) ? cells.length : 0;
}

/**
 * Counts a text's costly parts in one pass over its lines, without parsing it: this runs on
 * the server's main thread, where a parser could be held for seconds. The counts are close
 * (exact for the usual ways of writing) but not the parser's own: the render worker counts the
 * parsed tree again, and its counts decide.
 */
export function countMarkdown(text: string): MarkdownCounts {
  const counts: MarkdownCounts = {
    depth: 0,
    listItems: 0,
    tableCells: 0,
    tableColumns: 0,
    links: 0,
    mentions: 0,
    lines: 0,
    markup: 0,
    emphasis: 0,
  };
  const handles = new Set<string>();
  let fence: string | null = null;
  let tableColumns = 0;
  let previous = "";
  // Content columns of the list items open around the current line: nesting by indentation.
  const open: number[] = [];
  let afterBlank = false;
  for (const line of text.split("\n")) {
    counts.lines += 1;
    const { markers, quoteMarkers, listColumns, rest } = containerPrefix(line);
    const listMarkers = listColumns.length;
    if (fence !== null) {
      if (rest.trimStart().startsWith(fence) && rest.trim().replaceAll(fence[0], "") === "") fence = null;
      continue;
    }
    const opening = FENCE.exec(rest);
    if (opening) {
      fence = opening[1];
      continue;
    }
    if (!THEMATIC_BREAK.test(line)) {
      let depth = markers;
      // An item indented to an open item's content nests in it; a less indented one closes it, as
      // does any less indented line after a blank one. (Lists inside quotes count by their markers.)
      const indent = indentOf(line);
      if ((listMarkers > 0 && quoteMarkers === 0) || (afterBlank && line.trim() !== ""))
        while (open.length > 0 && indent < open[open.length - 1]) open.pop();
      if (quoteMarkers === 0) {
        depth += listMarkers > 0 ? open.length : 0;
        open.push(...listColumns);
      }
      counts.depth = Math.max(counts.depth, depth);
      counts.listItems += listMarkers;
    }
    afterBlank = line.trim() === "";
    const columns = delimiterColumns(rest);
    if (columns > 0 && previous.includes("|")) {
      tableColumns = columns;
      counts.tableColumns = Math.max(counts.tableColumns, columns);
      counts.tableCells += columns; // the header row
    } else if (tableColumns > 0 && rest.includes("|")) {
      counts.tableCells += tableColumns;
    } else {
      tableColumns = 0;
    }
    for (const match of rest.matchAll(LINK_START)) {
      // "[text](https://…)" is one link, not two.
      if (match[0] === "](" || rest[match.index - 1] !== "(") counts.links += 1;
    }
    for (const match of rest.matchAll(MENTION_PATTERN)) handles.add(match[2].toLowerCase());
    // A thematic break ("* * *", "-----") is one mark however it is drawn.
    if (THEMATIC_BREAK.test(line)) counts.markup += 1;
    else {
      const { marks, emphasis } = markupMarks(rest);
      counts.markup += marks + (rest.startsWith("#") ? 1 : 0) + markers;
      counts.emphasis += emphasis;
    }
    previous = rest;
  }
  counts.mentions = handles.size;
  return counts;
}

/** A zod refinement for Markdown fields: every bound the text crosses, in one message. */
export function refineMarkdownLimits(
  value: string,
  ctx: { addIssue: (issue: { code: "custom"; message: string }) => void },
) {
  const problems = markdownLimitProblems(countMarkdown(value));
  if (problems.length > 0) ctx.addIssue({ code: "custom", message: problems.join(" ") });
}
