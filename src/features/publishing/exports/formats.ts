// The download formats and how each is served. No writers here: the page's download buttons
// import this, and must not pull the PDF library in.

export const EXPORT_FORMATS = ["markdown", "html", "pdf"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const isExportFormat = (value: string): value is ExportFormat =>
  (EXPORT_FORMATS as readonly string[]).includes(value);

export const FORMAT_FILES: Record<ExportFormat, { contentType: string; extension: string; label: string }> = {
  markdown: { contentType: "text/markdown; charset=utf-8", extension: "md", label: "Markdown" },
  html: { contentType: "text/html; charset=utf-8", extension: "html", label: "HTML" },
  pdf: { contentType: "application/pdf", extension: "pdf", label: "PDF" },
};

/**
 * Bumped whenever any writer's output changes, so ETags (and the year-long browser caches keyed
 * by them) move to the new files even though the publication itself never changes.
 */
export const EXPORT_REVISION = 3;
