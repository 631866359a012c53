// Words for the papers' states and kinds, shared by every paper page.
import { hoursInWords, plural } from "@/lib/words";

export const PAPER_STATUS_LABELS: Record<string, string> = {
  AWAITING_ACCEPTANCE: "Awaiting the group's decision",
  DRAFTING: "Being drafted",
  DECLINED: "Declined",
  ARCHIVED: "Archived",
};

export const PROPOSAL_KIND_LABELS: Record<string, string> = {
  AMEND_SECTION: "Amendment",
  ADD_SECTION: "New section",
  REMOVE_SECTION: "Removal",
  RETITLE: "New title, question or summary",
  PUBLISH: "Publication",
  ACCEPT_COMMISSION: "Taking on a commission",
};

export const PROPOSAL_OUTCOME_LABELS: Record<string, string> = {
  OPEN: "Voting open",
  PASSED: "Passed",
  MERGED: "Passed and merged",
  REJECTED: "Did not pass",
  NEEDS_UPDATE: "Passed, needs updating",
  WITHDRAWN: "Withdrawn",
};

/** What a proposal does, in a few words: "Amend “Payments”", "Add “Appeals”". */
export function describeProposal(p: {
  kind: string;
  heading?: string | null;
  baseHeading?: string | null;
  proposedHeading?: string | null;
}) {
  const heading = p.heading ?? p.proposedHeading ?? p.baseHeading;
  switch (p.kind) {
    case "AMEND_SECTION":
      return heading ? `Amend “${heading}”` : "Amend a section";
    case "ADD_SECTION":
      return heading ? `Add a section “${heading}”` : "Add a section";
    case "REMOVE_SECTION":
      return heading ? `Remove “${heading}”` : "Remove a section";
    case "RETITLE":
      return "New title, question or summary";
    case "PUBLISH":
      return "Publish the draft as a version";
    default:
      return PROPOSAL_KIND_LABELS[p.kind] ?? p.kind;
  }
}

export { hoursInWords, plural };
