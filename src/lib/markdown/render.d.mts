// Types for render.mjs (plain JavaScript: it doubles as the render worker's entry).

export declare const MENTION: RegExp;

/** What a text contains, counted on its parsed tree. */
export type MarkdownStats = {
  /** Deepest nesting of lists and block quotes inside each other (0: none). */
  depth: number;
  listItems: number;
  tableCells: number;
  /** The widest table row. */
  tableColumns: number;
  /** Links, link references and images. */
  links: number;
};

export type RenderedMarkdown = { html: string; mentions: string[]; stats: MarkdownStats };

export declare function renderMarkdown(markdown: string, options?: { headingOffset?: number }): RenderedMarkdown;

/** A message to the render worker, and its answer. */
export type RenderRequest = { id: number; markdown: string; headingOffset: number };
export type RenderResponse =
  | ({ id: number; ok: true } & RenderedMarkdown)
  | { id: number; ok: false; error: string }
  /** Sent once, when the worker has loaded and warmed the renderer. */
  | { ready: true };
