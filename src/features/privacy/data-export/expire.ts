import "server-only";
import { db } from "@/server/db";
import { ARCHIVE_DAYS } from "./readme";

/** Archives, and failed attempts, are kept this long after they finish. */
export const expiryFrom = (date: Date) => new Date(date.getTime() + ARCHIVE_DAYS * 24 * 60 * 60 * 1000);

/** A request no worker finished within this time is given up (the job was lost, or no process runs jobs). */
const GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * The periodic task "expire-data-exports": deletes archives (and failed attempts) past their
 * expiry date, and marks requests that never finished as failed so the member can ask again.
 */
export async function expireDataExports(now = new Date()) {
  const gaveUp = await db.dataExport.updateMany({
    where: { status: { in: ["QUEUED", "RUNNING"] }, createdAt: { lt: new Date(now.getTime() - GIVE_UP_AFTER_MS) } },
    data: {
      status: "FAILED",
      error: "This archive was not prepared in time. Please ask for a new one.",
      archive: null,
      completedAt: now,
      expiresAt: expiryFrom(now),
    },
  });
  const deleted = await db.dataExport.deleteMany({ where: { expiresAt: { lte: now } } });
  return { deleted: deleted.count, gaveUp: gaveUp.count };
}
