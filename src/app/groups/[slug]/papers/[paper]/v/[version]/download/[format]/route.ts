import { publicationDownload } from "@/features/publishing/exports/download";
import { isExportFormat } from "@/features/publishing/exports/formats";
import { isAppError } from "@/server/errors";
import { logError } from "@/server/log";
import { routeParams } from "@/server/route-params";
import { originVaryHeaders, requestOrigin } from "@/server/site-origin";

// GET …/v/{version}/download/{markdown|html|pdf}: a published version as a file. Public, like the
// version itself; immutable, so browsers and shared caches keep it for a year (see the ETag).

type Params = { slug: string; paper: string; version: string; format: string };

const plain = (message: string, status: number) =>
  new Response(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });

export async function GET(request: Request, { params }: { params: Promise<Params> }) {
  const valid = await routeParams(params, { slug: "slug", paper: "slug", version: "version", format: "slug" });
  if (!valid) return plain("That version was not found.", 404);
  const { slug, paper, version, format } = valid;
  if (!isExportFormat(format)) return plain("Downloads come as markdown, html or pdf.", 404);
  try {
    const download = await publicationDownload(slug, paper, Number(version), format, requestOrigin(request));
    // A commissioned report awaiting its organisation's response may change once: revalidate it.
    const cacheHeaders = {
      ...originVaryHeaders(),
      ETag: download.etag,
      "Cache-Control": download.final ? "public, max-age=31536000, immutable" : "public, no-cache",
    };
    if (
      request.headers
        .get("if-none-match")
        ?.split(/\s*,\s*/)
        .includes(download.etag)
    )
      return new Response(null, { status: 304, headers: cacheHeaders });
    const file = await download.file();
    return new Response(file as BodyInit, {
      headers: {
        ...cacheHeaders,
        "Content-Type": download.contentType,
        // Sent so the download button can show how far along it is.
        "Content-Length": String(file.byteLength),
        // The same, for when a compressing proxy drops Content-Length: the page counts decoded bytes.
        "X-File-Size": String(file.byteLength),
        "Content-Disposition": `attachment; filename="${download.filename}"`,
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (isAppError(error)) return plain(error.message, error.status);
    logError("export failed", error);
    return plain("Something went wrong on our side while making the file; please try again.", 500);
  }
}
