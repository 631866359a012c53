import "server-only";
import type { RevisionKind } from "@/generated/prisma/enums";
import { slugify, uniqueSlug } from "@/lib/slug";
import type { Tx } from "@/server/db";
import { notFound } from "@/server/errors";
import { type PaperChange, snapshotAfter } from "./apply-proposal";
import { type PaperSnapshot, snapshotOf } from "./snapshot";
import { carryRuns, freshRuns, parseRuns } from "./text/provenance";

/**
 * Locks the paper row for the rest of the transaction. Every change to a paper's text takes this
 * lock first, so merges, editorial fixes and proposal numbering happen one at a time per paper.
 */
export async function lockPaper(tx: Tx, paperId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Paper" WHERE id = ${paperId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw notFound("That paper");
}

/** The paper's current text, read inside the transaction that holds its lock. */
export async function currentText(tx: Tx, paperId: string) {
  const paper = await tx.paper.findUniqueOrThrow({
    where: { id: paperId },
    select: { id: true, title: true, question: true, summary: true, revisionNumber: true, groupId: true },
  });
  const sections = await tx.section.findMany({
    where: { paperId, removedAt: null },
    orderBy: { position: "asc" },
    select: { id: true, anchor: true, heading: true, body: true, provenance: true },
  });
  return { paper, sections, snapshot: snapshotOf(paper, sections) };
}

export async function anchorFor(tx: Tx, paperId: string, heading: string) {
  const base = slugify(heading, 50);
  const taken = await tx.section.findMany({
    where: { paperId, anchor: { startsWith: base } },
    select: { anchor: true },
  });
  return uniqueSlug(
    base,
    taken.map((s) => s.anchor),
  );
}

/**
 * Writes a change as the paper's next revision: the section rows, their provenance, the paper's
 * counters and the snapshot, all in the caller's transaction (which holds the paper lock).
 */
export async function writeRevision(
  tx: Tx,
  state: Awaited<ReturnType<typeof currentText>>,
  change: PaperChange,
  meta: { kind: RevisionKind; authorId: string | null; proposalId?: string; reason?: string },
) {
  const number = state.paper.revisionNumber + 1;
  const paperId = state.paper.id;
  let added: { id: string; anchor: string } | undefined;

  switch (change.kind) {
    case "FRONT_MATTER":
      await tx.paper.update({
        where: { id: paperId },
        data: { title: change.title, question: change.question, summary: change.summary },
        select: { id: true },
      });
      break;
    case "AMEND_SECTION": {
      const before = state.sections.find((s) => s.id === change.sectionId);
      if (!before) throw notFound("That section");
      const provenance = carryRuns(before.body, parseRuns(before.provenance), change.body, number);
      await tx.section.update({
        where: { id: change.sectionId },
        data: { heading: change.heading, body: change.body, provenance },
        select: { id: true },
      });
      break;
    }
    case "REMOVE_SECTION":
      await tx.section.update({
        where: { id: change.sectionId },
        data: { removedAt: new Date() },
        select: { id: true },
      });
      break;
    case "ADD_SECTION": {
      const anchor = await anchorFor(tx, paperId, change.heading);
      const created = await tx.section.create({
        data: {
          paperId,
          anchor,
          position: 0,
          heading: change.heading,
          body: change.body,
          provenance: freshRuns(change.body, number),
        },
        select: { id: true, anchor: true },
      });
      added = created;
      break;
    }
  }

  const snapshot: PaperSnapshot = snapshotAfter(state.snapshot, change, added);
  if (change.kind === "ADD_SECTION" || change.kind === "REMOVE_SECTION") {
    // Positions follow the snapshot's order: 1..n over the sections still in the paper.
    // In turn, not Promise.all: the transaction's one connection runs one query at a time.
    for (const [i, s] of snapshot.sections.entries())
      await tx.section.update({ where: { id: s.id }, data: { position: i + 1 }, select: { id: true } });
  }
  await tx.paper.update({ where: { id: paperId }, data: { revisionNumber: number }, select: { id: true } });
  await tx.revision.create({
    data: {
      paperId,
      number,
      kind: meta.kind,
      authorId: meta.authorId,
      proposalId: meta.proposalId,
      reason: meta.reason ?? "",
      snapshot,
    },
    select: { id: true },
  });
  return { number, addedSectionId: added?.id };
}
