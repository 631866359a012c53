import "server-only";
import type { currentText } from "@/features/papers/persist-change";
import { type PaperSnapshot, parseSnapshot } from "@/features/papers/snapshot";
import type { Tx } from "@/server/db";
import { conflict, invalid, notFound } from "@/server/errors";
import type { ProposalInput } from "./schemas";

type State = Awaited<ReturnType<typeof currentText>>;

/** The text the proposer was looking at: the base a later three-way merge starts from. */
async function baseSnapshot(tx: Tx, state: State, baseRevision: number): Promise<PaperSnapshot> {
  if (baseRevision === state.paper.revisionNumber) return state.snapshot;
  if (baseRevision > state.paper.revisionNumber)
    throw invalid("That revision of the paper does not exist. Reload the page and try again.");
  const revision = await tx.revision.findUnique({
    where: { paperId_number: { paperId: state.paper.id, number: baseRevision } },
    select: { snapshot: true },
  });
  if (!revision) throw invalid("That revision of the paper does not exist. Reload the page and try again.");
  return parseSnapshot(revision.snapshot);
}

async function liveSection(tx: Tx, state: State, sectionId: string) {
  const section = state.sections.find((s) => s.id === sectionId);
  if (section) return section;
  const removed = await tx.section.findFirst({
    where: { id: sectionId, paperId: state.paper.id },
    select: { heading: true },
  });
  if (removed)
    throw conflict(
      `The section “${removed.heading}” no longer exists: it was removed from the paper. Your text is kept below.`,
    );
  throw notFound("That section");
}

const UNCHANGED = "Your proposal does not change anything yet. Edit the text, then submit it.";

/**
 * The stored fields of a proposal: what it changes, the base it was written against, and the
 * proposed text. Refuses proposals against sections that are gone and proposals that change nothing.
 */
export async function proposalFields(tx: Tx, state: State, input: ProposalInput, editingId?: string) {
  const base = await baseSnapshot(tx, state, input.baseRevision);
  const common = { kind: input.kind, baseRevisionNumber: input.baseRevision, rationale: input.rationale };
  switch (input.kind) {
    case "AMEND_SECTION": {
      const live = await liveSection(tx, state, input.sectionId);
      const seen = base.sections.find((s) => s.id === input.sectionId) ?? live;
      if (seen.heading === input.heading && seen.body === input.body) throw invalid(UNCHANGED);
      return {
        ...common,
        sectionId: live.id,
        baseHeading: seen.heading,
        baseText: seen.body,
        proposedHeading: input.heading,
        proposedText: input.body,
      };
    }
    case "REMOVE_SECTION": {
      const live = await liveSection(tx, state, input.sectionId);
      // A removal approves deleting the text as it is now, so its base is the current text.
      return {
        ...common,
        baseRevisionNumber: state.paper.revisionNumber,
        sectionId: live.id,
        baseHeading: live.heading,
        baseText: live.body,
      };
    }
    case "ADD_SECTION": {
      const last = state.sections.length + 1;
      if (input.position > last)
        throw invalid("Please correct the highlighted fields.", {
          position: `The paper has ${state.sections.length} sections; choose a position from 1 to ${last}.`,
        });
      return { ...common, position: input.position, proposedHeading: input.heading, proposedText: input.body };
    }
    case "PUBLISH": {
      // Members vote on publishing exactly the text the proposer read, so it must be the current one.
      if (input.baseRevision !== state.paper.revisionNumber) {
        throw conflict(
          "The draft changed since you opened this page. Read the current draft, then propose publishing it.",
        );
      }
      const open = await tx.proposal.findFirst({
        where: {
          paperId: state.paper.id,
          kind: "PUBLISH",
          status: "OPEN",
          ...(editingId ? { id: { not: editingId } } : {}),
        },
        select: { number: true },
      });
      if (open) throw conflict(`A vote on publishing this paper is already open (proposal #${open.number}).`);
      const last = await tx.publication.findFirst({
        where: { paperId: state.paper.id },
        orderBy: { version: "desc" },
        select: { version: true, revision: { select: { number: true } } },
      });
      if (last && last.revision.number === state.paper.revisionNumber)
        throw conflict(`This draft is already published as version ${last.version}.`);
      if (last && !input.publicationNote) {
        throw invalid("Please correct the highlighted fields.", {
          publicationNote: `Say what changed since version ${last.version}; readers of the new version see it.`,
        });
      }
      return { ...common, publicationNote: input.publicationNote || null };
    }
    case "RETITLE": {
      if (base.title === input.title && base.question === input.question && base.summary === input.summary)
        throw invalid(UNCHANGED);
      return {
        ...common,
        baseTitle: base.title,
        baseQuestion: base.question,
        baseSummary: base.summary,
        proposedTitle: input.title,
        proposedQuestion: input.question,
        proposedSummary: input.summary,
      };
    }
  }
}

/** Whether two sets of proposal fields propose the same change against the same base. */
export function sameText(a: Record<string, unknown>, b: Record<string, unknown>) {
  const keys = [
    "publicationNote",
    "baseHeading",
    "baseText",
    "baseTitle",
    "baseQuestion",
    "baseSummary",
    "proposedHeading",
    "proposedText",
    "proposedTitle",
    "proposedQuestion",
    "proposedSummary",
    "position",
  ];
  return keys.every((k) => (a[k] ?? null) === (b[k] ?? null));
}
