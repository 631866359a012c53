import "server-only";
import { pageCountOf, pageRows } from "@/lib/pages";
import { authorize } from "@/server/authz/authorize";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { requireCommissionPermission } from "../access";
import { invitationStateOf } from "../invitation-schemas";

export const INVITATIONS_PAGE_SIZE = 20;

const LINK_SELECT = {
  id: true,
  note: true,
  uses: true,
  maxUses: true,
  expiresAt: true,
  revokedAt: true,
  createdAt: true,
  group: { select: { slug: true, name: true } },
  createdBy: { select: { displayName: true } },
  revokedBy: { select: { displayName: true } },
} as const;

type LinkRow = {
  id: string;
  note: string;
  uses: number;
  maxUses: number | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  group: { slug: string; name: string };
  createdBy: { displayName: string } | null;
  revokedBy: { displayName: string } | null;
};

function toLink(row: LinkRow, now: Date) {
  return {
    id: row.id,
    note: row.note,
    uses: row.uses,
    maxUses: row.maxUses,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    createdAt: row.createdAt,
    group: row.group,
    createdByName: row.createdBy?.displayName ?? "A former admin",
    revokedByName: row.revokedBy?.displayName ?? null,
    state: invitationStateOf(row, now),
  };
}

export type InvitationLinkRow = ReturnType<typeof toLink>;

/** The organisation admins' page: groups that took the commission on, and the links made so far. */
export async function getCommissionInvitations(actor: Actor, commissionId: string, page: number) {
  const { commission, organisation } = await requireCommissionPermission(db, actor, commissionId, "commission.invite");
  const where = { commissionId: commission.id };
  const [postings, total, rows] = await Promise.all([
    db.commissionPosting.findMany({
      where: { commissionId: commission.id, status: "ACCEPTED" },
      orderBy: { createdAt: "asc" },
      select: { group: { select: { slug: true, name: true, joinPolicy: true } } },
    }),
    db.groupInvitation.count({ where }),
    db.groupInvitation.findMany({
      where,
      orderBy: { createdAt: "desc" },
      ...pageRows(page, INVITATIONS_PAGE_SIZE),
      select: { ...LINK_SELECT, token: true },
    }),
  ]);
  const now = new Date();
  return {
    commission: { id: commission.id, title: commission.title },
    organisation: { name: organisation.name, slug: organisation.slug },
    groups: postings.map((p) => p.group),
    links: rows.map((r) => ({ ...toLink(r, now), token: r.token })),
    page,
    pageCount: pageCountOf(total, INVITATIONS_PAGE_SIZE),
  };
}

/** The group owners' view of links into their group; tokens stay with the organisation that made them. */
export async function getGroupInvitations(actor: Actor, groupId: string, page: number) {
  await authorize(actor, "invitations.revoke", { groupId });
  const where = { groupId };
  const [total, rows] = await Promise.all([
    db.groupInvitation.count({ where }),
    db.groupInvitation.findMany({
      where,
      orderBy: { createdAt: "desc" },
      ...pageRows(page, INVITATIONS_PAGE_SIZE),
      select: { ...LINK_SELECT, organisation: { select: { name: true } } },
    }),
  ]);
  const now = new Date();
  return {
    links: rows.map((r) => ({ ...toLink(r, now), organisationName: r.organisation?.name ?? null })),
    page,
    pageCount: pageCountOf(total, INVITATIONS_PAGE_SIZE),
  };
}

/** What anyone holding the link sees: public by design, since the link is the way in. */
export async function getInvitationLanding(token: string, viewer: Actor) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const link = await db.groupInvitation.findUnique({
    where: { token },
    select: {
      groupId: true,
      note: true,
      uses: true,
      maxUses: true,
      expiresAt: true,
      revokedAt: true,
      group: { select: { slug: true, name: true, description: true, joinPolicy: true, memberCount: true } },
      organisation: { select: { slug: true, name: true, verifiedAt: true } },
      commission: { select: { id: true, title: true } },
    },
  });
  if (!link) return null;
  const membership = viewer
    ? await db.membership.findUnique({
        where: { groupId_userId: { groupId: link.groupId, userId: viewer.id } },
        select: { status: true },
      })
    : null;
  return {
    note: link.note,
    expiresAt: link.expiresAt,
    state: invitationStateOf(link),
    group: link.group,
    organisation: link.organisation
      ? { slug: link.organisation.slug, name: link.organisation.name, verified: link.organisation.verifiedAt !== null }
      : null,
    commission: link.commission,
    viewerStatus: membership?.status ?? null,
  };
}
