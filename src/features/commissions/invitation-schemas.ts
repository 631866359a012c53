import { z } from "zod";
import { zText } from "@/lib/form-fields";
import { COMMISSION_LIMITS as L } from "./limits";

/** An optional whole number from a form field: blank means "not set". */
const zOptionalWhole = (label: string, min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.coerce
      .number({ error: `${label} must be a whole number.` })
      .int(`${label} must be a whole number.`)
      .min(min, `${label} must be at least ${min}.`)
      .max(max, `${label} must be at most ${max.toLocaleString("en-GB")}.`)
      .optional(),
  );

export const ZCreateInvitationLink = z.object({
  commissionId: z.uuid("Unknown commission."),
  groupSlug: z.string().regex(/^[a-z0-9-]{1,80}$/, "Unknown group."),
  note: zText("Who the link is for", { min: 3, max: L.invitationNote }),
  expiresInDays: zOptionalWhole("Days the link works", 1, L.invitationDays).transform((d) => d ?? 30),
  maxUses: zOptionalWhole("The most people who may join through it", 1, L.invitationUses),
});
export type CreateInvitationLinkInput = z.infer<typeof ZCreateInvitationLink>;

export const ZRevokeInvitation = z.object({ invitationId: z.uuid("Unknown invitation link.") });
export type RevokeInvitationInput = z.infer<typeof ZRevokeInvitation>;

/** 32 random bytes, base64url: 43 characters of A–Z, a–z, 0–9, - and _. */
export const ZInvitationToken = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "That invitation link is not valid."),
});
export type JoinThroughInvitationInput = z.infer<typeof ZInvitationToken>;

export type InvitationState = "ACTIVE" | "REVOKED" | "EXPIRED" | "USED_UP";

/** Whether a link still lets people in. Pure, so the landing page, the lists and the join agree. */
export function invitationStateOf(
  link: { revokedAt: Date | null; expiresAt: Date | null; maxUses: number | null; uses: number },
  now = new Date(),
): InvitationState {
  if (link.revokedAt) return "REVOKED";
  if (link.expiresAt && link.expiresAt <= now) return "EXPIRED";
  if (link.maxUses !== null && link.uses >= link.maxUses) return "USED_UP";
  return "ACTIVE";
}

export const INVITATION_STATE_LABELS: Record<InvitationState, string> = {
  ACTIVE: "Working",
  REVOKED: "Revoked",
  EXPIRED: "Expired",
  USED_UP: "Used up",
};

/** What someone holding a link that no longer works is told. */
export const INVITATION_PROBLEMS: Record<Exclude<InvitationState, "ACTIVE">, string> = {
  REVOKED: "This invitation link has been revoked, so it no longer lets people join.",
  EXPIRED: "This invitation link has expired.",
  USED_UP: "This invitation link has been used as many times as it allows.",
};
