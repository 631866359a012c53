import "server-only";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";

/** Whether the viewer follows the paper (null when signed out: there is nothing to follow with). */
export async function followsPaper(viewer: Actor, paperId: string): Promise<boolean | null> {
  if (!viewer) return null;
  const row = await db.paperFollow.findUnique({
    where: { paperId_userId: { paperId, userId: viewer.id } },
    select: { mutedAt: true },
  });
  return !!row && !row.mutedAt;
}
