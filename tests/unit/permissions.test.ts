import { describe, expect, it } from "vitest";
import {
  type Actor,
  ALL_GROUP_PERMISSIONS,
  canForSelf,
  canInGroup,
  canInOrganisation,
  canOnSite,
  canReadGroup,
  GROUP_ROLE_PERMISSIONS,
  type GroupPermission,
  type GroupRoleName,
  groupPermissionsOf,
  isAccountSuspended,
  KEPT_WHILE_SUSPENDED,
  type MembershipFacts,
  ORGANISATION_ROLE_PERMISSIONS,
  SELF_PERMISSIONS,
} from "@/server/authz/permissions";

// A fixed clock so that "suspended" never depends on when the suite runs.
const NOW = new Date("2030-06-01T12:00:00Z");
const LATER = new Date("2030-06-08T12:00:00Z");
const EARLIER = new Date("2030-05-01T12:00:00Z");

const member: Actor = { id: "u-member", siteRole: "MEMBER", suspendedUntil: null };
const admin: Actor = { id: "u-admin", siteRole: "ADMIN", suspendedUntil: null };
const siteSuspended: Actor = { id: "u-susp", siteRole: "MEMBER", suspendedUntil: LATER };
const suspendedAdmin: Actor = { id: "u-susp-admin", siteRole: "ADMIN", suspendedUntil: LATER };
const formerlySuspended: Actor = { id: "u-was-susp", siteRole: "MEMBER", suspendedUntil: EARLIER };

const active = (role: GroupRoleName, suspendedUntil: Date | null = null): MembershipFacts => ({
  role,
  status: "ACTIVE",
  suspendedUntil,
});
const pending = (role: GroupRoleName = "MEMBER"): MembershipFacts => ({
  role,
  status: "PENDING",
  suspendedUntil: null,
});

const PARTICIPATION: GroupPermission[] = [
  "thread.create",
  "thread.editTitle",
  "post.create",
  "post.edit",
  "post.delete",
  "post.react",
  "post.report",
  "paper.create",
  "proposal.create",
  "proposal.edit",
  "proposal.withdraw",
  "vote.cast",
];
const MODERATION: GroupPermission[] = [
  "members.approve",
  "moderation.viewQueue",
  "moderation.actOnPost",
  "moderation.actOnThread",
  "moderation.suspendMember",
  "paper.editorialFix",
];
const OWNERSHIP: GroupPermission[] = [
  "group.update",
  "members.changeRole",
  "members.remove",
  "paper.setRules",
  "commission.decline",
  "invitations.revoke",
];

const sorted = (set: Iterable<GroupPermission>) => [...set].sort();

describe("group permissions by role", () => {
  it("ALL_GROUP_PERMISSIONS is exactly participation + moderation + ownership", () => {
    expect(sorted(ALL_GROUP_PERMISSIONS)).toEqual(sorted([...PARTICIPATION, ...MODERATION, ...OWNERSHIP]));
  });

  it("an anonymous visitor has no permission in any group, whatever membership is passed", () => {
    expect(groupPermissionsOf(null, null, NOW).size).toBe(0);
    expect(groupPermissionsOf(null, active("OWNER"), NOW).size).toBe(0);
    for (const p of ALL_GROUP_PERMISSIONS) expect(canInGroup(null, p, active("OWNER"), NOW)).toBe(false);
  });

  it("a signed-in non-member has no permission in a group", () => {
    expect(groupPermissionsOf(member, null, NOW).size).toBe(0);
  });

  it("a member takes part but neither moderates nor runs the group", () => {
    expect(sorted(groupPermissionsOf(member, active("MEMBER"), NOW))).toEqual(sorted(PARTICIPATION));
    expect(sorted(GROUP_ROLE_PERMISSIONS.MEMBER)).toEqual(sorted(PARTICIPATION));
  });

  it("a moderator takes part and moderates, but does not run the group", () => {
    const got = groupPermissionsOf(member, active("MODERATOR"), NOW);
    expect(sorted(got)).toEqual(sorted([...PARTICIPATION, ...MODERATION]));
    for (const p of OWNERSHIP) expect(got.has(p)).toBe(false);
  });

  it("an owner holds every group permission", () => {
    expect(sorted(groupPermissionsOf(member, active("OWNER"), NOW))).toEqual(sorted(ALL_GROUP_PERMISSIONS));
  });

  it("a pending membership grants nothing, whatever role it carries", () => {
    for (const role of ["MEMBER", "MODERATOR", "OWNER"] as const) {
      expect(groupPermissionsOf(member, pending(role), NOW).size).toBe(0);
    }
  });

  it("a member suspended from the group has none of their role's permissions there", () => {
    for (const role of ["MEMBER", "MODERATOR", "OWNER"] as const) {
      expect(groupPermissionsOf(member, active(role, LATER), NOW).size).toBe(0);
    }
    expect(canInGroup(member, "vote.cast", active("OWNER", LATER), NOW)).toBe(false);
    expect(canInGroup(member, "group.update", active("OWNER", LATER), NOW)).toBe(false);
  });

  it("a group suspension that has ended no longer restricts", () => {
    expect(sorted(groupPermissionsOf(member, active("MEMBER", EARLIER), NOW))).toEqual(sorted(PARTICIPATION));
    // The boundary: suspended until exactly now means the suspension is over.
    expect(canInGroup(member, "post.create", active("MEMBER", NOW), NOW)).toBe(true);
  });

  it("a site-suspended actor has nothing, even as an owner", () => {
    expect(groupPermissionsOf(siteSuspended, active("OWNER"), NOW).size).toBe(0);
    expect(groupPermissionsOf(suspendedAdmin, active("OWNER"), NOW).size).toBe(0);
  });

  it("a site suspension that has ended no longer restricts", () => {
    expect(sorted(groupPermissionsOf(formerlySuspended, active("MEMBER"), NOW))).toEqual(sorted(PARTICIPATION));
  });
});

describe("site admins in groups", () => {
  it("govern every group (moderation and ownership) without being members", () => {
    const got = groupPermissionsOf(admin, null, NOW);
    expect(sorted(got)).toEqual(sorted([...MODERATION, ...OWNERSHIP]));
  });

  it("cannot take part (vote, post, create threads) without a membership", () => {
    for (const p of PARTICIPATION) expect(canInGroup(admin, p, null, NOW)).toBe(false);
    for (const p of PARTICIPATION) expect(canInGroup(admin, p, pending(), NOW)).toBe(false);
  });

  it("take part where they are active members", () => {
    expect(canInGroup(admin, "vote.cast", active("MEMBER"), NOW)).toBe(true);
    expect(sorted(groupPermissionsOf(admin, active("MEMBER"), NOW))).toEqual(sorted(ALL_GROUP_PERMISSIONS));
  });

  it("keep governing a group they are suspended from, but cannot take part there", () => {
    expect(canInGroup(admin, "vote.cast", active("MEMBER", LATER), NOW)).toBe(false);
    expect(canInGroup(admin, "members.remove", active("MEMBER", LATER), NOW)).toBe(true);
  });
});

describe("canReadGroup", () => {
  it("anyone, even anonymous, may read an open group", () => {
    expect(canReadGroup(null, "OPEN", null)).toBe(true);
    expect(canReadGroup(member, "OPEN", null)).toBe(true);
  });

  it("an approval group is readable by active members only", () => {
    expect(canReadGroup(null, "APPROVAL", null)).toBe(false);
    expect(canReadGroup(member, "APPROVAL", null)).toBe(false);
    expect(canReadGroup(member, "APPROVAL", pending())).toBe(false);
    expect(canReadGroup(member, "APPROVAL", active("MEMBER"))).toBe(true);
  });

  it("a member suspended from an approval group may still read it", () => {
    expect(canReadGroup(member, "APPROVAL", active("MEMBER", LATER))).toBe(true);
  });

  it("site admins may read approval groups without being members", () => {
    expect(canReadGroup(admin, "APPROVAL", null)).toBe(true);
  });
});

describe("canOnSite", () => {
  it("anonymous visitors can do nothing site-wide", () => {
    for (const p of ["group.create", "user.suspend", "organisation.verify", "admin.view"] as const) {
      expect(canOnSite(null, p, NOW)).toBe(false);
    }
  });

  it("members can create groups and organisations but not administer the site", () => {
    expect(canOnSite(member, "group.create", NOW)).toBe(true);
    expect(canOnSite(member, "organisation.create", NOW)).toBe(true);
    expect(canOnSite(member, "user.suspend", NOW)).toBe(false);
    expect(canOnSite(member, "organisation.verify", NOW)).toBe(false);
    expect(canOnSite(member, "admin.view", NOW)).toBe(false);
  });

  it("admins can do everything site-wide", () => {
    for (const p of ["group.create", "user.suspend", "organisation.verify", "admin.view"] as const) {
      expect(canOnSite(admin, p, NOW)).toBe(true);
    }
  });

  it("suspended accounts, admins included, can do nothing until the suspension ends", () => {
    expect(canOnSite(siteSuspended, "group.create", NOW)).toBe(false);
    expect(canOnSite(suspendedAdmin, "user.suspend", NOW)).toBe(false);
    expect(canOnSite(siteSuspended, "group.create", new Date(LATER.getTime() + 1))).toBe(true);
  });
});

describe("canInOrganisation", () => {
  const ALL = ORGANISATION_ROLE_PERMISSIONS.ADMIN;

  it("an organisation's admins hold every organisation permission; nobody else holds any but oversight", () => {
    for (const p of ALL) {
      expect(canInOrganisation(member, p, "ADMIN", NOW)).toBe(true);
      expect(canInOrganisation(member, p, null, NOW)).toBe(false);
      expect(canInOrganisation(null, p, null, NOW)).toBe(false);
    }
  });

  it("site admins may look at commission dashboards (oversight) but never act for an organisation", () => {
    expect(ALL.filter((p) => canInOrganisation(admin, p, null, NOW))).toEqual(["commission.viewDashboard"]);
  });

  it("a suspended admin can do nothing for the organisation", () => {
    expect(ALL.filter((p) => canInOrganisation(siteSuspended, p, "ADMIN", NOW))).toEqual([]);
  });

  it("no organisation permission is a group permission: the organisation has no power inside a group", () => {
    const group = new Set<string>(ALL_GROUP_PERMISSIONS);
    expect(ALL.filter((p) => group.has(p))).toEqual([]);
  });
});

describe("changing one's own contributions in a group is taking part", () => {
  const OWN: GroupPermission[] = ["post.edit", "post.delete", "post.react", "proposal.edit", "proposal.withdraw"];

  it("members may, while active and unsuspended", () => {
    for (const p of OWN) expect(canInGroup(member, p, active("MEMBER"), NOW)).toBe(true);
  });

  it("nobody may who is suspended from the group, suspended site-wide, waiting to join or gone", () => {
    for (const p of OWN) {
      expect(canInGroup(member, p, active("MEMBER", LATER), NOW)).toBe(false);
      expect(canInGroup(siteSuspended, p, active("MEMBER"), NOW)).toBe(false);
      expect(canInGroup(member, p, pending(), NOW)).toBe(false);
      expect(canInGroup(member, p, null, NOW)).toBe(false);
      // Site admins govern a group, but their own words there follow the same rule as anyone's.
      expect(canInGroup(admin, p, null, NOW)).toBe(false);
    }
  });
});

describe("self-service (canForSelf)", () => {
  it("anonymous visitors have none", () => {
    for (const p of SELF_PERMISSIONS) expect(canForSelf(null, p, NOW)).toBe(false);
  });

  it("every signed-in account has all of them, admins and members alike", () => {
    for (const p of SELF_PERMISSIONS) {
      expect(canForSelf(member, p, NOW)).toBe(true);
      expect(canForSelf(admin, p, NOW)).toBe(true);
      expect(canForSelf(formerlySuspended, p, NOW)).toBe(true);
    }
  });

  it("a suspended account is read-only: it keeps signing out, its notifications, and its data rights, nothing else", () => {
    expect([...KEPT_WHILE_SUSPENDED].sort()).toEqual([
      "account.delete",
      "account.endSessions",
      "account.exportData",
      "notifications.manage",
    ]);
    for (const who of [siteSuspended, suspendedAdmin]) {
      expect(SELF_PERMISSIONS.filter((p) => canForSelf(who, p, NOW)).sort()).toEqual([...KEPT_WHILE_SUSPENDED].sort());
    }
    for (const p of [
      "account.updateProfile",
      "account.changePassword",
      "group.join",
      "group.leave",
      "organisation.answerInvitation",
      "organisation.leave",
    ] as const) {
      expect(canForSelf(siteSuspended, p, NOW)).toBe(false);
      expect(canForSelf(siteSuspended, p, new Date(LATER.getTime() + 1))).toBe(true);
    }
  });

  it("a suspension from one group takes nothing from the account itself", () => {
    // canForSelf does not look at memberships: leaving a group one is suspended from is allowed.
    for (const p of SELF_PERMISSIONS) expect(canForSelf(member, p, NOW)).toBe(true);
  });

  it("isAccountSuspended says whether the suspension is in force now", () => {
    expect(isAccountSuspended(siteSuspended, NOW)).toBe(true);
    expect(isAccountSuspended(formerlySuspended, NOW)).toBe(false);
    expect(isAccountSuspended(null, NOW)).toBe(false);
    expect(isAccountSuspended(siteSuspended, LATER)).toBe(false);
  });
});

describe("an account whose email address is not confirmed", () => {
  const unconfirmed = { id: "u", siteRole: "MEMBER" as const, suspendedUntil: null, unconfirmed: true };
  const activeMember = { role: "MEMBER" as const, status: "ACTIVE" as const, suspendedUntil: null };
  const activeOwner = { role: "OWNER" as const, status: "ACTIVE" as const, suspendedUntil: null };

  it("takes no part in a group: no posting, reacting, proposing or voting", () => {
    for (const p of [
      "thread.create",
      "post.create",
      "post.react",
      "proposal.create",
      "vote.cast",
      "paper.create",
    ] as const)
      expect(canInGroup(unconfirmed, p, activeMember)).toBe(false);
  });

  it("keeps the powers of a role it holds, and reads what it could read", () => {
    expect(canInGroup(unconfirmed, "moderation.actOnPost", activeOwner)).toBe(true);
    expect(canInGroup(unconfirmed, "post.create", activeOwner)).toBe(false);
    expect(canReadGroup(unconfirmed, "APPROVAL", activeMember)).toBe(true);
  });

  it("starts no groups or organisations, but looks after itself", () => {
    expect(canOnSite(unconfirmed, "group.create")).toBe(false);
    expect(canOnSite(unconfirmed, "organisation.create")).toBe(false);
    for (const p of ["account.updateProfile", "group.join", "notifications.manage", "account.delete"] as const)
      expect(canForSelf(unconfirmed, p)).toBe(true);
  });
});
