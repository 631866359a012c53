import "server-only";
import { suspensionInForce } from "@/features/moderation/suspensions";
import { notify } from "@/features/notifications/mutations";
import { groupMembersPath } from "@/lib/paths";
import { loadGroupAccess } from "@/server/authz/authorize";
import type { Actor } from "@/server/authz/permissions";
import { assertSelf, groupSuspendedMessage } from "@/server/authz/refusals";
import { db, type Tx } from "@/server/db";
import { conflict, forbidden } from "@/server/errors";
import { lockGroup } from "@/server/locks";

type JoiningGroup = { id: string; slug: string; name: string; joinPolicy: "OPEN" | "APPROVAL" };

/**
 * Whether the actor may join (or ask to join) the group. Call under lockGroup with the membership
 * read inside the same transaction. Shared by joinGroup and invitation links.
 */
export async function assertMayJoin(
  tx: Tx,
  actor: NonNullable<Actor>,
  group: { id: string },
  membership: { status: string } | null,
) {
  assertSelf(actor, "group.join");
  if (membership?.status === "ACTIVE") throw conflict("You are already a member of this group.");
  if (membership?.status === "PENDING") throw conflict("Your request to join is waiting for approval.");
  // Leaving and rejoining must not shed a suspension from the group: the log remembers it.
  const suspendedUntil = await suspensionInForce(tx, group.id, actor.id);
  if (suspendedUntil) throw forbidden(groupSuspendedMessage(suspendedUntil));
}

/**
 * Writes the membership once assertMayJoin passed: active in an open group, a request for the
 * owners and moderators to decide in an approval group.
 */
export async function writeJoin(
  tx: Tx,
  actor: NonNullable<Actor>,
  group: JoiningGroup,
  options: { note?: string; invitationId?: string; requestText?: string } = {},
) {
  const status = group.joinPolicy === "OPEN" ? "ACTIVE" : "PENDING";
  await tx.membership.create({
    data: {
      groupId: group.id,
      userId: actor.id,
      role: "MEMBER",
      status,
      requestNote: options.note ?? "",
      invitationId: options.invitationId ?? null,
      joinedAt: status === "ACTIVE" ? new Date() : null,
    },
  });
  if (status === "ACTIVE") {
    await tx.group.update({ where: { id: group.id }, data: { memberCount: { increment: 1 } }, select: { id: true } });
  } else {
    const approvers = await tx.membership.findMany({
      where: { groupId: group.id, status: "ACTIVE", role: { in: ["OWNER", "MODERATOR"] } },
      select: { userId: true },
      take: 50,
    });
    await notify(
      tx,
      approvers.map((a) => ({
        userId: a.userId,
        actorId: actor.id,
        kind: "MEMBERSHIP_REQUEST" as const,
        text: options.requestText ?? `Someone asked to join ${group.name}`,
        url: groupMembersPath(group.slug),
      })),
    );
  }
  return { status } as const;
}

/** Joins an open group at once; asks to join an approval group. */
export async function joinGroup(actor: Actor, input: { groupId: string; note?: string }) {
  const me = assertSelf(actor, "group.join");
  return db.$transaction(async (tx) => {
    await lockGroup(tx, input.groupId);
    const { group, membership } = await loadGroupAccess(tx, me, input.groupId);
    await assertMayJoin(tx, me, group, membership);
    return writeJoin(tx, me, group, { note: input.note });
  });
}
