import { describe, expect, it } from "vitest";
import {
  type Actor,
  actsAsOwner,
  applyTwoStepRequirement,
  canInGroup,
  canOnSite,
  canReadGroup,
  type MembershipFacts,
} from "@/server/authz/permissions";
import { assertInGroup, assertOnSite, TWO_STEP_REQUIRED_MESSAGE } from "@/server/authz/refusals";

const admin = { id: "a", siteRole: "ADMIN", suspendedUntil: null } as const satisfies NonNullable<Actor>;
const member = { id: "m", siteRole: "MEMBER", suspendedUntil: null } as const satisfies NonNullable<Actor>;
const owner: MembershipFacts = { role: "OWNER", status: "ACTIVE", suspendedUntil: null };

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  return "allowed";
}

describe("REQUIRE_TWO_STEP_FOR in the permission map", () => {
  it("changes nothing for accounts with two-step on, or when nothing is required", () => {
    expect(applyTwoStepRequirement(admin, ["admins", "group-owners"], true)).toBe(admin);
    expect(applyTwoStepRequirement(admin, [], false)).toBe(admin);
    expect(applyTwoStepRequirement(member, ["admins"], false)).toBe(member);
  });

  it("holds back a site admin's powers, reading approval groups included, and says why", () => {
    const held = applyTwoStepRequirement(admin, ["admins"], false);
    expect(held.siteRole).toBe("MEMBER");
    expect(canOnSite(held, "admin.view")).toBe(false);
    expect(canOnSite(held, "group.create")).toBe(true);
    expect(canInGroup(held, "group.update", null)).toBe(false);
    expect(canReadGroup(held, "APPROVAL", null)).toBe(false);
    expect(refusal(() => assertOnSite(held, "user.suspend"))).toBe(TWO_STEP_REQUIRED_MESSAGE.admins);
    expect(refusal(() => assertInGroup(held, "moderation.actOnPost", null))).toBe(TWO_STEP_REQUIRED_MESSAGE.admins);
    // What any member may do is not refused in two-step's words.
    expect(refusal(() => assertInGroup(held, "post.create", null))).not.toBe(TWO_STEP_REQUIRED_MESSAGE.admins);
  });

  it("holds back an owner's running of the group, keeping what a moderator may do", () => {
    const held = applyTwoStepRequirement(member, ["group-owners"], false);
    expect(actsAsOwner(held, owner)).toBe(false);
    expect(actsAsOwner(member, owner)).toBe(true);
    expect(canInGroup(held, "group.update", owner)).toBe(false);
    expect(canInGroup(held, "members.changeRole", owner)).toBe(false);
    expect(canInGroup(held, "moderation.actOnPost", owner)).toBe(true);
    expect(canInGroup(held, "post.create", owner)).toBe(true);
    expect(refusal(() => assertInGroup(held, "group.update", owner))).toBe(TWO_STEP_REQUIRED_MESSAGE["group-owners"]);
    // A plain member of a group is not told about two-step: only owners are held back.
    const plain: MembershipFacts = { role: "MEMBER", status: "ACTIVE", suspendedUntil: null };
    expect(refusal(() => assertInGroup(held, "group.update", plain))).not.toBe(
      TWO_STEP_REQUIRED_MESSAGE["group-owners"],
    );
  });
});
