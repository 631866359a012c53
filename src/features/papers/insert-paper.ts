import "server-only";
import { slugify, uniqueSlug } from "@/lib/slug";
import type { Tx } from "@/server/db";
import { withSlugRetry } from "@/server/slug-retry";
import { followPaperIn } from "./follow";
import { snapshotOf } from "./snapshot";
import { freshRuns } from "./text/provenance";

export type NewPaper = {
  title: string;
  question: string;
  summary: string;
  sections: { heading: string; body: string }[];
  authorId: string | null;
  /** Commissioned papers wait for the group to take them on. */
  status?: "DRAFTING" | "AWAITING_ACCEPTANCE";
  commissionId?: string;
};

/** Writes a paper, its sections and revision 1 inside the caller's transaction. */
export async function insertPaperIn(tx: Tx, group: { id: string; slug: string }, paper: NewPaper) {
  const base = slugify(paper.title);
  const taken = await tx.paper.findMany({
    where: { groupId: group.id, slug: { startsWith: base } },
    select: { slug: true },
  });
  const slug = uniqueSlug(
    base,
    taken.map((p) => p.slug),
  );
  const created = await tx.paper.create({
    data: {
      groupId: group.id,
      slug,
      title: paper.title,
      question: paper.question,
      summary: paper.summary,
      createdById: paper.authorId,
      status: paper.status ?? "DRAFTING",
      commissionId: paper.commissionId,
    },
    select: { id: true, slug: true },
  });
  const anchors: string[] = [];
  const sections = [];
  for (const [i, section] of paper.sections.entries()) {
    const anchor = uniqueSlug(slugify(section.heading, 50), anchors);
    anchors.push(anchor);
    sections.push(
      await tx.section.create({
        data: {
          paperId: created.id,
          anchor,
          position: i + 1,
          heading: section.heading,
          body: section.body,
          provenance: freshRuns(section.body, 1),
        },
        select: { id: true, anchor: true, heading: true, body: true },
      }),
    );
  }
  await tx.revision.create({
    data: {
      paperId: created.id,
      number: 1,
      kind: "INITIAL",
      authorId: paper.authorId,
      snapshot: snapshotOf(paper, sections),
    },
    select: { id: true },
  });
  await tx.group.update({ where: { id: group.id }, data: { paperCount: { increment: 1 } }, select: { id: true } });
  // The starter hears of every proposal on their paper, unless they unfollow it.
  if (paper.authorId) await followPaperIn(tx, created.id, paper.authorId);
  return { paperId: created.id, slug: created.slug, groupSlug: group.slug };
}

/** Writes a paper, its sections and revision 1, or nothing. */
export function insertPaper(group: { id: string; slug: string }, paper: NewPaper) {
  return withSlugRetry((tx) => insertPaperIn(tx, group, paper));
}
