import type { PaperSnapshot } from "./snapshot";
import { type MergeResult, mergeLine, mergeText } from "./text/merge";

/** What a passed proposal does to the paper, after merging it into the current text. */
export type PaperChange =
  | { kind: "FRONT_MATTER"; title: string; question: string; summary: string }
  | { kind: "AMEND_SECTION"; sectionId: string; heading: string; body: string }
  | { kind: "ADD_SECTION"; index: number; heading: string; body: string }
  | { kind: "REMOVE_SECTION"; sectionId: string };

export type ApplyResult = { ok: true; change: PaperChange } | { ok: false; note: string };

export type ProposalText = {
  kind: "AMEND_SECTION" | "ADD_SECTION" | "REMOVE_SECTION" | "RETITLE";
  sectionId: string | null;
  position: number | null;
  baseTitle: string | null;
  baseQuestion: string | null;
  baseSummary: string | null;
  baseHeading: string | null;
  baseText: string | null;
  proposedTitle: string | null;
  proposedQuestion: string | null;
  proposedSummary: string | null;
  proposedHeading: string | null;
  proposedText: string | null;
};

function quoted(passages: string[]): string {
  const shown = passages.slice(0, 3).map((p) => `“${p.length > 80 ? `${p.slice(0, 77)}…` : p}”`);
  return shown.join(", ") + (passages.length > 3 ? ` and ${passages.length - 3} more` : "");
}

function conflictNote(where: string, results: MergeResult[]): string | null {
  const passages = results.flatMap((r) => (r.ok ? [] : r.passages));
  if (passages.length === 0) return null;
  return `${where} changed since this proposal was written, and the same ${passages.length === 1 ? "passage was" : "passages were"} changed both ways: ${quoted(passages)}. Update the proposal against the current text.`;
}

/**
 * Merges a passed proposal into the paper as it is now. Changes made since the proposal was
 * written are kept (three-way merge); where both touched the same passage nothing is applied,
 * and the note says what the proposer must reconcile.
 */
export function applyProposal(current: PaperSnapshot, p: ProposalText): ApplyResult {
  const need = (value: string | null) => value ?? "";
  switch (p.kind) {
    case "RETITLE": {
      const title = mergeLine(need(p.baseTitle), current.title, need(p.proposedTitle));
      const question = mergeLine(need(p.baseQuestion), current.question, need(p.proposedQuestion));
      const summary = mergeText(need(p.baseSummary), current.summary, need(p.proposedSummary));
      const note = conflictNote("The title, question or summary", [title, question, summary]);
      if (note || !title.ok || !question.ok || !summary.ok) return { ok: false, note: note ?? "" };
      return {
        ok: true,
        change: { kind: "FRONT_MATTER", title: title.text, question: question.text, summary: summary.text },
      };
    }
    case "AMEND_SECTION": {
      const section = current.sections.find((s) => s.id === p.sectionId);
      if (!section)
        return { ok: false, note: "The section this proposal amends has since been removed from the paper." };
      const heading = mergeLine(need(p.baseHeading), section.heading, need(p.proposedHeading));
      const body = mergeText(need(p.baseText), section.body, need(p.proposedText));
      const note = conflictNote(`The section “${section.heading}”`, [heading, body]);
      if (note || !heading.ok || !body.ok) return { ok: false, note: note ?? "" };
      return {
        ok: true,
        change: { kind: "AMEND_SECTION", sectionId: section.id, heading: heading.text, body: body.text },
      };
    }
    case "ADD_SECTION": {
      const index = Math.min(Math.max((p.position ?? current.sections.length + 1) - 1, 0), current.sections.length);
      return {
        ok: true,
        change: { kind: "ADD_SECTION", index, heading: need(p.proposedHeading), body: need(p.proposedText) },
      };
    }
    case "REMOVE_SECTION": {
      const section = current.sections.find((s) => s.id === p.sectionId);
      if (!section) return { ok: false, note: "The section this proposal removes has already been removed." };
      if (section.body !== p.baseText || section.heading !== p.baseHeading) {
        return {
          ok: false,
          note: `The section “${section.heading}” changed after this proposal to remove it was written. Check that removing it still makes sense, then update the proposal.`,
        };
      }
      return { ok: true, change: { kind: "REMOVE_SECTION", sectionId: section.id } };
    }
  }
}

/** The paper's text after a change: what the next revision's snapshot records. */
export function snapshotAfter(
  current: PaperSnapshot,
  change: PaperChange,
  added?: { id: string; anchor: string },
): PaperSnapshot {
  switch (change.kind) {
    case "FRONT_MATTER":
      return { ...current, title: change.title, question: change.question, summary: change.summary };
    case "AMEND_SECTION":
      return {
        ...current,
        sections: current.sections.map((s) =>
          s.id === change.sectionId ? { ...s, heading: change.heading, body: change.body } : s,
        ),
      };
    case "REMOVE_SECTION":
      return { ...current, sections: current.sections.filter((s) => s.id !== change.sectionId) };
    case "ADD_SECTION": {
      if (!added) throw new Error("snapshotAfter: an added section needs its id and anchor");
      const sections = [...current.sections];
      sections.splice(change.index, 0, {
        id: added.id,
        anchor: added.anchor,
        heading: change.heading,
        body: change.body,
      });
      return { ...current, sections };
    }
  }
}

/** Whether a change would leave the text exactly as it is (someone already made the same edit). */
export function changesNothing(current: PaperSnapshot, change: PaperChange): boolean {
  switch (change.kind) {
    case "FRONT_MATTER":
      return (
        change.title === current.title && change.question === current.question && change.summary === current.summary
      );
    case "AMEND_SECTION": {
      const section = current.sections.find((s) => s.id === change.sectionId);
      return !!section && section.heading === change.heading && section.body === change.body;
    }
    default:
      return false;
  }
}
