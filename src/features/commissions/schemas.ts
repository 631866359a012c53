import { z } from "zod";
import { zLine, zText } from "@/lib/form-fields";
import { refineMarkdownLimits } from "@/lib/markdown";
import { COMMISSION_LIMITS as L } from "./limits";

const lf = (value: unknown) => (typeof value === "string" ? value.replace(/\r\n?/g, "\n") : value);

const zLongText = (label: string, max: number) =>
  z.preprocess(lf, zText(label, { min: 1, max }).superRefine(refineMarkdownLimits));

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day from a date input ("2027-03-31"), as midnight UTC. */
const zDay = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .refine(
      (s) =>
        DAY.test(s) &&
        !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
        new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
      `${label} must be a date like 2027-03-31.`,
    )
    .transform((s) => new Date(`${s}T00:00:00Z`));

const END_OF_DAY_MS = 24 * 3_600_000 - 1;

/** Checkboxes named groups.<slug> become the list of ticked group slugs. */
function gatherGroups(input: unknown) {
  if (!input || typeof input !== "object") return input;
  const slugs = Object.entries(input)
    .filter(([key, value]) => key.startsWith("groups.") && (value === "on" || value === true))
    .map(([key]) => key.slice("groups.".length));
  return "groupSlugs" in input ? input : { ...input, groupSlugs: slugs };
}

const timeline = {
  contributionsOpenAt: zDay("The date contributions open"),
  draftingFrom: zDay("The date drafting starts"),
  deadlineAt: zDay("The publication deadline").transform((d) => new Date(d.getTime() + END_OF_DAY_MS)),
};

const brief = {
  title: zLine("Title", { min: 5, max: L.title }),
  question: z.preprocess(lf, zText("The question", { min: 10, max: L.question })),
  background: zLongText("Background", L.background),
  scope: zLongText("Scope", L.scope),
  goodAnswer: zLongText("What a good answer would include", L.goodAnswer),
  disclosure: zLongText("What the organisation provides", L.disclosure),
  ...timeline,
};

type Timeline = { contributionsOpenAt: Date; draftingFrom: Date; deadlineAt: Date };

/** The timeline runs forwards: contributions open, then drafting, then the deadline. */
function checkOrder(value: Timeline, ctx: z.RefinementCtx) {
  if (value.draftingFrom < value.contributionsOpenAt) {
    ctx.addIssue({
      code: "custom",
      path: ["draftingFrom"],
      message: "Drafting cannot start before contributions open.",
    });
  }
  if (value.deadlineAt <= value.draftingFrom) {
    ctx.addIssue({ code: "custom", path: ["deadlineAt"], message: "The deadline must come after drafting starts." });
  }
}

/** A new commission's deadline is ahead (an edit may keep a deadline that has passed). */
function checkDeadlineAhead(value: Timeline, ctx: z.RefinementCtx) {
  if (value.deadlineAt instanceof Date && value.deadlineAt <= new Date()) {
    ctx.addIssue({ code: "custom", path: ["deadlineAt"], message: "The publication deadline must be in the future." });
  }
}

const zGroupSlugs = z
  .array(z.string().regex(/^[a-z0-9-]{1,80}$/, "Unknown group."))
  .min(1, "Choose at least one group to post the commission to.")
  .max(L.groups, `A commission can be posted to at most ${L.groups} groups at once.`);

export const ZCreateCommission = z.preprocess(
  gatherGroups,
  z
    .object({ organisationId: z.uuid("Unknown organisation."), ...brief, groupSlugs: zGroupSlugs })
    .superRefine(checkOrder)
    .superRefine(checkDeadlineAhead),
);
export type CreateCommissionInput = z.infer<typeof ZCreateCommission>;

export const ZUpdateCommission = z
  .object({ commissionId: z.uuid("Unknown commission."), ...brief })
  .superRefine(checkOrder);
export type UpdateCommissionInput = z.infer<typeof ZUpdateCommission>;

export const ZPostCommission = z.preprocess(
  gatherGroups,
  z.object({ commissionId: z.uuid("Unknown commission."), groupSlugs: zGroupSlugs }),
);
export type PostCommissionInput = z.infer<typeof ZPostCommission>;

export const ZProposeAcceptance = z.object({
  paperId: z.uuid("Unknown paper."),
  rationale: z.preprocess(
    lf,
    zText("Why the group should take it on", { min: 1, max: 2_000 }).superRefine(refineMarkdownLimits),
  ),
});
export type ProposeAcceptanceInput = z.infer<typeof ZProposeAcceptance>;

export const ZDeclineCommission = z.object({
  paperId: z.uuid("Unknown paper."),
  reason: z.preprocess(lf, zText("The reason", { min: 10, max: L.declineReason })),
});
export type DeclineCommissionInput = z.infer<typeof ZDeclineCommission>;
