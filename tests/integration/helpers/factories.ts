// Test data written straight to the database, bypassing the mutations under test.
// Every user gets a random handle and email, so tests never collide with each other.
import { randomBytes } from "node:crypto";
import type { GroupRole, JoinPolicy, MembershipStatus, Perspective, SiteRole } from "@/generated/prisma/enums";
import { hashPassword } from "@/server/auth/password";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";

export type TestUser = {
  id: string;
  email: string;
  handle: string;
  displayName: string;
  siteRole: SiteRole;
  suspendedUntil: Date | null;
};

export type TestGroup = { id: string; slug: string; name: string; joinPolicy: JoinPolicy };

const unique = () => randomBytes(5).toString("hex");

// argon2 is deliberately slow (~50 ms): hash each distinct password once per test file.
const hashes = new Map<string, Promise<string>>();
function hashOnce(password: string) {
  let found = hashes.get(password);
  if (!found) {
    found = hashPassword(password);
    hashes.set(password, found);
  }
  return found;
}

export async function makeUser(
  options: {
    perspective?: Perspective;
    siteRole?: SiteRole;
    suspendedUntil?: Date | null;
    suspensionReason?: string;
    /** Without a password the account has no hash (like an OAuth-only account) and nothing is hashed. */
    password?: string;
    displayName?: string;
    /** Whether the email address is confirmed (yes unless said otherwise, like accounts made before confirmation existed). */
    confirmed?: boolean;
  } = {},
): Promise<TestUser> {
  const id = unique();
  return db.user.create({
    data: {
      email: `user_${id}@example.test`,
      handle: `u_${id}`,
      displayName: options.displayName ?? `Test user ${id}`,
      siteRole: options.siteRole ?? "MEMBER",
      suspendedUntil: options.suspendedUntil ?? null,
      suspensionReason: options.suspensionReason ?? null,
      passwordHash: options.password === undefined ? null : await hashOnce(options.password),
      emailConfirmedAt: options.confirmed === false ? null : new Date(),
      profile: { create: { perspective: options.perspective ?? "OTHER" } },
    },
    select: { id: true, email: true, handle: true, displayName: true, siteRole: true, suspendedUntil: true },
  }) as Promise<TestUser>;
}

/** A group with `owner` as its only (active) owner; memberCount kept in step. */
export async function makeGroup(
  owner: { id: string },
  options: { joinPolicy?: JoinPolicy; name?: string } = {},
): Promise<TestGroup> {
  const id = unique();
  return db.group.create({
    data: {
      slug: `group-${id}`,
      name: options.name ?? `Group ${id}`,
      description: "A group made by the test factories.",
      joinPolicy: options.joinPolicy ?? "OPEN",
      createdById: owner.id,
      memberCount: 1,
      memberships: { create: { userId: owner.id, role: "OWNER", status: "ACTIVE", joinedAt: new Date() } },
    },
    select: { id: true, slug: true, name: true, joinPolicy: true },
  });
}

/** Adds a membership as the mutations would leave it, keeping Group.memberCount in step. */
export async function addMember(
  group: { id: string },
  user: { id: string },
  role: GroupRole = "MEMBER",
  status: MembershipStatus = "ACTIVE",
  options: { suspendedUntil?: Date | null; requestNote?: string } = {},
) {
  await db.$transaction([
    db.membership.create({
      data: {
        groupId: group.id,
        userId: user.id,
        role,
        status,
        suspendedUntil: options.suspendedUntil ?? null,
        requestNote: options.requestNote ?? "",
        joinedAt: status === "ACTIVE" ? new Date() : null,
      },
    }),
    db.group.update({ where: { id: group.id }, data: { memberCount: { increment: status === "ACTIVE" ? 1 : 0 } } }),
  ]);
}

/** The acting user as the session layer hands it to mutations. */
export function actorOf(user: { id: string; siteRole: SiteRole; suspendedUntil: Date | null }): NonNullable<Actor> {
  return { id: user.id, siteRole: user.siteRole, suspendedUntil: user.suspendedUntil };
}

export const days = (n: number) => new Date(Date.now() + n * 24 * 60 * 60 * 1000);
