import "server-only";
import { notify } from "@/features/notifications/mutations";
import { groupPath } from "@/lib/paths";
import { authorize } from "@/server/authz/authorize";
import type { Actor } from "@/server/authz/permissions";
import { requireActor } from "@/server/authz/refusals";
import { db, type Tx } from "@/server/db";
import { conflict, isUniqueViolation } from "@/server/errors";
import { lockGroup } from "@/server/locks";
import type { CreateGroupInput, UpdateGroupInput } from "./schemas";

// Creating a group and changing its settings.

export async function createGroup(actor: Actor, input: CreateGroupInput) {
  const { me } = await authorize(actor, "group.create");
  try {
    return await db.$transaction(async (tx) => {
      const group = await tx.group.create({
        data: {
          name: input.name,
          slug: input.slug,
          description: input.description,
          joinPolicy: input.joinPolicy,
          sector: input.sector ?? "OTHER",
          createdById: me.id,
          memberCount: 1,
        },
        select: { id: true, slug: true },
      });
      await tx.membership.create({
        data: { groupId: group.id, userId: me.id, role: "OWNER", status: "ACTIVE", joinedAt: new Date() },
      });
      return group;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict("That web address is taken.", { slug: "Another group already uses this web address." });
    throw error;
  }
}

/**
 * Owners change the group's settings. Opening an approval group admits the people still waiting:
 * anyone may now join at once, so keeping them waiting would only punish those who asked first.
 */
export async function updateGroup(actor: Actor, input: UpdateGroupInput) {
  requireActor(actor);
  await db.$transaction(async (tx) => {
    await lockGroup(tx, input.groupId);
    const { group, me } = await authorize(actor, "group.update", { groupId: input.groupId }, tx);
    await tx.group.update({
      where: { id: group.id },
      data: {
        name: input.name,
        description: input.description,
        joinPolicy: input.joinPolicy,
        sector: input.sector,
        autoHideReportThreshold: input.autoHideReportThreshold,
      },
      select: { id: true },
    });
    if (group.joinPolicy === "APPROVAL" && input.joinPolicy === "OPEN")
      await admitPending(tx, me, { ...group, name: input.name });
  });
}

async function admitPending(tx: Tx, actor: NonNullable<Actor>, group: { id: string; slug: string; name: string }) {
  const pending = await tx.membership.findMany({
    where: { groupId: group.id, status: "PENDING" },
    select: { userId: true },
  });
  if (pending.length === 0) return;
  await tx.membership.updateMany({
    where: { groupId: group.id, status: "PENDING" },
    data: { status: "ACTIVE", approvedById: actor.id, joinedAt: new Date() },
  });
  await tx.group.update({
    where: { id: group.id },
    data: { memberCount: { increment: pending.length } },
    select: { id: true },
  });
  await notify(
    tx,
    pending.map((m) => ({
      userId: m.userId,
      actorId: actor.id,
      kind: "MEMBERSHIP_APPROVED" as const,
      text: `${group.name} is now open to everyone: you are a member`,
      url: groupPath(group.slug),
    })),
  );
}
