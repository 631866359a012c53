import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createPaper } from "@/features/papers/paper-mutations";
import { createProposal } from "@/features/papers/proposal-mutations";
import { castVote } from "@/features/papers/votes";
import { closeDueProposals } from "@/features/papers/closing";
import { commentOnSubject } from "@/features/papers/discussion";
import { resetDatabase } from "./helpers/reset-db";
import { actorOf, addMember, makeGroup, makeUser } from "./helpers/factories";

beforeAll(resetDatabase);

describe("papers smoke", () => {
  it("starts a paper, passes two proposals on one section and merges both three-way", async () => {
    const owner = await makeUser({ perspective: "PRACTITIONER" });
    const group = await makeGroup(owner);
    const voters = await Promise.all([makeUser({ perspective: "SERVICE_USER" }), makeUser({ perspective: "BOTH" }), makeUser()]);
    for (const v of voters) await addMember(group, v);
    const { paperId } = await createPaper(actorOf(owner), {
      groupId: group.id,
      title: "Faster benefit payments",
      question: "How should claimants be paid while they wait?",
      summary: "Pay sooner.",
      sections: [{ heading: "Payments", body: "Pay benefits weekly. Claimants wait too long.\n\nAppeals take months." }],
    });
    const section = await db.section.findFirstOrThrow({ where: { paperId } });
    const a = await createProposal(actorOf(voters[0]), { kind: "AMEND_SECTION", paperId, sectionId: section.id, baseRevision: 1, heading: "Payments", body: "Pay benefits fortnightly. Claimants wait too long.\n\nAppeals take months.", rationale: "Fortnightly is what works." });
    const b = await createProposal(actorOf(voters[1]), { kind: "AMEND_SECTION", paperId, sectionId: section.id, baseRevision: 1, heading: "Payments", body: "Pay benefits weekly. Claimants wait too long.\n\nAppeals take weeks.", rationale: "Appeals must be quicker." });
    for (const p of [a, b]) for (const v of [owner, ...voters]) await castVote(actorOf(v), { proposalId: p.id, version: 1, choice: "SUPPORT", reason: "" });
    await db.proposal.updateMany({ where: { paperId }, data: { closesAt: new Date(Date.now() - 1000) } });
    const outcomes = await closeDueProposals({ paperId });
    expect(outcomes).toEqual(["MERGED", "MERGED"]);
    const after = await db.section.findUniqueOrThrow({ where: { id: section.id } });
    expect(after.body).toBe("Pay benefits fortnightly. Claimants wait too long.\n\nAppeals take weeks.");
    const paper = await db.paper.findUniqueOrThrow({ where: { id: paperId } });
    expect(paper.revisionNumber).toBe(3);
    const pa = await db.proposal.findUniqueOrThrow({ where: { id: a.id } });
    expect(pa).toMatchObject({ supportCount: 4, practitionerSupportCount: 2, serviceUserSupportCount: 2, status: "MERGED" });
    const c1 = await commentOnSubject(actorOf(voters[2]), { subject: "SECTION", subjectId: section.id, body: "Good." });
    const c2 = await commentOnSubject(actorOf(owner), { subject: "SECTION", subjectId: section.id, body: "Agreed." });
    expect(c1.threadId).toBe(c2.threadId);
    expect(after.provenance).toEqual(expect.arrayContaining([[2, 1], [3, 1]]));
  });
});
