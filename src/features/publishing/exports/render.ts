import type { ExportDocument } from "./document";
import type { ExportFormat } from "./formats";
import { toHtml } from "./html";
import { exportHtml } from "./html-parts";
import { toMarkdown } from "./markdown";
import { toPdf } from "./pdf";

export async function renderExport(format: ExportFormat, doc: ExportDocument): Promise<Uint8Array> {
  if (format === "pdf") return toPdf(doc);
  return new TextEncoder().encode(format === "html" ? toHtml(doc, await exportHtml(doc)) : toMarkdown(doc));
}
