import "server-only";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { notFound, unauthenticated } from "@/server/errors";
import { ZExportId } from "./schemas";

export type DataExportStatus = "QUEUED" | "RUNNING" | "READY" | "FAILED";

export type DataExportSummary = {
  id: string;
  status: DataExportStatus;
  progress: number;
  error: string | null;
  createdAt: Date;
  completedAt: Date | null;
  expiresAt: Date | null;
  /** Size of the archive in bytes, once READY. */
  size: number | null;
};

/** The member's own archives and requests, newest first; expired ones are gone even before the task deletes them. */
export async function listMyExports(actor: Actor, now = new Date()): Promise<DataExportSummary[]> {
  if (!actor) throw unauthenticated();
  // The archive's size without reading the archive itself.
  return db.$queryRaw<DataExportSummary[]>`
    SELECT id, status::text AS status, progress, error, "createdAt", "completedAt", "expiresAt", octet_length(archive) AS size
      FROM "DataExport"
     WHERE "userId" = ${actor.id}::uuid AND ("expiresAt" IS NULL OR "expiresAt" > ${now})
     ORDER BY "createdAt" DESC
     LIMIT 10`;
}

/**
 * A READY, unexpired archive for download, to its owner only. Anyone else (another member, a
 * site admin, a visitor) is told it does not exist, exactly as for an id that does not.
 */
export async function getExportForDownload(actor: Actor, exportId: string, now = new Date()) {
  const id = ZExportId.safeParse(exportId);
  if (!actor || !id.success) throw notFound("That archive");
  const found = await db.dataExport.findFirst({
    where: { id: id.data, userId: actor.id, status: "READY", expiresAt: { gt: now } },
    select: { archive: true, completedAt: true },
  });
  if (!found?.archive) throw notFound("That archive");
  const day = (found.completedAt ?? now).toISOString().slice(0, 10);
  return { archive: found.archive, filename: `policy-commons-data-${day}.zip` };
}
