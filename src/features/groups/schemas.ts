import { z } from "zod";
import { zLine, zOptionalText, zText } from "@/lib/form-fields";
import { SECTORS } from "@/lib/perspectives";
import { cleanSearchText } from "@/lib/route-params";

const RESERVED_SLUGS = new Set(["new", "admin", "api", "settings", "search", "join", "members", "edit"]);

export const ZGroupSlug = z
  .string({ error: "Web address is required." })
  .trim()
  .toLowerCase()
  .min(3, "Web address must be at least 3 characters.")
  .max(50, "Web address must be at most 50 characters.")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, numbers and single hyphens, e.g. welfare-reform.")
  .refine((slug) => !RESERVED_SLUGS.has(slug), "This web address is reserved. Choose another.");

const ZJoinPolicy = z.enum(["OPEN", "APPROVAL"], { error: "Choose who can join." });

/** The field a group works in; the forms always send it, other callers may leave it out (Other, or unchanged). */
const ZGroupSector = z.enum(SECTORS, { error: "Choose the field this group works in." }).optional();

export const ZCreateGroup = z.object({
  name: zLine("Name", { min: 3, max: 80 }),
  slug: ZGroupSlug,
  description: zText("Description", { min: 10, max: 2000 }),
  joinPolicy: ZJoinPolicy,
  sector: ZGroupSector,
});
export type CreateGroupInput = z.infer<typeof ZCreateGroup>;

/** Reports from this many different members hide a post pending review; empty turns it off, absent leaves it as it is. */
export const zAutoHideReportThreshold = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? null : value),
  z.coerce
    .number({ error: "Enter a number from 2 to 20, or leave it empty." })
    .int("Enter a whole number from 2 to 20.")
    .min(2, "Use at least 2 reports, or leave it empty to turn this off.")
    .max(20, "Use at most 20 reports.")
    .nullable()
    .optional(),
);

export const ZUpdateGroup = z.object({
  groupId: z.uuid("Unknown group."),
  name: zLine("Name", { min: 3, max: 80 }),
  description: zText("Description", { min: 10, max: 2000 }),
  joinPolicy: ZJoinPolicy,
  sector: ZGroupSector,
  autoHideReportThreshold: zAutoHideReportThreshold,
});
export type UpdateGroupInput = z.infer<typeof ZUpdateGroup>;

export const ZGroupRef = z.object({ groupId: z.uuid("Unknown group.") });

export const ZJoinGroup = z.object({
  groupId: z.uuid("Unknown group."),
  note: zOptionalText("Your note", 500),
});

export const ZMemberRef = z.object({
  groupId: z.uuid("Unknown group."),
  userId: z.uuid("Unknown member."),
});

export const ZChangeRole = ZMemberRef.extend({
  role: z.enum(["OWNER", "MODERATOR", "MEMBER"], { error: "Choose a role." }),
});

export const ZRemoveMember = ZMemberRef.extend({
  reason: zText("Reason", { min: 3, max: 500 }),
});

export const ZGroupListQuery = z.object({
  // Cleaned, not refused: a NUL byte or broken Unicode from a hand-made URL must not reach PostgreSQL.
  q: z
    .string()
    .transform((q) => cleanSearchText(q, 100))
    .catch(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
