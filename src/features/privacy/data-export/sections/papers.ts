import "server-only";
import { parseSnapshot } from "@/features/papers/snapshot";
import { historyPath, paperPath } from "@/lib/paths";
import { db } from "@/server/db";
import { afterId, groupOf, oldestFirst, section } from "../section";

// Parts of a member's archive (see ../sections.ts for what may go in one, and the list of files).

const paperOf = (p: { title: string; slug: string; group: { slug: string; name: string } }) => ({
  title: p.title,
  url: paperPath(p.group.slug, p.slug),
  group: groupOf(p.group),
});

/** Papers the member started, each with its first draft: revision 1 is all the starter's words. */
export const papersStarted = section({
  covers: ["Paper.createdBy"],
  count: (userId) => db.paper.count({ where: { createdById: userId } }),
  batch: (userId, after, take) =>
    db.paper.findMany({
      where: { createdById: userId, ...afterId(after) },
      orderBy: oldestFirst,
      take,
      select: {
        id: true,
        slug: true,
        title: true,
        question: true,
        status: true,
        revisionNumber: true,
        createdAt: true,
        group: { select: { slug: true, name: true } },
        revisions: { where: { number: 1 }, select: { snapshot: true } },
      },
    }),
  cursorOf: (p) => ({ at: p.createdAt, key: p.id }),
  record: (p) => {
    const first = p.revisions[0];
    const draft = first ? parseSnapshot(first.snapshot) : null;
    return {
      id: p.id,
      ...paperOf(p),
      titleNow: p.title,
      questionNow: p.question,
      status: p.status,
      revisions: p.revisionNumber,
      startedAt: p.createdAt,
      firstDraft: draft
        ? {
            title: draft.title,
            question: draft.question,
            summary: draft.summary,
            sections: draft.sections.map((s) => ({ heading: s.heading, text: s.body })),
          }
        : null,
    };
  },
});

/** Every revision of a paper the member made: first drafts, merged proposals, editorial fixes. */
export const revisionsMade = section({
  covers: ["Revision.author"],
  count: (userId) => db.revision.count({ where: { authorId: userId } }),
  batch: (userId, after, take) =>
    db.revision.findMany({
      where: { authorId: userId, ...afterId(after) },
      orderBy: oldestFirst,
      take,
      select: {
        id: true,
        number: true,
        kind: true,
        reason: true,
        proposalId: true,
        createdAt: true,
        paper: { select: { title: true, slug: true, group: { select: { slug: true, name: true } } } },
      },
    }),
  cursorOf: (r) => ({ at: r.createdAt, key: r.id }),
  record: (r) => ({
    id: r.id,
    paper: { ...paperOf(r.paper), history: historyPath(r.paper.group.slug, r.paper.slug) },
    revision: r.number,
    kind: r.kind,
    reason: r.reason,
    fromProposal: r.proposalId,
    madeAt: r.createdAt,
  }),
  csv: {
    columns: ["id", "made_at", "group", "paper_title", "revision", "kind", "proposal_id", "reason"],
    row: (r) => [r.id, r.createdAt, r.paper.group.name, r.paper.title, r.number, r.kind, r.proposalId, r.reason],
  },
});
