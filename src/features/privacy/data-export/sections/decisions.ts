import "server-only";
import { paperPath, proposalPath } from "@/lib/paths";
import { db } from "@/server/db";
import { afterId, groupOf, oldestFirst, section } from "../section";

// Parts of a member's archive (see ../sections.ts for what may go in one, and the list of files).

export const proposals = section({
  count: (userId) => db.proposal.count({ where: { authorId: userId } }),
  batch: (userId, after, take) =>
    db.proposal.findMany({
      where: { authorId: userId, ...afterId(after) },
      orderBy: oldestFirst,
      take,
      select: {
        id: true,
        number: true,
        kind: true,
        status: true,
        statusNote: true,
        rationale: true,
        version: true,
        baseRevisionNumber: true,
        position: true,
        baseHeading: true,
        proposedHeading: true,
        proposedText: true,
        proposedTitle: true,
        proposedQuestion: true,
        proposedSummary: true,
        supportCount: true,
        opposeCount: true,
        abstainCount: true,
        closesAt: true,
        closedAt: true,
        createdAt: true,
        updatedAt: true,
        paper: { select: { title: true, slug: true, group: { select: { slug: true, name: true } } } },
      },
    }),
  cursorOf: (p) => ({ at: p.createdAt, key: p.id }),
  record: (p) => ({
    id: p.id,
    url: proposalPath(p.id),
    number: p.number,
    paper: { title: p.paper.title, url: paperPath(p.paper.group.slug, p.paper.slug) },
    group: groupOf(p.paper.group),
    kind: p.kind,
    status: p.status,
    statusNote: p.statusNote,
    rationale: p.rationale,
    version: p.version,
    againstRevision: p.baseRevisionNumber,
    section: p.baseHeading,
    position: p.position,
    proposed: {
      heading: p.proposedHeading,
      text: p.proposedText,
      title: p.proposedTitle,
      question: p.proposedQuestion,
      summary: p.proposedSummary,
    },
    tally: { support: p.supportCount, oppose: p.opposeCount, abstain: p.abstainCount },
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    votingClosesAt: p.closesAt,
    closedAt: p.closedAt,
  }),
  csv: {
    columns: [
      "id",
      "created_at",
      "group",
      "paper_title",
      "number",
      "kind",
      "status",
      "support",
      "oppose",
      "abstain",
      "closes_at",
      "closed_at",
      "url",
      "rationale",
    ],
    row: (p) => [
      p.id,
      p.createdAt,
      p.paper.group.name,
      p.paper.title,
      p.number,
      p.kind,
      p.status,
      p.supportCount,
      p.opposeCount,
      p.abstainCount,
      p.closesAt,
      p.closedAt,
      proposalPath(p.id),
      p.rationale,
    ],
  },
});

export const votes = section({
  count: (userId) => db.vote.count({ where: { userId } }),
  batch: (userId, after, take) =>
    db.vote.findMany({
      where: { userId, ...afterId(after) },
      orderBy: oldestFirst,
      take,
      select: {
        id: true,
        choice: true,
        reason: true,
        proposalVersion: true,
        perspective: true,
        createdAt: true,
        updatedAt: true,
        proposal: {
          select: {
            id: true,
            number: true,
            paper: { select: { title: true, group: { select: { slug: true, name: true } } } },
          },
        },
      },
    }),
  cursorOf: (v) => ({ at: v.createdAt, key: v.id }),
  record: (v) => ({
    id: v.id,
    proposal: {
      id: v.proposal.id,
      number: v.proposal.number,
      url: proposalPath(v.proposal.id),
      version: v.proposalVersion,
    },
    paperTitle: v.proposal.paper.title,
    group: groupOf(v.proposal.paper.group),
    choice: v.choice,
    reason: v.reason,
    yourPerspectiveWhenVoting: v.perspective,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  }),
  csv: {
    columns: [
      "id",
      "created_at",
      "updated_at",
      "group",
      "paper_title",
      "proposal_number",
      "proposal_version",
      "choice",
      "perspective",
      "url",
      "reason",
    ],
    row: (v) => [
      v.id,
      v.createdAt,
      v.updatedAt,
      v.proposal.paper.group.name,
      v.proposal.paper.title,
      v.proposal.number,
      v.proposalVersion,
      v.choice,
      v.perspective,
      proposalPath(v.proposal.id),
      v.reason,
    ],
  },
});

/** Papers the member follows (or followed and muted: unfollowing keeps the row, so taking part does not re-follow). */
export const papersFollowed = section({
  count: (userId) => db.paperFollow.count({ where: { userId } }),
  batch: (userId, after, take) =>
    db.paperFollow.findMany({
      where: {
        userId,
        ...(after
          ? { OR: [{ createdAt: { gt: after.at } }, { createdAt: after.at, paperId: { gt: after.key } }] }
          : {}),
      },
      orderBy: [{ createdAt: "asc" }, { paperId: "asc" }],
      take,
      select: {
        paperId: true,
        createdAt: true,
        mutedAt: true,
        paper: { select: { title: true, slug: true, group: { select: { slug: true, name: true } } } },
      },
    }),
  cursorOf: (f) => ({ at: f.createdAt, key: f.paperId }),
  record: (f) => ({
    paperId: f.paperId,
    title: f.paper.title,
    url: paperPath(f.paper.group.slug, f.paper.slug),
    group: groupOf(f.paper.group),
    followingSince: f.createdAt,
    unfollowedAt: f.mutedAt,
  }),
});
