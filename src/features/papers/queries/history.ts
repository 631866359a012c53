import "server-only";
import { cache } from "react";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { type PaperSnapshot, parseSnapshot } from "../snapshot";
import { type DiffPart, wordDiff } from "../text/word-diff";
import { PERSON, paperAccessBySlug, personOf, TALLY } from "./paper-access";

export const HISTORY_PAGE_SIZE = 50;

/**
 * The section each editorial fix changed, worked out inside the database by comparing the fix's
 * snapshot with the one before it, so no snapshot text travels to the server for this list.
 */
async function editorialTargets(paperId: string, from: number, to: number) {
  const rows = await db.$queryRaw<{ number: number; heading: string }[]>`
    SELECT r.number, s.value->>'heading' AS heading
    FROM "Revision" r
    JOIN "Revision" prev ON prev."paperId" = r."paperId" AND prev.number = r.number - 1
    CROSS JOIN LATERAL jsonb_array_elements(r.snapshot->'sections') AS s(value)
    WHERE r."paperId" = ${paperId}::uuid AND r.kind = 'EDITORIAL' AND r.number BETWEEN ${from} AND ${to}
      AND NOT (prev.snapshot->'sections') @> jsonb_build_array(s.value)`;
  const byNumber = new Map<number, string[]>();
  for (const row of rows) byNumber.set(row.number, [...(byNumber.get(row.number) ?? []), row.heading]);
  return byNumber;
}

/** Every revision of a paper, newest first, 50 a page: who made it, how, and what it changed. */
export const getPaperHistory = cache(async (viewer: Actor, groupSlug: string, paperSlug: string, page: number) => {
  const { paper: facts, group } = await paperAccessBySlug(viewer, groupSlug, paperSlug);
  const paper = await db.paper.findUniqueOrThrow({
    where: { id: facts.id },
    select: { id: true, slug: true, title: true, revisionNumber: true },
  });
  const pageCount = Math.max(1, Math.ceil(paper.revisionNumber / HISTORY_PAGE_SIZE));
  const current = Math.min(page, pageCount);
  const top = paper.revisionNumber - (current - 1) * HISTORY_PAGE_SIZE;
  const bottom = Math.max(1, top - HISTORY_PAGE_SIZE + 1);
  const [revisions, fixed] = await Promise.all([
    db.revision.findMany({
      where: { paperId: paper.id, number: { gte: bottom, lte: top } },
      orderBy: { number: "desc" },
      select: {
        number: true,
        kind: true,
        reason: true,
        createdAt: true,
        author: PERSON,
        proposal: {
          select: {
            id: true,
            number: true,
            kind: true,
            baseHeading: true,
            proposedHeading: true,
            author: PERSON,
            ...TALLY,
          },
        },
      },
    }),
    editorialTargets(paper.id, bottom, top),
  ]);
  return {
    group: { slug: group.slug, name: group.name },
    paper: { id: paper.id, slug: paper.slug, title: paper.title, latest: paper.revisionNumber },
    revisions: revisions.map((r) => ({
      number: r.number,
      kind: r.kind,
      reason: r.reason,
      createdAt: r.createdAt,
      author: personOf(r.author),
      proposal: r.proposal
        ? {
            id: r.proposal.id,
            number: r.proposal.number,
            kind: r.proposal.kind,
            baseHeading: r.proposal.baseHeading,
            proposedHeading: r.proposal.proposedHeading,
            author: personOf(r.proposal.author),
            tally: {
              support: r.proposal.supportCount,
              oppose: r.proposal.opposeCount,
              abstain: r.proposal.abstainCount,
            },
          }
        : null,
      /** For editorial fixes: the headings of the sections the fix touched. */
      sectionsFixed: fixed.get(r.number) ?? [],
    })),
    page: current,
    pageCount,
  };
});

export type HistoryEntry = Awaited<ReturnType<typeof getPaperHistory>>["revisions"][number];

export type SectionComparison =
  | { status: "unchanged"; id: string; anchor: string; heading: string }
  | {
      status: "changed";
      id: string;
      anchor: string;
      heading: string;
      headingDiff: DiffPart[] | null;
      bodyDiff: DiffPart[] | null;
    }
  | { status: "added" | "removed"; id: string; anchor: string; heading: string; body: string };

export type FieldComparison = { changed: false; text: string } | { changed: true; diff: DiffPart[] };

function compareField(before: string, after: string): FieldComparison {
  return before === after ? { changed: false, text: after } : { changed: true, diff: wordDiff(before, after) };
}

/**
 * Two snapshots side by side: the front matter word by word, and the sections matched by id, in
 * the later order, each removed section placed after the section it followed before.
 */
export function compareSnapshots(from: PaperSnapshot, to: PaperSnapshot) {
  const toIds = new Set(to.sections.map((s) => s.id));
  const fromById = new Map(from.sections.map((s) => [s.id, s]));
  // Removed sections, keyed by the id of the nearest earlier section that is still there ("" = at the start).
  const removedAfter = new Map<string, SectionComparison[]>();
  let anchorId = "";
  for (const s of from.sections) {
    if (toIds.has(s.id)) {
      anchorId = s.id;
      continue;
    }
    removedAfter.set(anchorId, [
      ...(removedAfter.get(anchorId) ?? []),
      { status: "removed", id: s.id, anchor: s.anchor, heading: s.heading, body: s.body },
    ]);
  }
  const sections: SectionComparison[] = [...(removedAfter.get("") ?? [])];
  for (const s of to.sections) {
    const before = fromById.get(s.id);
    if (!before) sections.push({ status: "added", id: s.id, anchor: s.anchor, heading: s.heading, body: s.body });
    else if (before.heading === s.heading && before.body === s.body)
      sections.push({ status: "unchanged", id: s.id, anchor: s.anchor, heading: s.heading });
    else {
      sections.push({
        status: "changed",
        id: s.id,
        anchor: s.anchor,
        heading: s.heading,
        headingDiff: before.heading === s.heading ? null : wordDiff(before.heading, s.heading),
        bodyDiff: before.body === s.body ? null : wordDiff(before.body, s.body),
      });
    }
    sections.push(...(removedAfter.get(s.id) ?? []));
  }
  return {
    title: compareField(from.title, to.title),
    question: compareField(from.question, to.question),
    summary: compareField(from.summary, to.summary),
    sections,
  };
}

export type Comparison = ReturnType<typeof compareSnapshots>;

/**
 * Compares two revisions of a paper. Missing or impossible revision numbers give a message to
 * show, not an error: the person picks two revisions again.
 */
export const compareRevisions = cache(
  async (viewer: Actor, groupSlug: string, paperSlug: string, from?: number, to?: number) => {
    const { paper: facts, group } = await paperAccessBySlug(viewer, groupSlug, paperSlug);
    const paper = await db.paper.findUniqueOrThrow({
      where: { id: facts.id },
      select: { id: true, slug: true, title: true, revisionNumber: true },
    });
    const base = {
      group: { slug: group.slug, name: group.name },
      paper: { id: paper.id, slug: paper.slug, title: paper.title, latest: paper.revisionNumber },
    };
    const range = paper.revisionNumber === 1 ? "revision 1 only" : `revisions 1 to ${paper.revisionNumber}`;
    if (from === undefined || to === undefined) {
      return {
        ...base,
        result: {
          ok: false as const,
          message: `Choose two revisions to compare, by their numbers (this paper has ${range}).`,
        },
      };
    }
    const missing = [from, to].filter((n) => n > paper.revisionNumber);
    if (missing.length > 0) {
      return {
        ...base,
        result: { ok: false as const, message: `Revision ${missing[0]} does not exist: this paper has ${range}.` },
      };
    }
    if (from === to) {
      return {
        ...base,
        result: {
          ok: false as const,
          message: `Both sides are revision ${from}. Choose two different revisions to see what changed.`,
        },
      };
    }
    const rows = await db.revision.findMany({
      where: { paperId: paper.id, number: { in: [from, to] } },
      select: {
        number: true,
        kind: true,
        reason: true,
        createdAt: true,
        snapshot: true,
        author: PERSON,
        proposal: { select: { id: true, number: true } },
      },
    });
    const gone = [from, to].find((n) => !rows.some((r) => r.number === n));
    if (gone !== undefined)
      return { ...base, result: { ok: false as const, message: `Revision ${gone} could not be found.` } };
    // Both revisions were found just above.
    const rowOf = (n: number) => {
      const row = rows.find((r) => r.number === n);
      if (!row) throw new Error(`Revision ${n} was checked but is missing`);
      return row;
    };
    const meta = (n: number) => {
      const row = rowOf(n);
      return {
        number: row.number,
        kind: row.kind,
        reason: row.reason,
        createdAt: row.createdAt,
        author: personOf(row.author),
        proposal: row.proposal,
      };
    };
    const snapshot = (n: number) => parseSnapshot(rowOf(n).snapshot);
    return {
      ...base,
      result: {
        ok: true as const,
        from: meta(from),
        to: meta(to),
        comparison: compareSnapshots(snapshot(from), snapshot(to)),
      },
    };
  },
);
