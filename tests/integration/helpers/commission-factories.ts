// Organisations and commissions for tests: the organisation is written directly, the commission
// goes through the real mutation (so its papers and postings are what the product makes).
import { randomBytes } from "node:crypto";
import { closeProposal } from "@/composition/decisions";
import { proposeAcceptance } from "@/features/commissions/acceptance";
import { createCommission } from "@/features/commissions/mutations";
import type { OrganisationKind } from "@/generated/prisma/enums";
import type { Actor } from "@/server/authz/permissions";
import { db } from "@/server/db";
import { actorOf, days, type TestUser } from "./factories";
import { endVoting, voteAll } from "./paper-factories";

export type TestOrganisation = { id: string; slug: string; name: string };

/** An organisation with the given users as its admins. */
export async function makeOrganisation(
  admins: { id: string }[],
  options: { name?: string; kind?: OrganisationKind; verified?: boolean } = {},
): Promise<TestOrganisation> {
  const id = randomBytes(5).toString("hex");
  return db.organisation.create({
    data: {
      slug: `org-${id}`,
      name: options.name ?? `Organisation ${id}`,
      kind: options.kind ?? "CHARITY",
      description: "An organisation made by the test factories.",
      verifiedAt: options.verified ? new Date() : null,
      createdById: admins[0]?.id,
      members: { create: admins.map((a) => ({ userId: a.id, role: "ADMIN" as const })) },
    },
    select: { id: true, slug: true, name: true },
  });
}

export const BRIEF = {
  title: "Making benefit sanctions fairer",
  question: "How should benefit sanctions change so that they stop pushing people into crisis?",
  background: "Sanctions stop payments for weeks.\n\nAdvice services see the results every day.",
  scope: "Universal Credit sanctions in England, 2020 onwards.",
  goodAnswer: "Evidence from people sanctioned and from the staff who apply sanctions.",
  disclosure: "We fund two workshops and share anonymised casework data.",
};

/** A commission posted to the given groups, through createCommission. */
export async function makeCommission(
  admin: TestUser | Actor,
  organisation: { id: string },
  groups: { slug: string }[],
  overrides: Partial<typeof BRIEF & { contributionsOpenAt: Date; draftingFrom: Date; deadlineAt: Date }> = {},
) {
  const actor = admin && "handle" in admin ? actorOf(admin) : (admin as Actor);
  return createCommission(actor, {
    organisationId: organisation.id,
    ...BRIEF,
    contributionsOpenAt: days(-1),
    draftingFrom: days(7),
    deadlineAt: days(30),
    ...overrides,
    groupSlugs: groups.map((g) => g.slug),
  });
}

/** The group votes to take a commissioned paper on, and the vote closes: the paper is being drafted. */
export async function acceptCommissionedPaper(paperId: string, proposer: Actor, voters: Actor[]) {
  const proposal = await proposeAcceptance(proposer, { paperId, rationale: "We know this area; let us write it." });
  await voteAll(voters, proposal.id, "SUPPORT");
  await endVoting({ proposalIds: [proposal.id] });
  const outcome = await closeProposal(proposal.id);
  return { proposalId: proposal.id, outcome };
}
