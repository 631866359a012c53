/** Sizes a paper's parts may have; shared by the schemas and the forms' hints. */
export const PAPER_LIMITS = {
  title: 160,
  question: 400,
  summary: 3_000,
  heading: 160,
  sectionBody: 40_000,
  sections: 40,
  rationale: 5_000,
  voteReason: 1_000,
  editorialReason: 300,
  /** An editorial fix may change at most this many words; anything bigger needs a proposal. */
  editorialWords: 30,
} as const;
