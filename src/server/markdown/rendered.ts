import "server-only";
import { createHash } from "node:crypto";
import { countMarkdown, markdownLimitProblems, plainTextHtml } from "@/lib/markdown";
import { db } from "../db";
import { AppError, invalid } from "../errors";
import { logError } from "../log";
import { assertUnderLimit, countFailure } from "../rate-limit";
import { type RenderOutcome, renderInWorker } from "./worker-pool";

// Members' Markdown is rendered once and stored (the "cooked" text of Discourse): when it is
// written, with the complexity limits enforced and a message for every field that crosses one;
// or, for text stored before (or by a renderer version older than) this one, on its first view.
// Either way the render runs on a worker thread with a time budget, and pages read stored HTML.

/** Bump when render.mjs changes its output: every text is rendered again on its next view. */
export const RENDERER_VERSION = 1;
const DEFAULT_HEADING_OFFSET = 2;

export type MarkdownText = { markdown: string; headingOffset?: number };
type Input = string | MarkdownText;

const normalise = (input: Input) =>
  typeof input === "string"
    ? { markdown: input, headingOffset: DEFAULT_HEADING_OFFSET }
    : { markdown: input.markdown, headingOffset: input.headingOffset ?? DEFAULT_HEADING_OFFSET };

function keyOf({ markdown, headingOffset }: { markdown: string; headingOffset: number }): string {
  return createHash("sha256").update(`${RENDERER_VERSION}:${headingOffset}:${markdown}`).digest("hex");
}

const TOO_COMPLEX = "This text is too complex to format. Simplify its lists, quotes, tables or links.";
const BUSY = "The server is busy formatting other texts, so nothing was saved. Please try again in a moment.";
const BUSY_NOTICE = "This text is shown without formatting for now: the server is busy. Reload the page in a moment.";

type Stored = { key: string; html: string; plain: boolean };

async function store(rows: Stored[]) {
  if (rows.length === 0) return;
  try {
    await db.renderedMarkdown.createMany({
      data: rows.map((r) => ({ ...r, version: RENDERER_VERSION })),
      skipDuplicates: true,
    });
  } catch (error) {
    // Only a cache: the next view renders the text again.
    logError("could not store rendered Markdown", error);
  }
}

/** Problems with the text's complexity from the renderer's own counts, if it rendered. */
function outcomeProblems(outcome: RenderOutcome): string[] {
  if (!outcome.ok) return outcome.reason === "too-complex" ? [TOO_COMPLEX] : [];
  return markdownLimitProblems({ ...outcome.stats, mentions: outcome.mentions.length });
}

/**
 * For pages: the sanitised HTML of each text, in order, in one query. A text not rendered yet is
 * rendered now on the worker and stored; one that crosses the limits, or that the worker gives up
 * on, is stored as plain text with a notice, so no text is ever rendered on every view.
 */
export async function renderedHtml(inputs: Input[]): Promise<string[]> {
  const texts = inputs.map(normalise);
  const keys = texts.map((t) => (t.markdown.trim() === "" ? "" : keyOf(t)));
  const wanted = [...new Set(keys.filter(Boolean))];
  const found = new Map<string, string>();
  if (wanted.length > 0) {
    const rows = await db.renderedMarkdown.findMany({
      where: { key: { in: wanted } },
      select: { key: true, html: true },
    });
    for (const row of rows) found.set(row.key, row.html);
  }
  const missing = wanted.filter((key) => !found.has(key));
  if (missing.length > 0) {
    const fresh: Stored[] = [];
    await Promise.all(
      missing.map(async (key) => {
        const text = texts[keys.indexOf(key)];
        const rendered = await renderForDisplay(text.markdown, text.headingOffset);
        found.set(key, rendered.html);
        if (rendered.keep) fresh.push({ key, html: rendered.html, plain: rendered.plain });
      }),
    );
    await store(fresh);
  }
  return keys.map((key) => {
    if (!key) return "";
    const html = found.get(key);
    // Every key was either found stored or rendered just above.
    if (html === undefined) throw new Error(`No HTML for rendered text ${key}`);
    return html;
  });
}

/** One text's HTML: see renderedHtml. */
export async function renderedHtmlOf(input: Input): Promise<string> {
  return (await renderedHtml([input]))[0];
}

async function renderForDisplay(
  markdown: string,
  headingOffset: number,
): Promise<{ html: string; plain: boolean; keep: boolean }> {
  if (markdownLimitProblems(countMarkdown(markdown)).length > 0)
    return { html: plainTextHtml(markdown), plain: true, keep: true };
  const outcome = await renderInWorker(markdown, headingOffset);
  if (!outcome.ok && outcome.reason === "busy")
    return { html: plainTextHtml(markdown, BUSY_NOTICE), plain: true, keep: false };
  if (!outcome.ok || outcomeProblems(outcome).length > 0)
    return { html: plainTextHtml(markdown), plain: true, keep: true };
  return { html: outcome.html, plain: false, keep: true };
}

export type RenderedField = { html: string; mentions: string[] };

export type RenderedForWrite<K extends string> = {
  fields: Record<K, RenderedField>;
  /** Stores the HTML for the first view; call it once the write has committed (a refused write stores nothing). */
  save: () => Promise<void>;
};

/**
 * For writes, before the transaction: renders every field on the worker and checks it against
 * the limits, or refuses them all at once (a VALIDATION error with a message for each field that
 * fails, keyed by the form's field names). Posts keep their HTML on the row; other texts are
 * stored by `save()` after the write, so the first view reads them too (a view that finds one
 * missing renders it then).
 */
export async function renderForWrite<K extends string>(
  fields: Record<K, Input>,
  { by }: { by: string },
): Promise<RenderedForWrite<K>> {
  const names = Object.keys(fields) as K[];
  const texts = names.map((name) => normalise(fields[name]));
  const fieldErrors: Record<string, string> = {};
  const toRender: number[] = [];
  texts.forEach((text, i) => {
    if (text.markdown.trim() === "") return;
    const early = markdownLimitProblems(countMarkdown(text.markdown));
    if (early.length > 0) fieldErrors[names[i]] = early.join(" ");
    else toRender.push(i);
  });
  const outcomes: (RenderOutcome | null)[] = texts.map(() => null);
  if (toRender.length > 0 && Object.keys(fieldErrors).length === 0) {
    // The worker is shared: someone whose texts it keeps giving up on is stopped before rendering.
    // Only texts it gave up on count: reserving a strike for every render refused fine texts sent
    // at once as "too complex" (stranger test). How much one person can send at once is bounded by
    // the posting and preview limits, and the worker's queue answers "busy" beyond its size.
    await assertUnderLimit("slowRender", by);
    const rendered = await Promise.all(toRender.map((i) => renderInWorker(texts[i].markdown, texts[i].headingOffset)));
    for (const [k, i] of toRender.entries()) outcomes[i] = rendered[k];
    if (rendered.some((o) => !o.ok && o.reason === "too-complex")) await countFailure("slowRender", by);
  }
  let busy = false;
  outcomes.forEach((outcome, i) => {
    if (!outcome) return;
    if (!outcome.ok && outcome.reason === "busy") busy = true;
    const problems = outcomeProblems(outcome);
    if (problems.length > 0) fieldErrors[names[i]] = problems.join(" ");
  });
  if (Object.keys(fieldErrors).length > 0) throw invalid("Please correct the highlighted fields.", fieldErrors);
  if (busy) throw new AppError("BUSY", BUSY);

  const result = {} as Record<K, RenderedField>;
  const rows: Stored[] = [];
  names.forEach((name, i) => {
    const outcome = outcomes[i];
    if (!outcome?.ok) {
      result[name] = { html: "", mentions: [] };
      return;
    }
    result[name] = { html: outcome.html, mentions: outcome.mentions };
    rows.push({ key: keyOf(texts[i]), html: outcome.html, plain: false });
  });
  return { fields: result, save: () => store(rows) };
}

/** Drops HTML made by older renderer versions (the pruning job). */
export async function pruneRenderedMarkdown(): Promise<number> {
  const { count } = await db.renderedMarkdown.deleteMany({ where: { version: { not: RENDERER_VERSION } } });
  return count;
}
