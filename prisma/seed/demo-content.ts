// Demo discussions and a policy paper with a real history, written through the platform's own
// data layer (so revisions, provenance, tallies and notifications are what members would make).
// Needs the react-server condition for `server-only`: tsx --conditions=react-server.

import { closeDueProposals } from "../../src/composition/decisions.ts";
import { createThread, replyToThread } from "../../src/features/discussions/mutations.ts";
import { commentOnSubject } from "../../src/features/papers/discussion.ts";
import { createPaper, makeEditorialFix } from "../../src/features/papers/paper-mutations.ts";
import { castVote } from "../../src/features/proposals/cast-vote.ts";
import { createProposal } from "../../src/features/proposals/mutations.ts";
import type { Actor } from "../../src/server/authz/permissions.ts";
import { db } from "../../src/server/db.ts";
import { seedDemoCommission } from "./demo-commission.ts";
import { DEMO_PAPER, DEMO_THREADS } from "./demo-texts.ts";

async function actors() {
  const users = await db.user.findMany({ select: { id: true, handle: true, siteRole: true, suspendedUntil: true } });
  const byHandle = new Map(users.map((u) => [u.handle, u]));
  return (handle: string): NonNullable<Actor> => {
    const user = byHandle.get(handle);
    if (!user) throw new Error(`Demo content names an unknown person: ${handle}`);
    return { id: user.id, siteRole: user.siteRole, suspendedUntil: user.suspendedUntil };
  };
}

async function groupId(slug: string) {
  return (await db.group.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;
}

/** Ends a proposal's voting period now, as if its days had passed, and lets the platform close it. */
async function endVoting(paperId: string) {
  await db.proposal.updateMany({ where: { paperId, status: "OPEN" }, data: { closesAt: new Date(Date.now() - 1000) } });
  await closeDueProposals({ paperId });
}

export async function seedDemoDiscussionsAndPaper() {
  const as = await actors();

  for (const thread of DEMO_THREADS) {
    const { threadId, postId } = await createThread(as(thread.author), {
      groupId: await groupId(thread.group),
      title: thread.title,
      body: thread.body,
    });
    for (const reply of thread.replies) {
      await replyToThread(as(reply.author), {
        threadId,
        parentId: reply.toOpening ? postId : undefined,
        body: reply.body,
      });
    }
  }

  const p = DEMO_PAPER;
  const { paperId } = await createPaper(as(p.author), {
    groupId: await groupId(p.group),
    title: p.title,
    question: p.question,
    summary: p.summary,
    sections: p.sections,
  });
  const sections = await db.section.findMany({
    where: { paperId },
    orderBy: { position: "asc" },
    select: { id: true, heading: true, body: true },
  });
  const section = (heading: string) => {
    const found = sections.find((s) => s.heading === heading);
    if (!found) throw new Error(`Demo paper has no section “${heading}”`);
    return found;
  };

  // Revision 2: a claimant's amendment, passed with support from both perspectives.
  const voices = section("What claimants tell us");
  const first = await createProposal(as("ben_k"), {
    kind: "AMEND_SECTION",
    paperId,
    sectionId: voices.id,
    baseRevision: 1,
    heading: voices.heading,
    body: voices.body.replace(p.amendment.find, p.amendment.replace),
    rationale: p.amendment.rationale,
  });
  for (const [who, choice] of [
    ["amara", "SUPPORT"],
    ["fatima", "SUPPORT"],
    ["jo_carer", "SUPPORT"],
    ["kwame", "ABSTAIN"],
    ["ben_k", "SUPPORT"],
  ] as const) {
    await castVote(as(who), {
      proposalId: first.id,
      version: 1,
      choice,
      reason: who === "fatima" ? "This is exactly what people tell us at the housing office." : "",
    });
  }
  await commentOnSubject(as("amara"), {
    subject: "PROPOSAL",
    subjectId: first.id,
    body: "Thanks Ben: the food bank detail makes the problem concrete for readers.",
  });

  // Revision 3: a new section from an adviser who is also a former claimant.
  const added = await createProposal(as("fatima"), {
    kind: "ADD_SECTION",
    paperId,
    baseRevision: 1,
    position: 3,
    ...p.newSection,
  });
  for (const who of ["amara", "ben_k", "jo_carer", "gus"])
    await castVote(as(who), { proposalId: added.id, version: 1, choice: "SUPPORT", reason: "" });
  await endVoting(paperId);

  // Revision 4: a moderator's typo fix, on the record with its reason.
  const recs = await db.section.findFirstOrThrow({
    where: { paperId, heading: "Recommendations" },
    select: { id: true, heading: true, body: true },
  });
  const paper = await db.paper.findUniqueOrThrow({ where: { id: paperId }, select: { revisionNumber: true } });
  await makeEditorialFix(as("ivan"), {
    paperId,
    sectionId: recs.id,
    baseRevision: paper.revisionNumber,
    heading: recs.heading,
    body: recs.body.replace("adavnce", "advance"),
    reason: "Typo: “adavnce”.",
  });

  // Version 1: the group votes to publish the draft as it stands after the fix.
  const publishVote = await createProposal(as("amara"), {
    kind: "PUBLISH",
    paperId,
    baseRevision: paper.revisionNumber + 1,
    rationale: p.publishRationale,
    publicationNote: "",
  });
  for (const who of ["amara", "ben_k", "fatima", "jo_carer", "kwame"])
    await castVote(as(who), { proposalId: publishVote.id, version: 1, choice: "SUPPORT", reason: "" });
  await endVoting(paperId);

  // Open now: a proposal on the next version, still being voted on.
  const open = await createProposal(as("kwame"), {
    kind: "AMEND_SECTION",
    paperId,
    sectionId: recs.id,
    baseRevision: paper.revisionNumber + 1,
    heading: recs.heading,
    body: recs.body.replace("adavnce", "advance").replace(p.openAmendment.find, p.openAmendment.replace),
    rationale: p.openAmendment.rationale,
  });
  await castVote(as("amara"), {
    proposalId: open.id,
    version: 1,
    choice: "SUPPORT",
    reason: "Yes, and the evidence from advice services backs it.",
  });
  await castVote(as("gus"), {
    proposalId: open.id,
    version: 1,
    choice: "OPPOSE",
    reason: "Grants are better than loans; I would not make loans easier.",
  });
  await commentOnSubject(as("ben_k"), {
    subject: "SECTION",
    subjectId: recs.id,
    body: "Could recommendation 2 say who pays for the grant?",
  });

  await seedDemoCommission(as);
}
