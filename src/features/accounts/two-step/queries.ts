import "server-only";
import QRCode from "qrcode";
import { openSecret } from "@/server/auth/secret-box";
import type { Actor } from "@/server/authz/permissions";
import { requireActor } from "@/server/authz/refusals";
import type { TwoStepRole } from "@/server/authz/two-step-requirement";
import { db } from "@/server/db";
import { groupedSecret, otpauthUri } from "./codes";

export type TwoStepSettings = {
  status: "off" | "setting-up" | "on";
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  /** While setting up: the secret as a QR code (SVG, drawn here) and as text to type. */
  setup: { qrSvg: string; uri: string; secretText: string } | null;
  /** Roles of this person whose powers the site holds back until two-step is on (REQUIRE_TWO_STEP_FOR). */
  heldBack: TwoStepRole[];
  hasPassword: boolean;
};

/** What the Security settings page shows of the actor's own two-step sign-in. */
export async function twoStepSettings(actor: Actor): Promise<TwoStepSettings> {
  const me = requireActor(actor);
  const user = await db.user.findUniqueOrThrow({
    where: { id: me.id },
    select: {
      email: true,
      handle: true,
      passwordHash: true,
      twoStep: { select: { enabledAt: true, pendingSecret: true } },
      _count: { select: { recoveryCodes: { where: { usedAt: null } } } },
    },
  });
  const enabledAt = user.twoStep?.enabledAt ?? null;
  const pending = !enabledAt && user.twoStep?.pendingSecret ? openSecret(user.twoStep.pendingSecret) : null;
  let setup: TwoStepSettings["setup"] = null;
  if (pending) {
    const uri = otpauthUri(pending, user.email ?? user.handle);
    const qrSvg = await QRCode.toString(uri, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
    setup = { qrSvg, uri, secretText: groupedSecret(pending) };
  }
  return {
    status: enabledAt ? "on" : setup ? "setting-up" : "off",
    enabledAt,
    recoveryCodesLeft: user._count.recoveryCodes,
    setup,
    heldBack: await heldBackRoles(me),
    hasPassword: !!user.passwordHash,
  };
}

/**
 * The roles whose powers the site holds back from this person now: "admins" for a site admin,
 * "group-owners" for the owner of at least one group. Empty when nothing is held back.
 */
export async function heldBackRoles(actor: Actor): Promise<TwoStepRole[]> {
  const awaiting = actor?.awaitingTwoStep ?? [];
  const roles: TwoStepRole[] = [];
  if (awaiting.includes("admins")) roles.push("admins");
  if (awaiting.includes("group-owners") && actor) {
    const owns = await db.membership.findFirst({
      where: { userId: actor.id, role: "OWNER", status: "ACTIVE" },
      select: { groupId: true },
    });
    if (owns) roles.push("group-owners");
  }
  return roles;
}
