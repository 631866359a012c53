import "server-only";
import type { Actor } from "@/server/authz/permissions";
import { assertInGroup } from "@/server/authz/refusals";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { assertDrafting } from "../access";
import { paperAccessBySlug } from "./paper-access";

/** The decision-rules form: owners only (FORBIDDEN with the reason for everyone else who can read the paper). */
export async function getRulesForm(viewer: Actor, groupSlug: string, paperSlug: string) {
  const { paper, group, membership } = await paperAccessBySlug(viewer, groupSlug, paperSlug);
  assertInGroup(viewer, "paper.setRules", membership);
  const {
    id,
    slug,
    title,
    votingPeriodHours,
    quorum,
    thresholdPercent,
    publishThresholdPercent,
    requireBothPerspectives,
  } = paper;
  return {
    group: { slug: group.slug, name: group.name },
    paper: { id, slug, title },
    rules: { votingPeriodHours, quorum, thresholdPercent, publishThresholdPercent, requireBothPerspectives },
  };
}

/** The editorial-fix form for one live section: moderators and owners of a paper being drafted. */
export async function getEditorialFixForm(viewer: Actor, groupSlug: string, paperSlug: string, anchor: string) {
  const { paper, group, membership } = await paperAccessBySlug(viewer, groupSlug, paperSlug);
  // A section that is not there is not found, whoever asks; only then whether they may fix it.
  const exists = await db.section.findUnique({
    where: { paperId_anchor: { paperId: paper.id, anchor: anchor.toLowerCase() } },
    select: { removedAt: true },
  });
  if (!exists || exists.removedAt) throw notFound("That section");
  assertInGroup(viewer, "paper.editorialFix", membership);
  assertDrafting(paper);
  const [section, { revisionNumber }] = await Promise.all([
    db.section.findUnique({
      where: { paperId_anchor: { paperId: paper.id, anchor: anchor.toLowerCase() } },
      select: { id: true, anchor: true, heading: true, body: true, removedAt: true },
    }),
    db.paper.findUniqueOrThrow({ where: { id: paper.id }, select: { revisionNumber: true } }),
  ]);
  if (!section || section.removedAt) throw notFound("That section");
  return {
    group: { slug: group.slug, name: group.name },
    paper: { id: paper.id, slug: paper.slug, title: paper.title, revision: revisionNumber },
    section: { id: section.id, anchor: section.anchor, heading: section.heading, body: section.body },
  };
}
