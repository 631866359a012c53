/** The columns that hold what a proposal changes: the base it was written on and its proposed text. */
export const PROPOSAL_TEXT_FIELDS = {
  baseTitle: true,
  baseQuestion: true,
  baseSummary: true,
  baseHeading: true,
  baseText: true,
  proposedHeading: true,
  proposedText: true,
  proposedTitle: true,
  proposedQuestion: true,
  proposedSummary: true,
} as const;
