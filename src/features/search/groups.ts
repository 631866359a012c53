import "server-only";
import { db } from "@/server/db";

/** Groups worth filtering a search by: open groups and any group with a published paper (bounded). */
export async function listSearchGroups() {
  return db.group.findMany({
    where: { OR: [{ joinPolicy: "OPEN" }, { papers: { some: { publications: { some: {} } } } }] },
    orderBy: { name: "asc" },
    take: 200,
    select: { slug: true, name: true },
  });
}
