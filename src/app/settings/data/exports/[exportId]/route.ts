import { getExportForDownload } from "@/features/privacy/data-export/queries";
import { getCurrentUser } from "@/server/auth/current-user";
import { isAppError } from "@/server/errors";
import { routeParams } from "@/server/route-params";

const notFound = () =>
  new Response("Not found", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });

// Downloads one prepared archive. Only its owner gets it; to anyone else (another member, a site
// admin, a visitor) it does not exist.
export async function GET(_request: Request, { params }: { params: Promise<{ exportId: string }> }) {
  const valid = await routeParams(params, { exportId: "uuid" });
  if (!valid) return notFound();
  try {
    const { archive, filename } = await getExportForDownload(await getCurrentUser(), valid.exportId);
    return new Response(archive, {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Content-Length": String(archive.length),
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") return notFound();
    throw error;
  }
}
