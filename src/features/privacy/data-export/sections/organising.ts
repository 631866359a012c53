import "server-only";
import { commissionPath, organisationPath } from "@/lib/paths";
import { db } from "@/server/db";
import { afterId, groupOf, oldestFirst, section } from "../section";

// Parts of a member's archive (see ../sections.ts for what may go in one, and the list of files):
// what the member set up for others: groups, invitation links, organisations, commissions.

export const groupsStarted = section({
  covers: ["Group.createdBy"],
  count: (userId) => db.group.count({ where: { createdById: userId } }),
  batch: (userId, after, take) =>
    db.group.findMany({
      where: { createdById: userId, ...afterId(after) },
      orderBy: oldestFirst,
      take,
      select: { id: true, slug: true, name: true, description: true, joinPolicy: true, sector: true, createdAt: true },
    }),
  cursorOf: (g) => ({ at: g.createdAt, key: g.id }),
  record: (g) => ({
    id: g.id,
    ...groupOf(g),
    description: g.description,
    joinPolicy: g.joinPolicy,
    field: g.sector,
    startedAt: g.createdAt,
  }),
});

/** Invitation links the member made or stopped; the link's secret part is left out, as it still lets people in. */
export const groupInvitations = section({
  covers: ["GroupInvitation.createdBy", "GroupInvitation.revokedBy"],
  count: (userId) => db.groupInvitation.count({ where: { OR: [{ createdById: userId }, { revokedById: userId }] } }),
  batch: (userId, after, take) =>
    db.groupInvitation
      .findMany({
        where: { AND: [{ OR: [{ createdById: userId }, { revokedById: userId }] }, afterId(after)] },
        orderBy: oldestFirst,
        take,
        select: {
          id: true,
          note: true,
          createdById: true,
          revokedById: true,
          expiresAt: true,
          maxUses: true,
          uses: true,
          revokedAt: true,
          createdAt: true,
          group: { select: { slug: true, name: true } },
        },
      })
      // Whose link it was is the member's part; the other person's id stays out of the archive.
      .then((rows) =>
        rows.map(({ createdById, revokedById, ...i }) => ({
          ...i,
          madeByYou: createdById === userId,
          stoppedByYou: revokedById === userId,
        })),
      ),
  cursorOf: (i) => ({ at: i.createdAt, key: i.id }),
  record: (i) => ({
    id: i.id,
    group: groupOf(i.group),
    note: i.note,
    madeByYou: i.madeByYou,
    stoppedByYou: i.stoppedByYou,
    madeAt: i.createdAt,
    expiresAt: i.expiresAt,
    maxUses: i.maxUses,
    uses: i.uses,
    stoppedAt: i.revokedAt,
  }),
});

export const organisationsRegistered = section({
  covers: ["Organisation.createdBy"],
  count: (userId) => db.organisation.count({ where: { createdById: userId } }),
  batch: (userId, after, take) =>
    db.organisation.findMany({
      where: { createdById: userId, ...afterId(after) },
      orderBy: oldestFirst,
      take,
      select: { id: true, slug: true, name: true, kind: true, website: true, description: true, createdAt: true },
    }),
  cursorOf: (o) => ({ at: o.createdAt, key: o.id }),
  record: (o) => ({
    id: o.id,
    name: o.name,
    url: organisationPath(o.slug),
    kind: o.kind,
    website: o.website,
    description: o.description,
    registeredAt: o.createdAt,
  }),
});

/** Invitations to act for an organisation that the member sent or accepted (the invitee is named by handle). */
export const organisationInvitations = section({
  covers: ["OrganisationInvitation.inviter", "OrganisationInvitation.acceptedBy"],
  count: (userId) =>
    db.organisationInvitation.count({ where: { OR: [{ inviterId: userId }, { acceptedById: userId }] } }),
  batch: (userId, after, take) =>
    db.organisationInvitation
      .findMany({
        where: { AND: [{ OR: [{ inviterId: userId }, { acceptedById: userId }] }, afterId(after)] },
        orderBy: oldestFirst,
        take,
        select: {
          id: true,
          inviterId: true,
          inviteeHandle: true,
          acceptedAt: true,
          createdAt: true,
          organisation: { select: { slug: true, name: true } },
        },
      })
      .then((rows) => rows.map(({ inviterId, ...i }) => ({ ...i, sentByYou: inviterId === userId }))),
  cursorOf: (i) => ({ at: i.createdAt, key: i.id }),
  record: (i) => ({
    id: i.id,
    organisation: { name: i.organisation.name, url: organisationPath(i.organisation.slug) },
    sentByYou: i.sentByYou,
    invitee: i.inviteeHandle,
    sentAt: i.createdAt,
    acceptedAt: i.acceptedAt,
  }),
});

export const commissionsCreated = section({
  covers: ["Commission.createdBy"],
  count: (userId) => db.commission.count({ where: { createdById: userId } }),
  batch: (userId, after, take) =>
    db.commission.findMany({
      where: { createdById: userId, ...afterId(after) },
      orderBy: oldestFirst,
      take,
      select: {
        id: true,
        title: true,
        question: true,
        background: true,
        scope: true,
        goodAnswer: true,
        disclosure: true,
        contributionsOpenAt: true,
        draftingFrom: true,
        deadlineAt: true,
        createdAt: true,
        updatedAt: true,
        organisation: { select: { slug: true, name: true } },
      },
    }),
  cursorOf: (c) => ({ at: c.createdAt, key: c.id }),
  record: (c) => ({
    id: c.id,
    url: commissionPath(c.id),
    organisation: { name: c.organisation.name, url: organisationPath(c.organisation.slug) },
    brief: {
      title: c.title,
      question: c.question,
      background: c.background,
      scope: c.scope,
      whatAGoodAnswerLooksLike: c.goodAnswer,
      disclosure: c.disclosure,
    },
    contributionsOpenAt: c.contributionsOpenAt,
    draftingFrom: c.draftingFrom,
    deadlineAt: c.deadlineAt,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  }),
});

/** Responses to published reports the member signed for an organisation. */
export const responsesSigned = section({
  covers: ["CommissionResponse.signedBy"],
  count: (userId) => db.commissionResponse.count({ where: { signedById: userId } }),
  batch: (userId, after, take) =>
    db.commissionResponse.findMany({
      where: { signedById: userId, ...afterId(after) },
      orderBy: oldestFirst,
      take,
      select: {
        id: true,
        commissionId: true,
        signatoryName: true,
        body: true,
        createdAt: true,
        organisation: { select: { slug: true, name: true } },
      },
    }),
  cursorOf: (r) => ({ at: r.createdAt, key: r.id }),
  record: (r) => ({
    id: r.id,
    commission: commissionPath(r.commissionId),
    organisation: { name: r.organisation.name, url: organisationPath(r.organisation.slug) },
    signedAs: r.signatoryName,
    text: r.body,
    signedAt: r.createdAt,
  }),
});
