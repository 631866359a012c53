import "server-only";
import { cache } from "react";
import { parseCommissionCredit } from "@/features/publishing/commission-credit";
import { loadPublication } from "@/features/publishing/queries/publication";
import { parseVersion } from "@/features/publishing/queries/publication-page";
import { loadOrganisationAccess } from "@/server/authz/authorize";
import { type Actor, canInOrganisation } from "@/server/authz/permissions";
import { assertInOrganisation } from "@/server/authz/refusals";
import { db } from "@/server/db";
import { conflict, notFound } from "@/server/errors";
import { renderedHtml } from "@/server/markdown/rendered";

export type PublicationResponse = {
  id: string;
  organisation: { slug: string; name: string; verified: boolean };
  signatoryName: string;
  createdAt: Date;
  /** Sanitised when it was rendered (src/server/markdown/). */
  bodyHtml: string;
};

/**
 * The signed responses to one published version (in practice one: only the commissioning
 * organisation may respond, once), newest organisation data, rendered safely. Not cached: a
 * response may arrive any time after publication and must show at once.
 */
export async function listPublicationResponses(publicationId: string): Promise<PublicationResponse[]> {
  const rows = await db.commissionResponse.findMany({
    where: { publicationId },
    orderBy: { createdAt: "asc" },
    take: 10,
    select: {
      id: true,
      signatoryName: true,
      body: true,
      createdAt: true,
      organisation: { select: { slug: true, name: true, verifiedAt: true } },
    },
  });
  const bodies = await renderedHtml(rows.map((r) => r.body));
  return rows.map((r, i) => ({
    id: r.id,
    organisation: {
      slug: r.organisation.slug,
      name: r.organisation.name,
      verified: r.organisation.verifiedAt !== null,
    },
    signatoryName: r.signatoryName,
    createdAt: r.createdAt,
    bodyHtml: bodies[i],
  }));
}

/** Whether the viewer may respond to this version now: an admin of the commissioning organisation, with no response yet. */
export async function canRespondTo(
  viewer: Actor,
  publicationId: string,
  responses: PublicationResponse[],
): Promise<boolean> {
  if (!viewer) return false;
  const pub = await db.publication.findUnique({
    where: { id: publicationId },
    select: { paper: { select: { commission: { select: { organisationId: true } } } } },
  });
  const organisationId = pub?.paper.commission?.organisationId;
  if (!organisationId) return false;
  const { organisation, role } = await loadOrganisationAccess(db, viewer, organisationId);
  if (!canInOrganisation(viewer, "commission.respond", role)) return false;
  return !responses.some((r) => r.organisation.slug === organisation.slug);
}

/**
 * The respond page: the version, its credit, and the organisation responding. Refused unless the
 * viewer may respond for the commissioning organisation; a conflict once it has responded.
 */
export const getRespondForm = cache(
  async (viewer: Actor, groupSlug: string, paperSlug: string, versionParam: string) => {
    const publication = await loadPublication(
      groupSlug.toLowerCase(),
      paperSlug.toLowerCase(),
      parseVersion(versionParam),
    );
    const credit = parseCommissionCredit(publication.commissionCredit);
    const live = await db.paper.findUnique({
      where: { id: publication.paper.id },
      select: { commission: { select: { organisationId: true } } },
    });
    const organisationId = live?.commission?.organisationId;
    if (!credit || !organisationId) throw notFound("A commission for this version");
    const { organisation, role } = await loadOrganisationAccess(db, viewer, organisationId);
    assertInOrganisation(viewer, "commission.respond", role);
    const existing = await db.commissionResponse.findUnique({
      where: { publicationId_organisationId: { publicationId: publication.id, organisationId } },
      select: { id: true },
    });
    if (existing) throw conflict(`Your organisation has already responded to version ${publication.version}.`);
    return {
      publication: {
        id: publication.id,
        version: publication.version,
        title: publication.title,
        publishedAt: publication.publishedAt,
      },
      group: publication.paper.group,
      paper: { slug: publication.paper.slug },
      organisation: { slug: organisation.slug, name: organisation.name },
    };
  },
);
