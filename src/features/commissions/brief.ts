import type { NewPaper } from "@/features/papers/insert-paper";
import { PAPER_LIMITS } from "@/features/papers/limits";

export type Brief = { title: string; question: string; background: string; scope: string; goodAnswer: string };

/** Section headings a commissioned paper starts with; the group rewrites them as it drafts. */
export const BRIEF_HEADINGS = {
  background: "Background",
  scope: "Scope",
  goodAnswer: "What a good answer would include",
} as const;

/** The first paragraph of the background, cut at a word, as the paper's opening summary. */
export function summaryFrom(background: string, max = 600): string {
  const first = background
    .trim()
    .split(/\n\s*\n/)[0]
    .replace(/\s+/g, " ")
    .trim();
  if (first.length <= max) return first;
  const cut = first.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2)).trimEnd()}…`;
}

/** The paper a commission seeds in a group: its brief, ready for the group to redraft. */
export function paperFromBrief(brief: Brief, seed: { authorId: string; commissionId: string }): NewPaper {
  return {
    title: brief.title.slice(0, PAPER_LIMITS.title),
    question: brief.question.slice(0, PAPER_LIMITS.question),
    summary: summaryFrom(brief.background, Math.min(600, PAPER_LIMITS.summary)),
    sections: [
      { heading: BRIEF_HEADINGS.background, body: brief.background },
      { heading: BRIEF_HEADINGS.scope, body: brief.scope },
      { heading: BRIEF_HEADINGS.goodAnswer, body: brief.goodAnswer },
    ],
    authorId: seed.authorId,
    status: "AWAITING_ACCEPTANCE",
    commissionId: seed.commissionId,
  };
}
