import "server-only";
import { loadOrganisationAccess } from "@/server/authz/authorize";
import { type Actor, canInOrganisation, canOnSite, type OrganisationPermission } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { renderedHtmlOf } from "@/server/markdown/rendered";

export const ORGANISATIONS_PAGE_SIZE = 20;
export const COMMISSIONS_PAGE_SIZE = 20;
const ADMINS_SHOWN = 50;

const pageCountOf = (total: number, size: number) => Math.max(1, Math.ceil(total / size));

/** All organisations, verified ones first, then by name. */
export async function listOrganisations({ page }: { page: number }) {
  const [total, organisations] = await Promise.all([
    db.organisation.count(),
    db.organisation.findMany({
      orderBy: [{ verifiedAt: { sort: "asc", nulls: "last" } }, { name: "asc" }, { id: "asc" }],
      skip: (page - 1) * ORGANISATIONS_PAGE_SIZE,
      take: ORGANISATIONS_PAGE_SIZE,
      select: {
        id: true,
        slug: true,
        name: true,
        kind: true,
        verifiedAt: true,
        _count: { select: { commissions: true } },
      },
    }),
  ]);
  return {
    organisations: organisations.map(({ _count, verifiedAt, ...o }) => ({
      ...o,
      verified: !!verifiedAt,
      commissionCount: _count.commissions,
    })),
    total,
    page,
    pageCount: pageCountOf(total, ORGANISATIONS_PAGE_SIZE),
  };
}

/** The organisations the viewer is an admin of. */
export async function listMyOrganisations(viewer: Actor) {
  if (!viewer) return [];
  const rows = await db.organisationMember.findMany({
    where: { userId: viewer.id },
    orderBy: { organisation: { name: "asc" } },
    take: 100,
    select: { organisation: { select: { id: true, slug: true, name: true, kind: true, verifiedAt: true } } },
  });
  return rows.map(({ organisation: { verifiedAt, ...o } }) => ({ ...o, verified: !!verifiedAt }));
}

/** Invitations waiting for the viewer's answer. */
export async function listMyInvitations(viewer: Actor) {
  if (!viewer) return [];
  const me = await db.user.findUnique({ where: { id: viewer.id }, select: { handle: true } });
  if (!me) return [];
  const rows = await db.organisationInvitation.findMany({
    where: { inviteeHandle: me.handle, acceptedAt: null },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, createdAt: true, organisation: { select: { slug: true, name: true, verifiedAt: true } } },
  });
  return rows.map(({ organisation: { verifiedAt, ...o }, ...r }) => ({
    ...r,
    organisation: { ...o, verified: !!verifiedAt },
  }));
}

/** One invitation, for its invitee only (null for anyone else, so its existence is not revealed). */
export async function getInvitationForInvitee(viewer: Actor, invitationId: string) {
  if (!viewer || !/^[0-9a-f-]{36}$/i.test(invitationId)) return null;
  const [invitation, me] = await Promise.all([
    db.organisationInvitation.findUnique({
      where: { id: invitationId },
      select: {
        id: true,
        inviteeHandle: true,
        acceptedAt: true,
        createdAt: true,
        inviter: { select: { handle: true, displayName: true, deletedAt: true } },
        organisation: { select: { slug: true, name: true, kind: true, verifiedAt: true } },
      },
    }),
    db.user.findUnique({ where: { id: viewer.id }, select: { handle: true } }),
  ]);
  if (!invitation || !me || invitation.inviteeHandle !== me.handle) return null;
  const { inviter, organisation, inviteeHandle: _, ...rest } = invitation;
  return {
    ...rest,
    inviter: inviter && !inviter.deletedAt ? { handle: inviter.handle, displayName: inviter.displayName } : null,
    organisation: {
      slug: organisation.slug,
      name: organisation.name,
      kind: organisation.kind,
      verified: !!organisation.verifiedAt,
    },
  };
}

/**
 * The public profile: details, admins and a page of commissions. Pending invitations are only
 * for the organisation's admins.
 */
export async function getOrganisationPage(
  slug: string,
  viewer: Actor,
  { commissionPage = 1 }: { commissionPage?: number } = {},
) {
  const found = await db.organisation.findUnique({ where: { slug: slug.toLowerCase() }, select: { id: true } });
  if (!found) return null;
  const [{ role }, organisation, admins, commissionTotal, commissions] = await Promise.all([
    loadOrganisationAccess(db, viewer, found.id),
    db.organisation.findUniqueOrThrow({
      where: { id: found.id },
      select: {
        id: true,
        slug: true,
        name: true,
        kind: true,
        website: true,
        description: true,
        verifiedAt: true,
        createdAt: true,
      },
    }),
    db.organisationMember.findMany({
      where: { organisationId: found.id, user: { deletedAt: null } },
      orderBy: { createdAt: "asc" },
      take: ADMINS_SHOWN,
      select: { userId: true, createdAt: true, user: { select: { handle: true, displayName: true } } },
    }),
    db.commission.count({ where: { organisationId: found.id } }),
    db.commission.findMany({
      where: { organisationId: found.id },
      orderBy: [{ deadlineAt: "desc" }, { id: "asc" }],
      skip: (commissionPage - 1) * COMMISSIONS_PAGE_SIZE,
      take: COMMISSIONS_PAGE_SIZE,
      select: { id: true, title: true, deadlineAt: true, _count: { select: { postings: true } } },
    }),
  ]);
  const can = (permission: OrganisationPermission) => canInOrganisation(viewer, permission, role);
  const pendingInvitations = can("organisation.manageAdmins")
    ? await db.organisationInvitation.findMany({
        where: { organisationId: found.id, acceptedAt: null },
        orderBy: { createdAt: "desc" },
        take: 50,
        select: {
          id: true,
          inviteeHandle: true,
          createdAt: true,
          inviter: { select: { handle: true, displayName: true } },
        },
      })
    : [];
  const { verifiedAt, ...details } = organisation;
  return {
    organisation: {
      ...details,
      verified: !!verifiedAt,
      verifiedAt,
      descriptionHtml: await renderedHtmlOf(details.description),
    },
    admins: admins.map((a) => ({
      userId: a.userId,
      since: a.createdAt,
      handle: a.user.handle,
      displayName: a.user.displayName,
    })),
    isAdmin: role === "ADMIN",
    can,
    canVerify: canOnSite(viewer, "organisation.verify"),
    pendingInvitations,
    commissions: commissions.map(({ _count, ...c }) => ({ ...c, postingCount: _count.postings })),
    commissionPage,
    commissionPageCount: pageCountOf(commissionTotal, COMMISSIONS_PAGE_SIZE),
    commissionTotal,
  };
}
