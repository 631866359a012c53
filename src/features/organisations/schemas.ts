import { z } from "zod";
import { ZHandle } from "@/features/accounts/schemas";
import { zLine, zPage, zText } from "@/lib/form-fields";
import { refineMarkdownLimits } from "@/lib/markdown";

export const ORGANISATION_KINDS = ["CHARITY", "PUBLIC_BODY", "SOCIAL_ENTERPRISE", "OTHER"] as const;
export type OrganisationKindValue = (typeof ORGANISATION_KINDS)[number];

export const ORGANISATION_KIND_LABELS: Record<OrganisationKindValue, string> = {
  CHARITY: "Charity",
  PUBLIC_BODY: "Public body",
  SOCIAL_ENTERPRISE: "Social enterprise",
  OTHER: "Other organisation",
};

const ZOrganisationId = z.uuid("Unknown organisation.");

/** Only http(s) addresses: a javascript: or data: link on a profile page would be a trap. */
const zWebsite = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
  z
    .string()
    .trim()
    .max(200, "Website must be at most 200 characters.")
    .regex(
      /^https?:\/\/[^\s/$.?#][^\s]*$/i,
      "Enter a full web address starting with https:// or http://, e.g. https://example.org.",
    )
    .refine((url) => URL.canParse(url), "Enter a valid web address, e.g. https://example.org.")
    .optional(),
);

/** Markdown from a textarea: browsers send CRLF line endings, stored as LF. */
const zDescription = z.preprocess(
  (value) => (typeof value === "string" ? value.replace(/\r\n?/g, "\n") : value),
  zText("Description", { max: 5000 }).superRefine(refineMarkdownLimits),
);

const organisationFields = {
  name: zLine("Name", { min: 2, max: 120 }),
  kind: z.enum(ORGANISATION_KINDS, { error: "Choose what kind of organisation this is." }),
  website: zWebsite,
  description: zDescription.default(""),
};

export const ZCreateOrganisation = z.object(organisationFields);
export type CreateOrganisationInput = z.infer<typeof ZCreateOrganisation>;

export const ZUpdateOrganisation = z.object({ organisationId: ZOrganisationId, ...organisationFields });
export type UpdateOrganisationInput = z.infer<typeof ZUpdateOrganisation>;

export const ZInviteAdmin = z.object({
  organisationId: ZOrganisationId,
  // People often type the @ they see in mentions.
  handle: z.preprocess((v) => (typeof v === "string" ? v.trim().replace(/^@/, "") : v), ZHandle),
});
export type InviteAdminInput = z.infer<typeof ZInviteAdmin>;

export const ZInvitationRef = z.object({ invitationId: z.uuid("Unknown invitation.") });

export const ZRemoveAdmin = z.object({ organisationId: ZOrganisationId, userId: z.uuid("Unknown admin.") });

export const ZSetVerified = z.object({
  organisationId: ZOrganisationId,
  verified: z.enum(["true", "false"], { error: "Choose whether to verify." }).transform((v) => v === "true"),
  reason: zText("Reason", { min: 3, max: 500 }),
});
export type SetVerifiedInput = z.infer<typeof ZSetVerified>;

export const ZOrganisationListQuery = z.object({ page: zPage });
