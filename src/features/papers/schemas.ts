import { z } from "zod";
import { MAX_POST_LENGTH } from "@/features/discussions/policy";
import { zCheckbox, zLine, zText } from "@/lib/form-fields";
import { refineMarkdownLimits } from "@/lib/markdown";
import { RULE_LIMITS } from "./decision-rules";
import { PAPER_LIMITS as L } from "./limits";

/** Browsers send a textarea's line breaks as CRLF; stored text uses LF, so diffs and merges see only real changes. */
export const lf = (value: unknown) => (typeof value === "string" ? value.replace(/\r\n?/g, "\n") : value);

export const zMarkdown = (label: string, max: number) =>
  z.preprocess(
    lf,
    z
      .string({ error: `${label} is required.` })
      .refine((s) => s.trim().length > 0, `${label} is required.`)
      .refine((s) => s.length <= max, `${label} can be at most ${max.toLocaleString("en-GB")} characters.`)
      .superRefine(refineMarkdownLimits),
  );

const zSection = z.object({
  heading: zLine("Heading", { min: 1, max: L.heading }),
  body: zMarkdown("Section text", L.sectionBody),
});

/**
 * Forms send sections as flat fields (sections.0.heading, sections.0.body, ...); this gathers
 * them by their numbers and drops rows left entirely empty. Rows stay keyed by the form's own
 * number, so an error lands on the field that caused it (sections.2.body) even after a gap.
 */
function gatherSections(input: unknown) {
  if (!input || typeof input !== "object") return input;
  const rows = new Map<number, { heading?: unknown; body?: unknown }>();
  for (const [key, value] of Object.entries(input)) {
    const match = /^sections\.(\d{1,3})\.(heading|body)$/.exec(key);
    if (!match) continue;
    const row = rows.get(Number(match[1])) ?? {};
    row[match[2] as "heading" | "body"] = value;
    rows.set(Number(match[1]), row);
  }
  if (rows.size === 0) return input;
  const sections: Record<string, { heading?: unknown; body?: unknown }> = {};
  for (const [n, row] of rows) if (`${row.heading ?? ""}${row.body ?? ""}`.trim() !== "") sections[n] = row;
  return { ...input, sections };
}

export const ZCreatePaper = z.preprocess(
  gatherSections,
  z.object({
    groupId: z.uuid("Unknown group."),
    title: zLine("Title", { min: 3, max: L.title }),
    question: z.preprocess(lf, zText("The policy question", { min: 10, max: L.question })),
    summary: z.preprocess(lf, zText("Summary", { min: 1, max: L.summary })),
    sections: z
      .record(z.string(), zSection, { error: "Add at least one section." })
      .refine((rows) => Object.keys(rows).length >= 1, "Add at least one section.")
      .refine((rows) => Object.keys(rows).length <= L.sections, `A paper can have at most ${L.sections} sections.`)
      .transform((rows) =>
        Object.entries(rows)
          .sort(([a], [b]) => Number(a) - Number(b))
          .map(([, row]) => row),
      ),
  }),
);
export type CreatePaperInput = z.infer<typeof ZCreatePaper>;

export const zInt = (label: string, { min, max }: { min: number; max: number }) =>
  z.coerce
    .number({ error: `${label} must be a whole number.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be at least ${min}.`)
    .max(max, `${label} can be at most ${max}.`);

export const ZDecisionRules = z.object({
  paperId: z.uuid("Unknown paper."),
  votingPeriodHours: zInt("The voting period", RULE_LIMITS.votingPeriodHours),
  quorum: zInt("The quorum", RULE_LIMITS.quorum),
  thresholdPercent: zInt("The threshold", RULE_LIMITS.thresholdPercent),
  publishThresholdPercent: zInt("The publication threshold", RULE_LIMITS.thresholdPercent),
  requireBothPerspectives: zCheckbox,
});
export type DecisionRulesInput = z.infer<typeof ZDecisionRules>;

/** The revision the proposer was looking at: the base a later three-way merge starts from. */
export const zBaseRevision = z.coerce.number({ error: "Unknown revision." }).int().min(1, "Unknown revision.");

export const ZEditorialFix = z.object({
  paperId: z.uuid("Unknown paper."),
  sectionId: z.uuid("Unknown section."),
  baseRevision: zBaseRevision,
  heading: zLine("Heading", { min: 1, max: L.heading }),
  body: zMarkdown("Section text", L.sectionBody),
  reason: zText("The reason", { min: 3, max: L.editorialReason }),
});
export type EditorialFixInput = z.infer<typeof ZEditorialFix>;

export const ZStartDiscussion = z.object({
  subject: z.enum(["PAPER", "SECTION", "PROPOSAL"], { error: "Unknown subject." }),
  subjectId: z.uuid("Unknown subject."),
  body: zMarkdown("Your comment", MAX_POST_LENGTH),
});
export type StartDiscussionInput = z.infer<typeof ZStartDiscussion>;

export const ZCompareQuery = z.object({
  from: z.coerce.number().int().min(1).optional().catch(undefined),
  to: z.coerce.number().int().min(1).optional().catch(undefined),
});

export const ZFollowPaper = z.object({
  paperId: z.uuid("Unknown paper."),
  mode: z.enum(["follow", "unfollow"], { error: "Choose follow or unfollow." }),
});
