// The refusals say no in a fixed order, in the words of one table: signed out first, then a
// suspension (of the account, then in the group), then the role's reason. Written out here rather
// than derived from refusals.ts, so a change of order or wording shows.
import { describe, expect, it } from "vitest";
import type { Actor, MembershipFacts } from "@/server/authz/permissions";
import {
  accountSuspendedMessage,
  assertCanRead,
  assertCanReadLists,
  assertInGroup,
  assertInOrganisation,
  assertOnSite,
  groupSuspendedMessage,
  participationRefusal,
  REFUSALS,
} from "@/server/authz/refusals";
import { AppError } from "@/server/errors";

const later = new Date(Date.now() + 7 * 86_400_000);
const member: Actor = { id: "m", siteRole: "MEMBER", suspendedUntil: null };
const admin: Actor = { id: "a", siteRole: "ADMIN", suspendedUntil: null };
const suspendedAdmin: Actor = { id: "s", siteRole: "ADMIN", suspendedUntil: later };
const active: MembershipFacts = { role: "MEMBER", status: "ACTIVE", suspendedUntil: null };
const suspendedHere: MembershipFacts = { role: "OWNER", status: "ACTIVE", suspendedUntil: later };

function refusal(check: () => unknown): { code: string; message: string } | null {
  try {
    check();
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { code: error.code, message: error.message };
  }
}

describe("refusals", () => {
  it("asks a signed-out caller to sign in, whatever the permission", () => {
    expect(refusal(() => assertInGroup(null, "post.create", null))).toEqual({
      code: "UNAUTHENTICATED",
      message: "Please sign in to do that.",
    });
    expect(refusal(() => assertInOrganisation(null, "commission.create", null))?.code).toBe("UNAUTHENTICATED");
    expect(refusal(() => assertOnSite(null, "group.create"))?.code).toBe("UNAUTHENTICATED");
  });

  it("tells a suspended account why, before its role's reason", () => {
    const said = { code: "FORBIDDEN", message: accountSuspendedMessage(later) };
    expect(refusal(() => assertInGroup(suspendedAdmin, "group.update", active))).toEqual(said);
    expect(refusal(() => assertInOrganisation(suspendedAdmin, "commission.viewDashboard", null))).toEqual(said);
    expect(refusal(() => assertOnSite(suspendedAdmin, "user.suspend"))).toEqual(said);
  });

  it("tells a member suspended from the group until when", () => {
    expect(refusal(() => assertInGroup(member, "post.create", suspendedHere))).toEqual({
      code: "FORBIDDEN",
      message: groupSuspendedMessage(later),
    });
  });

  it("gives the role's reason from the one table", () => {
    expect(refusal(() => assertInGroup(member, "group.update", active))).toEqual({
      code: "FORBIDDEN",
      message: "Only the group's owners can change its settings.",
    });
    expect(refusal(() => assertInGroup(member, "vote.cast", null))?.message).toBe(
      "Only members of the group can vote.",
    );
    expect(refusal(() => assertInOrganisation(member, "commission.create", null))?.message).toBe(
      "Only the organisation's admins can do that.",
    );
    expect(refusal(() => assertOnSite(member, "user.suspend"))?.message).toBe(REFUSALS["user.suspend"]);
    expect(refusal(() => assertInGroup(member, "post.create", active))).toBeNull();
    expect(refusal(() => assertOnSite(admin, "user.suspend"))).toBeNull();
  });

  it("answers NOT_FOUND for an approval group's content and FORBIDDEN for its lists", () => {
    const approval = { joinPolicy: "APPROVAL" as const };
    expect(refusal(() => assertCanRead(member, approval, null, "That thread"))).toEqual({
      code: "NOT_FOUND",
      message: "That thread was not found.",
    });
    expect(refusal(() => assertCanReadLists(member, approval, null, "papers"))).toEqual({
      code: "FORBIDDEN",
      message: "Papers in this group are visible to its members only.",
    });
    expect(refusal(() => assertCanRead(null, { joinPolicy: "OPEN" }, null, "That thread"))).toBeNull();
    expect(refusal(() => assertCanRead(admin, approval, null, "That thread"))).toBeNull();
  });

  it("tells a suspended member why they cannot take part, instead of asking them to join", () => {
    expect(participationRefusal(member, "post.create", suspendedHere)).toBe(groupSuspendedMessage(later));
    expect(participationRefusal(suspendedAdmin, "thread.create", null)).toBe(accountSuspendedMessage(later));
    // Allowed, signed out, or not a member: the page offers the form, signing in, or joining.
    expect(participationRefusal(member, "post.create", active)).toBeNull();
    expect(participationRefusal(null, "post.create", null)).toBeNull();
    expect(participationRefusal(member, "post.create", null)).toBeNull();
    expect(participationRefusal(member, "post.create", { ...active, status: "PENDING" })).toBeNull();
  });
});
