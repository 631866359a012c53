import "server-only";
import { createHash } from "node:crypto";
import { findPublicationResponse, loadPublication } from "../queries/publication";
import { cachedFile } from "./cache";
import { exportDocumentOf } from "./document";
import { EXPORT_REVISION, type ExportFormat, FORMAT_FILES } from "./formats";
import { renderExport } from "./render";

/**
 * A published version as a downloadable file. The ETag is known before the file is made (it
 * names the immutable publication, the format, the writers' revision, the site address and, for a
 * commissioned report, the organisation's response), so a browser that already has the file gets
 * a 304 without any PDF being generated. A commissioned report with no response yet is not
 * `final`: its file changes once, when the response arrives.
 */
export async function publicationDownload(
  groupSlug: string,
  paperSlug: string,
  version: number,
  format: ExportFormat,
  origin: string,
) {
  const publication = await loadPublication(groupSlug, paperSlug, version);
  const commissioned = publication.commissionCredit !== null;
  const response = commissioned ? await findPublicationResponse(publication.id) : null;
  const originTag = createHash("sha256").update(origin).digest("hex").slice(0, 8);
  const responseTag = response ? `-x${response.id.slice(0, 8)}` : "";
  const etag = `"pub-${publication.id}-${format}-r${EXPORT_REVISION}-${originTag}${responseTag}"`;
  const doc = exportDocumentOf(publication, origin, response);
  const { contentType, extension } = FORMAT_FILES[format];
  return {
    etag,
    contentType,
    filename: `${doc.fileStem}.${extension}`,
    final: !commissioned || response !== null,
    file: () => cachedFile(etag, () => renderExport(format, doc)),
  };
}
