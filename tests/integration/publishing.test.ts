import { beforeAll, describe, expect, it } from "vitest";
import { closeProposal } from "@/composition/decisions";
import { deleteAccount } from "@/composition/memberships";
import { commentOnSubject as comment, commentOnSubject } from "@/features/papers/discussion";
import { makeEditorialFix, updateDecisionRules } from "@/features/papers/paper-mutations";
import { createProposal } from "@/features/proposals/mutations";
import { parseContributors, parseParticipation, parsePublishedSections } from "@/features/publishing/published";
import { db } from "@/server/db";
import { appError } from "./helpers/app-error";
import { actorOf, addMember, makeGroup, makeUser } from "./helpers/factories";
import { amend, endVoting, makePaper, voteAll } from "./helpers/paper-factories";
import { resetDatabase } from "./helpers/reset-db";

beforeAll(resetDatabase);

async function world() {
  const owner = await makeUser({ perspective: "PRACTITIONER" });
  const group = await makeGroup(owner);
  const [su, both, other] = await Promise.all([
    makeUser({ perspective: "SERVICE_USER" }),
    makeUser({ perspective: "BOTH" }),
    makeUser(),
  ]);
  for (const u of [su, both, other]) await addMember(group, u);
  const paper = await makePaper(group, owner);
  const voters = [owner, su, both, other].map(actorOf);
  return { owner, su, both, other, group, paper, voters };
}

const publish = (paperId: string, baseRevision: number, publicationNote = "") => ({
  kind: "PUBLISH" as const,
  paperId,
  baseRevision,
  rationale: "The draft answers the question well now.",
  publicationNote,
});

describe("publishing a paper", () => {
  it("opens under the higher publication threshold, and when it passes writes version 1 with its contributors and participation", async () => {
    const w = await world();
    const merged = await createProposal(
      actorOf(w.su),
      amend(w.paper, w.paper.sections[0]!, "Pay benefits every week.\n\nAppeals take months."),
    );
    await voteAll(w.voters, merged.id, "SUPPORT");
    await commentOnSubject(actorOf(w.other), { subject: "PROPOSAL", subjectId: merged.id, body: "Good change." });
    await endVoting({ proposalIds: [merged.id] });
    expect(await closeProposal(merged.id)).toBe("MERGED");

    const p = await createProposal(actorOf(w.both), publish(w.paper.id, 2));
    expect(await db.proposal.findUniqueOrThrow({ where: { id: p.id }, select: { thresholdPercent: true } })).toEqual({
      thresholdPercent: 67,
    });
    // 2 of 3 who took a side is 66.7 %: enough for a text change, not for publishing.
    await voteAll(w.voters.slice(0, 2), p.id, "SUPPORT");
    await voteAll([w.voters[2]!], p.id, "OPPOSE");
    await voteAll([w.voters[3]!], p.id, "SUPPORT");
    await endVoting({ proposalIds: [p.id] });
    expect(await closeProposal(p.id)).toBe("PUBLISHED");
    expect(
      await db.proposal.findUniqueOrThrow({ where: { id: p.id }, select: { status: true, statusNote: true } }),
    ).toEqual({ status: "PASSED", statusNote: "Published as version 1." });

    const publication = await db.publication.findFirstOrThrow({ where: { paperId: w.paper.id } });
    expect(publication).toMatchObject({
      version: 1,
      title: w.paper.title,
      licence: "CC-BY-4.0",
      correctionNote: null,
      proposalId: p.id,
    });
    const sections = parsePublishedSections(publication.sections);
    expect(sections.map((s) => s.heading)).toEqual(w.paper.sections.map((s) => s.heading));
    expect(sections[0]!.body).toBe("Pay benefits every week.\n\nAppeals take months.");
    expect(sections[0]!.provenance.some(([revision]) => revision === 2)).toBe(true);
    const contributors = parseContributors(publication.contributors);
    expect(contributors.people.map((c) => [c.userId, c.startedPaper, c.mergedProposals])).toEqual([
      [w.owner.id, true, 0],
      [w.su.id, false, 1],
    ]);
    expect(contributors).toMatchObject({ commenters: 1, voters: 4 });
    expect(parseParticipation(publication.participation)).toEqual({
      proposed: { PRACTITIONER: 0, SERVICE_USER: 1, BOTH: 1, OTHER: 0 },
      discussed: { PRACTITIONER: 0, SERVICE_USER: 0, BOTH: 0, OTHER: 1 },
      voted: { PRACTITIONER: 1, SERVICE_USER: 1, BOTH: 1, OTHER: 1 },
    });
    // Contributors other than the proposer hear about it.
    expect(await db.notification.count({ where: { userId: w.owner.id, kind: "PAPER_PUBLISHED" } })).toBe(1);
  });

  it("a published version cannot be changed by any code: the database refuses", async () => {
    const w = await world();
    const p = await createProposal(actorOf(w.owner), publish(w.paper.id, 1));
    await voteAll(w.voters, p.id, "SUPPORT");
    await endVoting({ proposalIds: [p.id] });
    await closeProposal(p.id);
    const publication = await db.publication.findFirstOrThrow({ where: { paperId: w.paper.id } });
    await expect(
      db.publication.update({ where: { id: publication.id }, data: { title: "Rewritten" } }),
    ).rejects.toThrow();
    await expect(
      db.$executeRaw`UPDATE "Publication" SET summary = 'x' WHERE id = ${publication.id}::uuid`,
    ).rejects.toThrow(/cannot be changed/);
    expect((await db.publication.findUniqueOrThrow({ where: { id: publication.id } })).title).toBe(w.paper.title);
  });

  it("no mutation of the paper, its people or its discussions changes a published version", async () => {
    const owner = await makeUser({ perspective: "PRACTITIONER", password: "a-long-enough-password" });
    const group = await makeGroup(owner);
    const [su, both, other] = await Promise.all([
      makeUser({ perspective: "SERVICE_USER", password: "a-long-enough-password" }),
      makeUser({ perspective: "BOTH" }),
      makeUser(),
    ]);
    for (const u of [su, both, other]) await addMember(group, u);
    const paper = await makePaper(group, owner);
    const voters = [owner, su, both, other].map(actorOf);
    const amendment = await createProposal(
      actorOf(su),
      amend(paper, paper.sections[0]!, "Pay benefits every week.\n\nAppeals take months."),
    );
    await voteAll(voters, amendment.id, "SUPPORT");
    await endVoting({ proposalIds: [amendment.id] });
    await closeProposal(amendment.id);
    const p = await createProposal(actorOf(owner), publish(paper.id, 2));
    await voteAll(voters, p.id, "SUPPORT");
    await endVoting({ proposalIds: [p.id] });
    await closeProposal(p.id);
    const before = await db.publication.findFirstOrThrow({ where: { paperId: paper.id } });

    // Drafting goes on: a merged change, a removal, a new title, an editorial fix, new rules, comments.
    const later = [
      await createProposal(
        actorOf(su),
        amend(paper, paper.sections[0]!, "Pay benefits every week, on time.\n\nAppeals take months.", {
          baseRevision: 2,
        }),
      ),
      await createProposal(actorOf(both), {
        kind: "REMOVE_SECTION",
        paperId: paper.id,
        sectionId: paper.sections[2]!.id,
        baseRevision: 2,
        rationale: "Advice belongs in another paper.",
      }),
      await createProposal(actorOf(owner), {
        kind: "RETITLE",
        paperId: paper.id,
        baseRevision: 2,
        title: "A new title for the draft",
        question: "How should claimants be paid while they wait?",
        summary: "Pay people sooner and more simply.",
        rationale: "A clearer title for the next version.",
      }),
    ];
    for (const proposal of later) await voteAll(voters, proposal.id, "SUPPORT");
    await endVoting({ proposalIds: later.map((x) => x.id) });
    for (const proposal of later) await closeProposal(proposal.id);
    const state = await db.paper.findUniqueOrThrow({ where: { id: paper.id }, select: { revisionNumber: true } });
    await makeEditorialFix(actorOf(owner), {
      paperId: paper.id,
      sectionId: paper.sections[1]!.id,
      baseRevision: state.revisionNumber,
      heading: "Assessments",
      body: "Assessments are done by telephone. Many people cannot hear well on the phone.",
      reason: "Spelling out the word.",
    });
    await updateDecisionRules(actorOf(owner), {
      paperId: paper.id,
      votingPeriodHours: 24,
      quorum: 5,
      thresholdPercent: 70,
      publishThresholdPercent: 80,
      requireBothPerspectives: true,
    });
    await comment(actorOf(other), { subject: "PAPER", subjectId: paper.id, body: "On to version 2." });
    // A proposer who deletes their account, posts' text and all.
    await deleteAccount(actorOf(su), { posts: "remove", understood: "on", password: "a-long-enough-password" });

    const after = await db.publication.findFirstOrThrow({ where: { paperId: paper.id } });
    expect(after).toEqual(before);
    expect((await db.paper.findUniqueOrThrow({ where: { id: paper.id } })).title).toBe("A new title for the draft");
  });

  it("refuses publishing an unchanged published draft, a second open vote, and a new version without a note", async () => {
    const w = await world();
    const first = await createProposal(actorOf(w.owner), publish(w.paper.id, 1));
    expect(await appError(createProposal(actorOf(w.su), publish(w.paper.id, 1)))).toMatchObject({
      code: "CONFLICT",
      message: "A vote on publishing this paper is already open (proposal #1).",
    });
    await voteAll(w.voters, first.id, "SUPPORT");
    await endVoting({ proposalIds: [first.id] });
    await closeProposal(first.id);
    expect(await appError(createProposal(actorOf(w.su), publish(w.paper.id, 1)))).toMatchObject({
      code: "CONFLICT",
      message: "This draft is already published as version 1.",
    });

    const change = await createProposal(
      actorOf(w.su),
      amend(w.paper, w.paper.sections[1]!, "Assessments happen in person."),
    );
    await voteAll(w.voters, change.id, "SUPPORT");
    await endVoting({ proposalIds: [change.id] });
    await closeProposal(change.id);
    expect(await appError(createProposal(actorOf(w.su), publish(w.paper.id, 2)))).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { publicationNote: "Say what changed since version 1; readers of the new version see it." },
    });
    const second = await createProposal(actorOf(w.su), publish(w.paper.id, 2, "Assessments are now in person."));
    await voteAll(w.voters, second.id, "SUPPORT");
    await endVoting({ proposalIds: [second.id] });
    expect(await closeProposal(second.id)).toBe("PUBLISHED");
    expect(
      await db.publication.findMany({
        where: { paperId: w.paper.id },
        orderBy: { version: "asc" },
        select: { version: true, correctionNote: true },
      }),
    ).toEqual([
      { version: 1, correctionNote: null },
      { version: 2, correctionNote: "Assessments are now in person." },
    ]);
  });

  it("if the draft changed while the vote ran, the vote is marked needs update and nothing is published", async () => {
    const w = await world();
    const change = await createProposal(
      actorOf(w.su),
      amend(w.paper, w.paper.sections[1]!, "Assessments happen in person."),
    );
    const p = await createProposal(actorOf(w.owner), publish(w.paper.id, 1));
    await voteAll(w.voters, change.id, "SUPPORT");
    await voteAll(w.voters, p.id, "SUPPORT");
    await endVoting({ proposalIds: [change.id] });
    await closeProposal(change.id);
    await endVoting({ proposalIds: [p.id] });
    expect(await closeProposal(p.id)).toBe("NEEDS_UPDATE");
    expect(await db.publication.count({ where: { paperId: w.paper.id } })).toBe(0);
  });
});
