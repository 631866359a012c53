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

/** A proposal's identity and standing, read first by every page that shows one. */
export const PROPOSAL_HEAD_FIELDS = {
  id: true,
  number: true,
  kind: true,
  status: true,
  statusNote: true,
  version: true,
} as const;
