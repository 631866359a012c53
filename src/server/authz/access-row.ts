// The group and membership columns that one-statement access lookups (threads, replies, papers)
// read beside their own, and the membership facts the permission map decides on, made from them.
import type { GroupRoleName, MembershipFacts } from "./permissions";

/** The columns a one-statement access lookup reads for the viewer's membership (null when there is none). */
export type MembershipColumns = {
  memberRole: GroupRoleName | null;
  memberStatus: "ACTIVE" | "PENDING" | null;
  memberSuspendedUntil: Date | null;
};

/** The group's columns such a lookup reads with them. */
export type GroupAccessColumns = MembershipColumns & {
  groupSlug: string;
  groupName: string;
  joinPolicy: "OPEN" | "APPROVAL";
};

/** The membership facts from a lookup's row: the same for every such lookup. */
export function membershipOf(row: MembershipColumns): MembershipFacts {
  return row.memberRole && row.memberStatus
    ? { role: row.memberRole, status: row.memberStatus, suspendedUntil: row.memberSuspendedUntil }
    : null;
}
