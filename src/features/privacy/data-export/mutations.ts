import "server-only";
import type { Actor } from "@/server/authz/permissions";
import { assertSelf } from "@/server/authz/refusals";
import { db, type Tx } from "@/server/db";
import { conflict } from "@/server/errors";
import { enqueue } from "@/server/jobs/scheduler";
import { consumeLimit } from "@/server/rate-limit";
import { PREPARE_DATA_EXPORT_QUEUE } from "./queue";

const ALREADY_PREPARING = "Your archive is already being prepared. It will be listed below as soon as it is ready.";

/**
 * Asks for a data archive: a QUEUED row, and a "prepare-data-export" job that a process running
 * background jobs picks up (see buildDataExport). One request at a time per member, and at most
 * a few a day (the "export" rate limit). The archive is never built here, in the request.
 */
export async function requestDataExport(actor: Actor) {
  // A copy of one's data is a right a suspension does not take away.
  const me = assertSelf(actor, "account.exportData");
  const pending = (client: typeof db | Tx) =>
    client.dataExport.findFirst({
      where: { userId: me.id, status: { in: ["QUEUED", "RUNNING"] } },
      select: { id: true },
    });

  // A second click while one is on its way costs nothing from the daily limit.
  if (await pending(db)) throw conflict(ALREADY_PREPARING);
  await consumeLimit("export", me.id);

  const created = await db.$transaction(async (tx) => {
    // The member's row lock makes "check, then create" one step against concurrent requests.
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${me.id}::uuid FOR UPDATE`;
    if (await pending(tx)) throw conflict(ALREADY_PREPARING);
    return tx.dataExport.create({ data: { userId: me.id }, select: { id: true, status: true, createdAt: true } });
  });

  try {
    await enqueue(PREPARE_DATA_EXPORT_QUEUE, { exportId: created.id });
  } catch (error) {
    // Without its job the row would wait forever: take it back, so nothing was saved.
    await db.dataExport.delete({ where: { id: created.id } }).catch(() => undefined);
    throw error;
  }
  return created;
}
