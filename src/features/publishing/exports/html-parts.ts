import "server-only";
import { renderedHtml } from "@/server/markdown/rendered";
import type { ExportDocument } from "./document";
import type { ExportHtml } from "./html";

/** The Markdown parts of an export as sanitised HTML, read (or rendered once) in one go. */
export async function exportHtml(doc: ExportDocument): Promise<ExportHtml> {
  const c = doc.commission;
  const parts = await renderedHtml([
    ...doc.sections.map((s) => s.body),
    { markdown: c?.disclosure ?? "", headingOffset: 3 },
    c?.response?.body ?? "",
  ]);
  const n = doc.sections.length;
  return { sections: parts.slice(0, n), disclosure: parts[n], response: parts[n + 1] };
}
