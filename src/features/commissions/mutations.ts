import "server-only";
import { notify } from "@/features/notifications/mutations";
import { insertPaperIn } from "@/features/papers/insert-paper";
import { paperPath } from "@/lib/paths";
import { authorize } from "@/server/authz/authorize";
import { type Actor, canReadGroup } from "@/server/authz/permissions";
import { requireActor } from "@/server/authz/refusals";
import { db, type Tx } from "@/server/db";
import { conflict, invalid, unauthenticated } from "@/server/errors";
import { renderForWrite } from "@/server/markdown/rendered";
import { consumeLimit } from "@/server/rate-limit";
import { withSlugRetry } from "@/server/slug-retry";
import { requireCommissionPermission } from "./access";
import { type Brief, paperFromBrief } from "./brief";
import { COMMISSION_LIMITS } from "./limits";
import type { CreateCommissionInput, PostCommissionInput, UpdateCommissionInput } from "./schemas";

/** The brief's Markdown parts, checked against the complexity limits and rendered for its page. */
function renderBrief(
  brief: { background: string; scope: string; goodAnswer: string; disclosure: string },
  by: NonNullable<Actor>,
) {
  return renderForWrite(
    { background: brief.background, scope: brief.scope, goodAnswer: brief.goodAnswer, disclosure: brief.disclosure },
    { by: by.id },
  );
}

function assertDeadlineAhead(deadlineAt: Date) {
  if (deadlineAt <= new Date())
    throw invalid("Please correct the highlighted fields.", {
      deadlineAt: "The publication deadline must be in the future.",
    });
}

/**
 * The groups a commission may be posted to: those the poster can see. A members-only group the
 * poster cannot read is reported as unknown, exactly like a slug that does not exist.
 */
async function groupsToPost(tx: Tx, actor: NonNullable<Actor>, slugs: string[]) {
  const groups = await tx.group.findMany({
    where: { slug: { in: slugs } },
    select: {
      id: true,
      slug: true,
      name: true,
      joinPolicy: true,
      memberships: { where: { userId: actor.id }, select: { role: true, status: true, suspendedUntil: true } },
    },
  });
  const visible = groups.filter((g) => canReadGroup(actor, g.joinPolicy, g.memberships[0] ?? null));
  const missing = slugs.filter((slug) => !visible.some((g) => g.slug === slug));
  if (missing.length > 0)
    throw invalid("Please correct the highlighted fields.", { groupSlugs: `Unknown group: ${missing.join(", ")}.` });
  return visible;
}

/**
 * Seeds one paper per group from the brief, records the postings, and tells each group's
 * owners and moderators, who will see the decision through.
 */
async function postToGroups(
  tx: Tx,
  actor: NonNullable<Actor>,
  commission: Brief & { id: string; organisationName: string },
  groups: { id: string; slug: string; name: string }[],
) {
  const papers: Awaited<ReturnType<typeof insertPaperIn>>[] = [];
  for (const group of groups) {
    const paper = await insertPaperIn(
      tx,
      group,
      paperFromBrief(commission, { authorId: actor.id, commissionId: commission.id }),
    );
    await tx.commissionPosting.create({
      data: { commissionId: commission.id, groupId: group.id, paperId: paper.paperId },
      select: { paperId: true },
    });
    papers.push(paper);
  }
  const stewards = await tx.membership.findMany({
    where: { groupId: { in: groups.map((g) => g.id) }, status: "ACTIVE", role: { in: ["OWNER", "MODERATOR"] } },
    select: { userId: true, groupId: true },
  });
  await notify(
    tx,
    stewards.map((s) => {
      const slug = groups.find((g) => g.id === s.groupId)?.slug;
      const paper = papers.find((p) => p.groupSlug === slug);
      // The stewards were looked up in exactly these groups, each of which was just given a paper.
      if (!paper) throw new Error(`No paper was posted to group ${s.groupId}`);
      return {
        userId: s.userId,
        actorId: actor.id,
        kind: "COMMISSION_POSTED" as const,
        text: `${commission.organisationName} asks your group to write “${commission.title}”. Members decide whether to take it on.`,
        url: paperPath(paper.groupSlug, paper.slug),
      };
    }),
  );
  return papers;
}

/** An organisation admin sets a brief and posts it to one or more groups, all in one transaction. */
export async function createCommission(actor: Actor, input: CreateCommissionInput) {
  if (!actor) throw unauthenticated();
  const { organisation } = await authorize(actor, "commission.create", { organisationId: input.organisationId });
  assertDeadlineAhead(input.deadlineAt);
  const rendered = await renderBrief(input, actor);
  await consumeLimit("commission", organisation.id);
  const { groupSlugs, organisationId, ...brief } = input;
  const created = await withSlugRetry(async (tx) => {
    const groups = await groupsToPost(tx, actor, groupSlugs);
    const commission = await tx.commission.create({
      data: { ...brief, organisationId, createdById: actor.id },
      select: { id: true },
    });
    const papers = await postToGroups(
      tx,
      actor,
      { ...brief, id: commission.id, organisationName: organisation.name },
      groups,
    );
    return { commissionId: commission.id, papers };
  });
  await rendered.save();
  return created;
}

/** Posts an existing commission to more groups; each group gets its own paper to decide on. */
export async function postCommission(actor: Actor, input: PostCommissionInput) {
  if (!actor) throw unauthenticated();
  const { commission, organisation } = await requireCommissionPermission(
    db,
    actor,
    input.commissionId,
    "commission.post",
  );
  if (commission.deadlineAt <= new Date())
    throw conflict("The deadline has passed; extend it before posting the commission to more groups.");
  return withSlugRetry(async (tx) => {
    // The commission row lock makes "not yet posted there" and the cap hold when admins post at once.
    await tx.$queryRaw`SELECT id FROM "Commission" WHERE id = ${commission.id}::uuid FOR UPDATE`;
    const full = await tx.commission.findUniqueOrThrow({
      where: { id: commission.id },
      select: {
        title: true,
        question: true,
        background: true,
        scope: true,
        goodAnswer: true,
        postings: { select: { group: { select: { slug: true } } } },
      },
    });
    const already = full.postings.map((p) => p.group.slug).filter((slug) => input.groupSlugs.includes(slug));
    if (already.length > 0)
      throw conflict(`This commission is already posted to ${already.join(", ")}.`, {
        groupSlugs: "Untick the groups it is already posted to.",
      });
    if (full.postings.length + input.groupSlugs.length > COMMISSION_LIMITS.groups) {
      throw invalid(`A commission can be posted to at most ${COMMISSION_LIMITS.groups} groups.`, {
        groupSlugs: `It is posted to ${full.postings.length} already.`,
      });
    }
    const groups = await groupsToPost(tx, actor, input.groupSlugs);
    return postToGroups(tx, actor, { ...full, id: commission.id, organisationName: organisation.name }, groups);
  });
}

/**
 * Admins revise the brief and the timeline. Papers already posted keep the text they started
 * with: from then on the text is the group's. A deadline may only move to the future.
 */
export async function updateCommission(actor: Actor, input: UpdateCommissionInput) {
  const { commission } = await requireCommissionPermission(db, actor, input.commissionId, "commission.update");
  if (input.deadlineAt.getTime() !== commission.deadlineAt.getTime()) assertDeadlineAhead(input.deadlineAt);
  // requireCommissionPermission refused anyone signed out: this only narrows the type.
  const rendered = await renderBrief(input, requireActor(actor));
  const { commissionId, ...brief } = input;
  await db.commission.update({ where: { id: commissionId }, data: brief, select: { id: true } });
  await rendered.save();
}
