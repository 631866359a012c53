import "server-only";
import { z } from "zod";
import { assertDrafting, loadPaperAccess } from "@/features/papers/access";
import { PAPER_LIMITS } from "@/features/papers/limits";
import { mergeLine, mergeText } from "@/features/papers/text/merge";
import { formatDate } from "@/lib/dates";
import { isParamOfShape } from "@/lib/route-params";
import type { Actor, MembershipFacts } from "@/server/authz/permissions";
import { assertInGroup } from "@/server/authz/refusals";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { loadProposalAccess } from "../access";
import { isTextKind, refusal, TEXT_PROPOSAL_KINDS, type TextProposalKind } from "./proposal-page";
import { PROPOSAL_HEAD_FIELDS, PROPOSAL_TEXT_FIELDS } from "./proposal-text-fields";

export type { TextProposalKind };

/** The propose page's query string; anything malformed is ignored rather than an error. */
export const ZProposeQuery = z.object({
  kind: z
    .enum([...TEXT_PROPOSAL_KINDS, "PUBLISH"])
    .optional()
    .catch(undefined),
  // A section's anchor; anything else (a NUL byte would fail in PostgreSQL) names no section.
  section: z
    .string()
    .refine((s) => isParamOfShape("slug", s))
    .optional()
    .catch(undefined),
  position: z.coerce
    .number()
    .int()
    .min(1)
    .max(PAPER_LIMITS.sections + 1)
    .optional()
    .catch(undefined),
});
export type ProposeQuery = z.infer<typeof ZProposeQuery>;

export type PositionOption = { value: string; label: string };

/** "At the start", "After “X”", ..., for choosing where a new section goes (1-based positions). */
function positionOptions(sections: { heading: string }[]): PositionOption[] {
  if (sections.length === 0) return [{ value: "1", label: "As the first section" }];
  return [
    { value: "1", label: `At the start, before “${sections[0].heading}”` },
    ...sections.map((s, i) => ({
      value: String(i + 2),
      label: i === sections.length - 1 ? `At the end, after “${s.heading}”` : `After “${s.heading}”`,
    })),
  ];
}

export type RulesNow = {
  votingPeriodHours: number;
  quorum: number;
  thresholdPercent: number;
  requireBothPerspectives: boolean;
};

/** The paper's decision rules now: the ones a new or updated proposal opens under. */
function rulesNow(paper: RulesNow): RulesNow {
  const { votingPeriodHours, quorum, thresholdPercent, requireBothPerspectives } = paper;
  return { votingPeriodHours, quorum, thresholdPercent, requireBothPerspectives };
}

function liveSections(paperId: string) {
  return db.section.findMany({
    where: { paperId, removedAt: null },
    orderBy: { position: "asc" },
    select: { id: true, anchor: true, heading: true },
  });
}

/** Why the actor may not propose in this paper (or edit their proposal), or null. */
function proposeRefusal(
  actor: Actor,
  membership: MembershipFacts,
  paper: { status: string },
  permission: "proposal.create" | "proposal.edit" = "proposal.create",
) {
  return refusal(() => assertInGroup(actor, permission, membership)) ?? refusal(() => assertDrafting(paper));
}

/**
 * What the propose form needs for one paper: the paper's current text facts, its sections for
 * choosing a target or a position, and the chosen section's current text.
 */
export async function getProposeForm(viewer: Actor, groupSlug: string, paperSlug: string, query: ProposeQuery) {
  const found = await db.paper.findFirst({
    where: { slug: paperSlug.toLowerCase(), group: { slug: groupSlug.toLowerCase() } },
    select: { id: true },
  });
  if (!found) throw notFound("That paper");
  const { paper, group, membership } = await loadPaperAccess(db, viewer, found.id);
  const blocked = proposeRefusal(viewer, membership, paper);
  const needsSection = query.kind === "AMEND_SECTION" || query.kind === "REMOVE_SECTION";
  const [front, sections, target, publish] = await Promise.all([
    db.paper.findUniqueOrThrow({ where: { id: paper.id }, select: { question: true, summary: true } }),
    liveSections(paper.id),
    needsSection && query.section
      ? db.section.findUnique({
          where: { paperId_anchor: { paperId: paper.id, anchor: query.section } },
          select: { id: true, anchor: true, heading: true, body: true, removedAt: true },
        })
      : null,
    query.kind === "PUBLISH" ? publishFacts(paper.id) : null,
  ]);

  let section: { id: string; anchor: string; heading: string; body: string } | null = null;
  let sectionProblem: string | null = null;
  if (needsSection && query.section) {
    if (!target)
      sectionProblem =
        "This paper has no such section. It may have been renamed in the link you followed; choose the section again below.";
    else if (target.removedAt)
      sectionProblem = `The section “${target.heading}” was removed from the paper on ${formatDate(target.removedAt)}, so it can no longer be changed. Choose another section, or propose adding a new one.`;
    else section = { id: target.id, anchor: target.anchor, heading: target.heading, body: target.body };
  }

  const last = sections.length + 1;
  return {
    group: { slug: group.slug, name: group.name },
    paper: {
      id: paper.id,
      slug: paper.slug,
      title: paper.title,
      question: front.question,
      summary: front.summary,
      revisionNumber: paper.revisionNumber,
    },
    rules: rulesNow(paper),
    blocked: blocked ?? (publish ? publishRefusal(publish, paper.revisionNumber) : null),
    kind: query.kind ?? null,
    /** For a proposal to publish: the last version, and the threshold the vote opens under. */
    publish: publish
      ? { lastVersion: publish.last?.version ?? null, thresholdPercent: paper.publishThresholdPercent }
      : null,
    sections: sections.map((s) => ({ anchor: s.anchor, heading: s.heading })),
    section,
    sectionProblem,
    positions: positionOptions(sections),
    position: String(Math.min(query.position ?? last, last)),
  };
}

export type ProposeForm = Awaited<ReturnType<typeof getProposeForm>>;

/** The paper's last published version and any open vote to publish, for the publish form. */
async function publishFacts(paperId: string) {
  const [last, open] = await Promise.all([
    db.publication.findFirst({
      where: { paperId },
      orderBy: { version: "desc" },
      select: { version: true, revision: { select: { number: true } } },
    }),
    db.proposal.findFirst({ where: { paperId, kind: "PUBLISH", status: "OPEN" }, select: { number: true } }),
  ]);
  return { last, open };
}

/** Why publishing cannot be proposed now (the mutation checks the same again), or null. */
function publishRefusal(facts: Awaited<ReturnType<typeof publishFacts>>, revision: number) {
  if (facts.open) return `A vote on publishing this paper is already open (proposal #${facts.open.number}).`;
  if (facts.last && facts.last.revision.number === revision)
    return `This draft is already published as version ${facts.last.version}. Propose changes first; a later draft can be published as version ${facts.last.version + 1}.`;
  return null;
}

/**
 * One field of a proposal brought up to date with the paper: when the text changed since the
 * proposal was written, the proposer's change is merged into the current text if it can be;
 * otherwise their own text is kept and the page shows the current text to reconcile with.
 */
export type RebasedField = {
  value: string;
  current: string;
  base: string;
  mine: string;
  state: "unchanged" | "merged" | "conflict";
};

function rebase(base: string, current: string, mine: string, line: boolean): RebasedField {
  if (base === current) return { value: mine, current, base, mine, state: "unchanged" };
  const merged = line ? mergeLine(base, current, mine) : mergeText(base, current, mine);
  return merged.ok
    ? { value: merged.text, current, base, mine, state: "merged" }
    : { value: mine, current, base, mine, state: "conflict" };
}

const CLOSED = "This proposal is closed, so it can no longer be edited.";

/**
 * The edit form for a proposal, prefilled and rebased onto the paper's current revision. Only
 * its author may edit, while voting is open or after it was marked "needs update".
 */
export async function getProposalEditForm(viewer: Actor, proposalId: string) {
  const { paper, group, membership } = await loadProposalAccess(db, viewer, proposalId);
  const p = await db.proposal.findUniqueOrThrow({
    where: { id: proposalId },
    select: {
      ...PROPOSAL_HEAD_FIELDS,
      closesAt: true,
      authorId: true,
      position: true,
      rationale: true,
      ...PROPOSAL_TEXT_FIELDS,
      section: { select: { id: true, anchor: true, heading: true, body: true, removedAt: true } },
      paper: { select: { question: true, summary: true } },
      supportCount: true,
      opposeCount: true,
      abstainCount: true,
    },
  });

  const editable = p.status === "NEEDS_UPDATE" || (p.status === "OPEN" && p.closesAt > new Date());
  const blocked =
    (p.authorId !== viewer?.id ? "Only the person who made this proposal can change it." : null) ??
    (!isTextKind(p.kind) ? "This kind of proposal cannot be edited here." : null) ??
    (!editable ? CLOSED : null) ??
    (p.section?.removedAt
      ? `The section “${p.section.heading}” has been removed from the paper, so this proposal can no longer be updated. Withdraw it, or propose a new section instead.`
      : null) ??
    proposeRefusal(viewer, membership, paper, "proposal.edit");

  const sections = p.kind === "ADD_SECTION" ? await liveSections(paper.id) : [];
  const last = sections.length + 1;
  const s = p.section;
  const need = (v: string | null) => v ?? "";
  return {
    group: { slug: group.slug, name: group.name },
    paper: { id: paper.id, slug: paper.slug, title: paper.title, revisionNumber: paper.revisionNumber },
    rules: rulesNow(paper),
    blocked,
    proposal: {
      id: p.id,
      number: p.number,
      kind: p.kind as TextProposalKind,
      status: p.status,
      statusNote: p.statusNote,
      version: p.version,
      rationale: p.rationale,
      /** Votes on the current text: a text change resets them. */
      voteCount: p.supportCount + p.opposeCount + p.abstainCount,
    },
    section: s && !s.removedAt ? { id: s.id, anchor: s.anchor, heading: s.heading, body: s.body } : null,
    /** For an amendment: heading and body rebased onto the section as it is now. */
    heading:
      s && p.kind === "AMEND_SECTION" ? rebase(need(p.baseHeading), s.heading, need(p.proposedHeading), true) : null,
    body: s && p.kind === "AMEND_SECTION" ? rebase(need(p.baseText), s.body, need(p.proposedText), false) : null,
    /** For a removal: whether the section changed since the proposal was written. */
    removalChanged: !!s && p.kind === "REMOVE_SECTION" && (s.body !== p.baseText || s.heading !== p.baseHeading),
    /** For a new title, question and summary: each rebased onto the paper as it is now. */
    front:
      p.kind === "RETITLE"
        ? {
            title: rebase(need(p.baseTitle), paper.title, need(p.proposedTitle), true),
            question: rebase(need(p.baseQuestion), p.paper.question, need(p.proposedQuestion), true),
            summary: rebase(need(p.baseSummary), p.paper.summary, need(p.proposedSummary), false),
          }
        : null,
    /** For a new section: its text and where it goes, among the sections there are now. */
    added:
      p.kind === "ADD_SECTION"
        ? {
            heading: need(p.proposedHeading),
            body: need(p.proposedText),
            position: String(Math.min(p.position ?? last, last)),
          }
        : null,
    positions: positionOptions(sections),
  };
}

export type ProposalEditForm = Awaited<ReturnType<typeof getProposalEditForm>>;
