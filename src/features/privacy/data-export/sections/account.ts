import "server-only";
import { deviceName } from "@/lib/device-name";
import { postPath } from "@/lib/paths";
import { db } from "@/server/db";
import { afterId, groupOf, oldestFirst, section, type UserLink } from "../section";

// Parts of a member's archive (see ../sections.ts for what may go in one, and the list of files).

// ---------------------------------------------------------------------------------------------
// Profile: one record, read whole.
// ---------------------------------------------------------------------------------------------

/** What profile.json exports, besides the User row itself. */
export const PROFILE_COVERS: readonly UserLink[] = [
  "Profile.user",
  "TwoStepSignIn.user",
  "RecoveryCode.user",
  "OAuthAccount.user",
  "OrganisationMember.user",
  "AuthSession.user",
];

export async function readProfile(userId: string) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      handle: true,
      displayName: true,
      email: true,
      siteRole: true,
      createdAt: true,
      updatedAt: true,
      suspendedUntil: true,
      suspensionReason: true,
      // Every profile field, so that new ones (privacy choices) are exported without a change here.
      profile: { omit: { userId: true } },
      // Whether two-step is on and how many recovery codes are left: never the secret or the code hashes.
      twoStep: { select: { enabledAt: true } },
      recoveryCodes: { select: { createdAt: true, usedAt: true } },
      oauthAccounts: { orderBy: { createdAt: "asc" }, select: { provider: true, createdAt: true } },
      organisationRoles: {
        orderBy: { createdAt: "asc" },
        select: { role: true, createdAt: true, organisation: { select: { name: true, slug: true } } },
      },
      sessions: {
        orderBy: { createdAt: "desc" },
        take: 200,
        select: { createdAt: true, lastSeenAt: true, expiresAt: true, revokedAt: true, userAgent: true },
      },
    },
  });
  return {
    id: user.id,
    handle: user.handle,
    displayName: user.displayName,
    email: user.email,
    siteRole: user.siteRole,
    joinedAt: user.createdAt,
    updatedAt: user.updatedAt,
    suspendedUntil: user.suspendedUntil,
    suspensionReason: user.suspensionReason,
    profile: user.profile,
    twoStepSignIn: {
      onSince: user.twoStep?.enabledAt ?? null,
      recoveryCodesLeft: user.recoveryCodes.filter((c) => !c.usedAt).length,
      recoveryCodesUsed: user.recoveryCodes.filter((c) => c.usedAt).map((c) => c.usedAt),
    },
    signInProviders: user.oauthAccounts.map((a) => ({ provider: a.provider, linkedAt: a.createdAt })),
    organisations: user.organisationRoles.map((o) => ({
      name: o.organisation.name,
      slug: o.organisation.slug,
      role: o.role,
      since: o.createdAt,
    })),
    sessions: user.sessions.map((s) => ({
      signedInAt: s.createdAt,
      lastActiveAt: s.lastSeenAt,
      expiresAt: s.expiresAt,
      endedAt: s.revokedAt,
      device: deviceName(s.userAgent),
      browser: s.userAgent,
    })),
  };
}

export const reports = section({
  covers: ["Report.reporter"],
  count: (userId) => db.report.count({ where: { reporterId: userId } }),
  batch: (userId, after, take) =>
    db.report.findMany({
      where: { reporterId: userId, ...afterId(after) },
      orderBy: oldestFirst,
      take,
      // The reported post's text and author belong to someone else: only where it is.
      select: {
        id: true,
        reason: true,
        status: true,
        resolution: true,
        resolvedAt: true,
        createdAt: true,
        postId: true,
        post: { select: { threadId: true, thread: { select: { title: true } } } },
        group: { select: { slug: true, name: true } },
      },
    }),
  cursorOf: (r) => ({ at: r.createdAt, key: r.id }),
  record: (r) => ({
    id: r.id,
    post: { id: r.postId, url: postPath(r.post.threadId, r.postId), threadTitle: r.post.thread.title },
    group: groupOf(r.group),
    reason: r.reason,
    status: r.status,
    resolution: r.resolution,
    resolvedAt: r.resolvedAt,
    createdAt: r.createdAt,
  }),
  csv: {
    columns: ["id", "created_at", "group", "thread_title", "post_url", "status", "resolved_at", "resolution", "reason"],
    row: (r) => [
      r.id,
      r.createdAt,
      r.group.name,
      r.post.thread.title,
      postPath(r.post.threadId, r.postId),
      r.status,
      r.resolvedAt,
      r.resolution,
      r.reason,
    ],
  },
});

export const notifications = section({
  covers: ["Notification.user"],
  count: (userId) => db.notification.count({ where: { userId } }),
  batch: (userId, after, take) =>
    db.notification.findMany({
      where: { userId, ...afterId(after) },
      orderBy: oldestFirst,
      take,
      select: { id: true, kind: true, text: true, url: true, readAt: true, emailedAt: true, createdAt: true },
    }),
  cursorOf: (n) => ({ at: n.createdAt, key: n.id }),
  record: (n) => ({
    id: n.id,
    kind: n.kind,
    text: n.text,
    url: n.url,
    createdAt: n.createdAt,
    readAt: n.readAt,
    emailedAt: n.emailedAt,
  }),
  csv: {
    columns: ["id", "created_at", "kind", "text", "url", "read_at", "emailed_at"],
    row: (n) => [n.id, n.createdAt, n.kind, n.text, n.url, n.readAt, n.emailedAt],
  },
});

export const memberships = section({
  covers: ["Membership.user"],
  count: (userId) => db.membership.count({ where: { userId } }),
  batch: (userId, after, take) =>
    db.membership.findMany({
      where: {
        userId,
        ...(after
          ? { OR: [{ createdAt: { gt: after.at } }, { createdAt: after.at, groupId: { gt: after.key } }] }
          : {}),
      },
      orderBy: [{ createdAt: "asc" }, { groupId: "asc" }],
      take,
      select: {
        groupId: true,
        role: true,
        status: true,
        requestNote: true,
        suspendedUntil: true,
        suspensionReason: true,
        createdAt: true,
        joinedAt: true,
        group: { select: { slug: true, name: true } },
      },
    }),
  cursorOf: (m) => ({ at: m.createdAt, key: m.groupId }),
  record: (m) => ({
    group: groupOf(m.group),
    role: m.role,
    status: m.status,
    requestNote: m.requestNote,
    askedAt: m.createdAt,
    joinedAt: m.joinedAt,
    suspendedUntil: m.suspendedUntil,
    suspensionReason: m.suspensionReason,
  }),
});

/** Email the site sent (or is about to send) the member, while the outbox keeps it. */
export const emailsSent = section({
  covers: ["OutboxEmail.user"],
  count: (userId) => db.outboxEmail.count({ where: { userId } }),
  batch: (userId, after, take) =>
    db.outboxEmail.findMany({
      where: { userId, ...afterId(after) },
      orderBy: oldestFirst,
      take,
      select: {
        id: true,
        toAddress: true,
        category: true,
        topic: true,
        subject: true,
        text: true,
        status: true,
        sentAt: true,
        createdAt: true,
      },
    }),
  cursorOf: (e) => ({ at: e.createdAt, key: e.id }),
  record: (e) => ({
    id: e.id,
    to: e.toAddress,
    kind: e.topic ?? e.category,
    subject: e.subject,
    // Account emails carry single-use links; an archive is no place for a link that still works.
    text: e.category === "NOTIFICATION" ? e.text : null,
    status: e.status,
    writtenAt: e.createdAt,
    sentAt: e.sentAt,
  }),
});
