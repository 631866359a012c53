import "server-only";
import { cache } from "react";
import { loadOrganisationAccess } from "@/server/authz/authorize";
import { type Actor, canInOrganisation, canReadGroup } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { renderedHtml } from "@/server/markdown/rendered";
import { phaseOf, postingStateOf } from "../timeline";
import { BRIEF_SELECT } from "./commission-form";

/**
 * A commission's public page: the brief, the timeline, and each group it was posted to with
 * where that group stands. Postings are capped at COMMISSION_LIMITS.groups, so this is bounded.
 */
export const getCommissionPage = cache(async (viewer: Actor, commissionId: string, now = new Date()) => {
  const commission = await db.commission.findUnique({
    where: { id: commissionId },
    select: {
      ...BRIEF_SELECT,
      createdAt: true,
      updatedAt: true,
      organisation: { select: { slug: true, name: true, verifiedAt: true } },
      postings: {
        orderBy: { createdAt: "asc" },
        select: {
          status: true,
          decidedAt: true,
          group: { select: { id: true, slug: true, name: true, joinPolicy: true } },
          paper: {
            select: {
              slug: true,
              title: true,
              publications: { orderBy: { version: "desc" }, take: 1, select: { version: true, publishedAt: true } },
            },
          },
        },
      },
    },
  });
  if (!commission) throw notFound("That commission");
  const { role } = await loadOrganisationAccess(db, viewer, commission.organisationId);
  // Which members-only groups the viewer belongs to, so paper links are offered only where they work.
  const memberOf = viewer
    ? new Set(
        (
          await db.membership.findMany({
            where: { userId: viewer.id, status: "ACTIVE", groupId: { in: commission.postings.map((p) => p.group.id) } },
            select: { groupId: true },
          })
        ).map((m) => m.groupId),
      )
    : new Set<string>();
  const postings = commission.postings.map((p) => {
    const latest = p.paper.publications[0] ?? null;
    return {
      group: { slug: p.group.slug, name: p.group.name },
      paper: { slug: p.paper.slug, title: p.paper.title },
      canReadPaper: canReadGroup(
        viewer,
        p.group.joinPolicy,
        memberOf.has(p.group.id) ? { role: "MEMBER", status: "ACTIVE", suspendedUntil: null } : null,
      ),
      state: postingStateOf({ status: p.status, publishedAt: latest?.publishedAt ?? null }, commission.deadlineAt, now),
      decidedAt: p.decidedAt,
      latestVersion: latest?.version ?? null,
      publishedAt: latest?.publishedAt ?? null,
    };
  });
  const { organisation, postings: _raw, ...brief } = commission;
  const [backgroundHtml, scopeHtml, goodAnswerHtml, disclosureHtml] = await renderedHtml([
    brief.background,
    brief.scope,
    brief.goodAnswer,
    brief.disclosure,
  ]);
  return {
    commission: brief,
    /** The brief's Markdown parts, sanitised. */
    html: { background: backgroundHtml, scope: scopeHtml, goodAnswer: goodAnswerHtml, disclosure: disclosureHtml },
    organisation: { slug: organisation.slug, name: organisation.name, verified: organisation.verifiedAt !== null },
    postings,
    phase: phaseOf(
      commission,
      postings.map((p) => p.state),
      now,
    ),
    can: {
      update: canInOrganisation(viewer, "commission.update", role),
      post: canInOrganisation(viewer, "commission.post", role),
      invite: canInOrganisation(viewer, "commission.invite", role),
      viewDashboard: canInOrganisation(viewer, "commission.viewDashboard", role),
    },
  };
});

export type CommissionPage = Awaited<ReturnType<typeof getCommissionPage>>;
