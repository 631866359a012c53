/** Bounds on a commission's brief, shared by the schema and the form's maxLength hints. */
export const COMMISSION_LIMITS = {
  title: 120,
  question: 300,
  background: 10_000,
  scope: 5_000,
  goodAnswer: 5_000,
  disclosure: 5_000,
  groups: 10,
  response: 10_000,
  signatory: 200,
  declineReason: 1_000,
  invitationNote: 300,
  invitationUses: 10_000,
  invitationDays: 365,
} as const;
