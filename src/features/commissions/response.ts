import "server-only";
import { type NewNotification, notify } from "@/features/notifications/mutations";
import { parseContributors } from "@/features/publishing/published";
import { publicationPath } from "@/lib/paths";
import { authorize } from "@/server/authz/authorize";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { conflict, forbidden, isUniqueViolation, notFound, unauthenticated } from "@/server/errors";
import { renderForWrite } from "@/server/markdown/rendered";
import type { RespondToPublicationInput } from "./response-schemas";

const already = (version: number) =>
  conflict(
    `Your organisation has already responded to version ${version}. A response is a signed statement and cannot be changed.`,
  );

/**
 * The commissioning organisation's signed response to a published version, shown with it. Only
 * that organisation's admins may respond, once per version (the unique key settles two at once);
 * the version's contributors hear of it in the same transaction. Responses are never edited.
 */
export async function respondToPublication(actor: Actor, input: RespondToPublicationInput) {
  if (!actor) throw unauthenticated();
  // Who may respond is asked before the text is rendered, and again in the transaction.
  const target = await db.publication.findUnique({
    where: { id: input.publicationId },
    select: { paper: { select: { commission: { select: { organisationId: true } } } } },
  });
  if (!target) throw notFound("That published version");
  if (!target.paper.commission)
    throw forbidden("This paper was not commissioned, so no organisation can respond to it.");
  await authorize(actor, "commission.respond", { organisationId: target.paper.commission.organisationId });
  const rendered = await renderForWrite({ body: input.body }, { by: actor.id });
  let version = 0;
  try {
    const responded = await db.$transaction(async (tx) => {
      const publication = await tx.publication.findUnique({
        where: { id: input.publicationId },
        select: {
          id: true,
          version: true,
          title: true,
          contributors: true,
          paper: {
            select: {
              slug: true,
              commissionId: true,
              commission: { select: { organisationId: true } },
              group: { select: { slug: true } },
            },
          },
        },
      });
      if (!publication) throw notFound("That published version");
      version = publication.version;
      const commission = publication.paper.commission;
      if (!publication.paper.commissionId || !commission)
        throw forbidden("This paper was not commissioned, so no organisation can respond to it.");
      const { organisation } = await authorize(
        actor,
        "commission.respond",
        { organisationId: commission.organisationId },
        tx,
      );
      const existing = await tx.commissionResponse.findUnique({
        where: { publicationId_organisationId: { publicationId: publication.id, organisationId: organisation.id } },
        select: { id: true },
      });
      if (existing) throw already(version);
      const response = await tx.commissionResponse.create({
        data: {
          commissionId: publication.paper.commissionId,
          publicationId: publication.id,
          organisationId: organisation.id,
          signedById: actor.id,
          signatoryName: input.signatoryName,
          body: input.body,
        },
        select: { id: true, createdAt: true },
      });
      const url = publicationPath(publication.paper.group.slug, publication.paper.slug, publication.version);
      const people = parseContributors(publication.contributors).people.flatMap((p) => (p.userId ? [p.userId] : []));
      await notify(
        tx,
        [...new Set(people)].map(
          (userId): NewNotification => ({
            userId,
            actorId: actor.id,
            kind: "COMMISSION_RESPONSE",
            text: `${organisation.name} responded to version ${publication.version} of “${publication.title}”`,
            url: `${url}#commission-response`,
          }),
        ),
      );
      return { id: response.id, url, organisation: { slug: organisation.slug, name: organisation.name } };
    });
    await rendered.save();
    return responded;
  } catch (error) {
    if (isUniqueViolation(error)) throw already(version);
    throw error;
  }
}
