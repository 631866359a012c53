// A demo organisation and its commission, through the platform's own data layer: verified by the
// site admin, posted to two groups; Welfare reform voted to take it on, the other group is voting.

import { closeDueProposals } from "../../src/composition/decisions.ts";
import { proposeAcceptance } from "../../src/features/commissions/acceptance.ts";
import { createCommission } from "../../src/features/commissions/mutations.ts";
import { createOrganisation } from "../../src/features/organisations/mutations.ts";
import { setVerified } from "../../src/features/organisations/verify.ts";
import { castVote } from "../../src/features/proposals/cast-vote.ts";
import type { Actor } from "../../src/server/authz/permissions.ts";
import { db } from "../../src/server/db.ts";
import { DEMO_COMMISSION as c } from "./demo-texts.ts";

const DAY = 24 * 3_600_000;

export async function seedDemoCommission(as: (handle: string) => NonNullable<Actor>) {
  const organisation = await createOrganisation(as(c.organisation.admin), {
    name: c.organisation.name,
    kind: c.organisation.kind,
    website: c.organisation.website,
    description: c.organisation.description,
  });
  await setVerified(as("admin"), {
    organisationId: organisation.id,
    verified: true,
    reason: c.organisation.verifyReason,
  });
  const now = Date.now();
  const { papers } = await createCommission(as(c.organisation.admin), {
    organisationId: organisation.id,
    title: c.title,
    question: c.question,
    background: c.background,
    scope: c.scope,
    goodAnswer: c.goodAnswer,
    disclosure: c.disclosure,
    contributionsOpenAt: new Date(now - DAY),
    draftingFrom: new Date(now + 21 * DAY),
    deadlineAt: new Date(now + 75 * DAY),
    groupSlugs: c.groups,
  });
  const paperIn = (group: string) => papers.find((p) => p.groupSlug === group)!.paperId;

  const accepted = paperIn("welfare-reform");
  const vote = await proposeAcceptance(as(c.acceptance.proposer), {
    paperId: accepted,
    rationale: c.acceptance.rationale,
  });
  for (const who of c.acceptance.supporters)
    await castVote(as(who), { proposalId: vote.id, version: 1, choice: "SUPPORT", reason: "" });
  await db.proposal.update({ where: { id: vote.id }, data: { closesAt: new Date(Date.now() - 1000) } });
  await closeDueProposals({ paperId: accepted });

  const pending = await proposeAcceptance(as(c.pendingVote.proposer), {
    paperId: paperIn(c.pendingVote.group),
    rationale: c.pendingVote.rationale,
  });
  await castVote(as("fatima"), { proposalId: pending.id, version: 1, choice: "SUPPORT", reason: "" });
}
