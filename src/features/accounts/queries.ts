import "server-only";
import { cache } from "react";
import { pageCountOf, pageRows } from "@/lib/pages";
import { type Actor, canOnSite, canReadGroup, isAccountSuspended } from "@/server/authz/permissions";
import { REFUSALS } from "@/server/authz/refusals";
import { db, type Tx } from "@/server/db";
import { forbidden, unauthenticated } from "@/server/errors";
import { ZEmail, ZHandle } from "./schemas";

/** The profile fields a person sets; the public profile then shows only those they did not hide. */
const PROFILE_FIELDS = {
  perspective: true,
  sector: true,
  fieldDetail: true,
  organisationName: true,
  bio: true,
  hideOrganisation: true,
  hideSector: true,
  hideGroups: true,
} as const;

/** The actor's own site suspension while it lasts (when it ends, and why), for the notice on every page. */
export async function getOwnSuspension(actor: Actor): Promise<{ until: Date; reason: string | null } | null> {
  if (!actor || !isAccountSuspended(actor)) return null;
  const user = await db.user.findUnique({
    where: { id: actor.id },
    select: { suspendedUntil: true, suspensionReason: true },
  });
  return user?.suspendedUntil ? { until: user.suspendedUntil, reason: user.suspensionReason } : null;
}

export async function getOwnAccount(actor: Actor) {
  if (!actor) throw unauthenticated();
  return db.user.findUniqueOrThrow({
    where: { id: actor.id },
    select: {
      id: true,
      email: true,
      handle: true,
      displayName: true,
      siteRole: true,
      createdAt: true,
      profile: { select: PROFILE_FIELDS },
    },
  });
}

/**
 * What anyone may see of a person: never the email, and only the parts of the
 * profile they chose to show. Groups are listed only where the viewer could read them.
 */
export const getPublicProfile = cache(async (handle: string, viewer: Actor) => {
  const user = await db.user.findUnique({
    where: { handle: handle.toLowerCase() },
    select: {
      id: true,
      handle: true,
      displayName: true,
      createdAt: true,
      deletedAt: true,
      profile: { select: PROFILE_FIELDS },
      memberships: {
        where: { status: "ACTIVE" },
        orderBy: { joinedAt: "desc" },
        take: 50,
        select: { role: true, group: { select: { id: true, slug: true, name: true, joinPolicy: true } } },
      },
    },
  });
  if (!user || user.deletedAt) return null;
  const p = user.profile;
  // The person themselves still sees their groups, with a note that others do not.
  const groupsHidden = !!p?.hideGroups;
  const memberships = groupsHidden && viewer?.id !== user.id ? [] : user.memberships;

  const viewerGroups =
    viewer && memberships.length > 0
      ? new Set(
          (
            await db.membership.findMany({
              where: { userId: viewer.id, status: "ACTIVE", groupId: { in: memberships.map((m) => m.group.id) } },
              select: { groupId: true },
            })
          ).map((m) => m.groupId),
        )
      : new Set<string>();

  return {
    handle: user.handle,
    displayName: user.displayName,
    joinedAt: user.createdAt,
    perspective: p?.perspective ?? "OTHER",
    sector: p && !p.hideSector ? p.sector : null,
    fieldDetail: p && !p.hideSector ? p.fieldDetail : "",
    organisationName: p && !p.hideOrganisation ? p.organisationName : null,
    bio: p?.bio ?? "",
    groupsHidden,
    groups: memberships
      .filter((m) =>
        canReadGroup(
          viewer,
          m.group.joinPolicy,
          viewerGroups.has(m.group.id) ? { role: "MEMBER", status: "ACTIVE", suspendedUntil: null } : null,
        ),
      )
      .map((m) => ({ slug: m.group.slug, name: m.group.name, role: m.role })),
  };
});

/** Whether a handle belongs to a deleted account, so its page can say so instead of "not found". */
export async function isDeletedAccount(handle: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { handle: handle.toLowerCase() }, select: { deletedAt: true } });
  return !!user?.deletedAt;
}

/** Groups where the person is the only active owner: they must hand over ownership before deleting their account. */
export async function groupsOnlyTheyOwn(client: Tx | typeof db, userId: string) {
  const rows = await client.membership.findMany({
    where: {
      userId,
      role: "OWNER",
      status: "ACTIVE",
      group: { memberships: { none: { role: "OWNER", status: "ACTIVE", userId: { not: userId } } } },
    },
    orderBy: { group: { name: "asc" } },
    select: { group: { select: { slug: true, name: true } } },
  });
  return rows.map((r) => r.group);
}

/** What the delete-account form needs to know: how the person confirms, and what stands in the way. */
export async function getAccountDeletionFacts(actor: Actor) {
  if (!actor) throw unauthenticated();
  const [user, onlyOwnerOf] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { handle: true, passwordHash: true } }),
    groupsOnlyTheyOwn(db, actor.id),
  ]);
  // The hash itself never leaves this function.
  return { handle: user.handle, hasPassword: !!user.passwordHash, onlyOwnerOf };
}

export async function listOwnSessions(actor: Actor) {
  if (!actor) throw unauthenticated();
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { sessionsValidFrom: true } });
  return db.authSession.findMany({
    where: {
      userId: actor.id,
      revokedAt: null,
      expiresAt: { gt: new Date() },
      createdAt: { gte: user.sessionsValidFrom },
    },
    orderBy: { lastSeenAt: "desc" },
    take: 50,
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true },
  });
}

const ADMIN_PAGE_SIZE = 25;

/** For site admins: who is here and who is suspended. No emails: admins see what they need, no more. */
export async function listUsersForAdmin(actor: Actor, { query, page }: { query: string; page: number }) {
  // A read, not an action: the signed-out are refused like members (FORBIDDEN), not asked to sign in.
  if (!canOnSite(actor, "admin.view")) throw forbidden(REFUSALS["admin.view"]);
  const where = query
    ? {
        deletedAt: null,
        OR: [
          { handle: { contains: query.toLowerCase() } },
          { displayName: { contains: query, mode: "insensitive" as const } },
        ],
      }
    : { deletedAt: null };
  const [total, users] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: { createdAt: "desc" },
      ...pageRows(page, ADMIN_PAGE_SIZE),
      select: {
        id: true,
        handle: true,
        displayName: true,
        siteRole: true,
        suspendedUntil: true,
        suspensionReason: true,
        createdAt: true,
      },
    }),
  ]);
  return { users, total, page, pageCount: pageCountOf(total, ADMIN_PAGE_SIZE) };
}

/**
 * Which of a registration's email and username are already in use, as messages by field. Values
 * that are not a valid email or username are left to the schema. Sequential reads, not Promise.all:
 * registration may run this inside other work on one connection.
 */
export async function takenRegistrationFields(input: {
  email?: unknown;
  handle?: unknown;
}): Promise<Record<string, string>> {
  const email = ZEmail.safeParse(input.email);
  const handle = ZHandle.safeParse(input.handle);
  const fieldErrors: Record<string, string> = {};
  if (email.success && (await db.user.findUnique({ where: { email: email.data }, select: { id: true } }))) {
    fieldErrors.email = "An account with this email already exists. Sign in instead?";
  }
  if (handle.success && (await db.user.findUnique({ where: { handle: handle.data }, select: { id: true } }))) {
    fieldErrors.handle = "This username is taken. Try another.";
  }
  return fieldErrors;
}

/** The account's address, whether it is confirmed, and whether a password guards changing it. */
export async function getOwnEmailSettings(actor: Actor) {
  if (!actor) throw unauthenticated();
  const user = await db.user.findUniqueOrThrow({
    where: { id: actor.id },
    select: { email: true, emailConfirmedAt: true, passwordHash: true },
  });
  return { email: user.email, confirmedAt: user.emailConfirmedAt, hasPassword: !!user.passwordHash };
}
