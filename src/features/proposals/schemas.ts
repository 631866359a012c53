import { z } from "zod";
import { PAPER_LIMITS as L } from "@/features/papers/limits";
import { lf, zBaseRevision, zInt, zMarkdown } from "@/features/papers/schemas";
import { zLine, zText } from "@/lib/form-fields";
import { refineMarkdownLimits } from "@/lib/markdown";

const zRationale = zText("The rationale", { min: 10, max: L.rationale }).superRefine(refineMarkdownLimits);
const zPaperId = z.uuid("Unknown paper.");
const zSectionId = z.uuid("Unknown section.");
/** A section's heading and text, as amending or adding one proposes them. */
const SECTION_TEXT = {
  heading: zLine("Heading", { min: 1, max: L.heading }),
  body: zMarkdown("Section text", L.sectionBody),
};

export const ZAmendSection = z.object({
  kind: z.literal("AMEND_SECTION"),
  paperId: zPaperId,
  sectionId: zSectionId,
  baseRevision: zBaseRevision,
  ...SECTION_TEXT,
  rationale: zRationale,
});

export const ZAddSection = z.object({
  kind: z.literal("ADD_SECTION"),
  paperId: zPaperId,
  baseRevision: zBaseRevision,
  /** 1 puts the new section first; one more than the number of sections puts it last. */
  position: zInt("The position", { min: 1, max: L.sections + 1 }),
  ...SECTION_TEXT,
  rationale: zRationale,
});

export const ZRemoveSection = z.object({
  kind: z.literal("REMOVE_SECTION"),
  paperId: zPaperId,
  sectionId: zSectionId,
  baseRevision: zBaseRevision,
  rationale: zRationale,
});

export const ZRetitle = z.object({
  kind: z.literal("RETITLE"),
  paperId: zPaperId,
  baseRevision: zBaseRevision,
  title: zLine("Title", { min: 3, max: L.title }),
  question: z.preprocess(lf, zText("The policy question", { min: 10, max: L.question })),
  summary: z.preprocess(lf, zText("Summary", { min: 1, max: L.summary })),
  rationale: zRationale,
});

export const ZPublish = z.object({
  kind: z.literal("PUBLISH"),
  paperId: zPaperId,
  /** The revision being proposed for publication: the one the proposer read. */
  baseRevision: zBaseRevision,
  rationale: zRationale,
  /** Required from the second version on: what changed since the last one. */
  publicationNote: z.preprocess(
    lf,
    z.string().trim().max(L.rationale, `The note can be at most ${L.rationale} characters.`).default(""),
  ),
});

export const ZProposal = z.discriminatedUnion(
  "kind",
  [ZAmendSection, ZAddSection, ZRemoveSection, ZRetitle, ZPublish],
  {
    error: "Choose what kind of change you propose.",
  },
);
export type ProposalInput = z.infer<typeof ZProposal>;

/** Editing keeps the kind and target; the proposer changes the text, the rationale, or both. */
const zProposalId = z.uuid("Unknown proposal.");
export const ZEditProposal = z.discriminatedUnion("kind", [
  ZAmendSection.extend({ proposalId: zProposalId }),
  ZAddSection.extend({ proposalId: zProposalId }),
  ZRemoveSection.extend({ proposalId: zProposalId }),
  ZRetitle.extend({ proposalId: zProposalId }),
  ZPublish.extend({ proposalId: zProposalId }),
]);
export type EditProposalInput = z.infer<typeof ZEditProposal>;

export const ZProposalRef = z.object({ proposalId: z.uuid("Unknown proposal.") });

export const ZVote = z.object({
  proposalId: z.uuid("Unknown proposal."),
  /** The version of the text the voter read; a vote never approves text its voter has not seen. */
  version: z.coerce.number({ error: "Unknown version." }).int().min(1, "Unknown version."),
  choice: z.enum(["SUPPORT", "OPPOSE", "ABSTAIN"], { error: "Choose support, oppose or abstain." }),
  reason: z.string().trim().max(L.voteReason, `Your reason can be at most ${L.voteReason} characters.`).default(""),
});
export type VoteInput = z.infer<typeof ZVote>;
