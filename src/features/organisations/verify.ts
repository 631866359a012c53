import "server-only";
import { recordModerationAction } from "@/features/moderation/log";
import { authorize } from "@/server/authz/authorize";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { conflict, notFound, unauthenticated } from "@/server/errors";
import { lockOrganisation } from "@/server/locks";
import type { SetVerifiedInput } from "./schemas";

/** A site admin marks an organisation verified, or withdraws it; either way the site-wide log says who and why. */
export async function setVerified(actor: Actor, input: SetVerifiedInput) {
  if (!actor) throw unauthenticated();
  await authorize(actor, "organisation.verify");
  return db.$transaction(async (tx) => {
    await lockOrganisation(tx, input.organisationId);
    const organisation = await tx.organisation.findUnique({
      where: { id: input.organisationId },
      select: { id: true, slug: true, name: true, verifiedAt: true },
    });
    if (!organisation) throw notFound("That organisation");
    if (!!organisation.verifiedAt === input.verified) {
      throw conflict(input.verified ? "This organisation is already verified." : "This organisation is not verified.");
    }
    await tx.organisation.update({
      where: { id: organisation.id },
      data: input.verified
        ? { verifiedAt: new Date(), verifiedById: actor.id }
        : { verifiedAt: null, verifiedById: null },
      select: { id: true },
    });
    await recordModerationAction(tx, {
      groupId: null,
      actorId: actor.id,
      kind: "VERIFY_ORGANISATION",
      reason: input.reason,
      details: { organisationId: organisation.id, organisationName: organisation.name, verified: input.verified },
    });
    return { slug: organisation.slug };
  });
}
