// The paper pages' reads: who may see them, and that history, provenance and comparison tell the
// true story of a paper. Papers are built through the data layer's mutations, as members would.
import { beforeAll, describe, expect, it } from "vitest";
import { closeDueProposalsOfPaper, closeProposal } from "@/composition/decisions";
import { getThreadHeader } from "@/features/discussions/queries/threads";
import { commentOnSubject } from "@/features/papers/discussion";
import { createPaper, makeEditorialFix } from "@/features/papers/paper-mutations";
import { compareRevisions, getPaperHistory } from "@/features/papers/queries/history";
import { getEditorialFixForm, getRulesForm } from "@/features/papers/queries/paper-forms";
import { latestGroupPapers, listGroupPapers } from "@/features/papers/queries/paper-list";
import { getPaperPage } from "@/features/papers/queries/paper-page";
import { getSectionProvenance } from "@/features/papers/queries/provenance";
import { castVote } from "@/features/proposals/cast-vote";
import { createProposal } from "@/features/proposals/mutations";
import { db } from "@/server/db";
import { appError } from "./helpers/app-error";
import { actorOf, addMember, makeGroup, makeUser, type TestGroup, type TestUser } from "./helpers/factories";
import { resetDatabase } from "./helpers/reset-db";

beforeAll(resetDatabase);

type Setup = { owner: TestUser; moderator: TestUser; members: TestUser[]; group: TestGroup };

async function groupWithMembers(joinPolicy: "OPEN" | "APPROVAL" = "OPEN"): Promise<Setup> {
  const owner = await makeUser({ perspective: "PRACTITIONER", displayName: "Olu Owner" });
  const group = await makeGroup(owner, { joinPolicy });
  const moderator = await makeUser({ displayName: "Mo Moderator" });
  await addMember(group, moderator, "MODERATOR");
  const members = await Promise.all([
    makeUser({ perspective: "SERVICE_USER", displayName: "Sam Service" }),
    makeUser({ perspective: "PRACTITIONER", displayName: "Pat Practitioner" }),
    makeUser({ perspective: "BOTH", displayName: "Bo Both" }),
  ]);
  for (const m of members) await addMember(group, m);
  return { owner, moderator, members, group };
}

async function startPaper(
  s: Setup,
  sections = [
    { heading: "Payments", body: "Pay benefits weekly. Claimants wait too long." },
    { heading: "Appeals", body: "Appeals take months." },
    { heading: "Funding", body: "Savings elsewhere pay for this." },
  ],
) {
  const { paperId, slug } = await createPaper(actorOf(s.owner), {
    groupId: s.group.id,
    title: "Faster benefit payments",
    question: "How should claimants be paid while they wait?",
    summary: "Pay sooner.",
    sections,
  });
  const rows = await db.section.findMany({
    where: { paperId },
    orderBy: { position: "asc" },
    select: { id: true, anchor: true },
  });
  return { paperId, slug, sections: rows };
}

/** Everyone in the group supports the proposal; its period ends and it is closed. */
async function passAndClose(s: Setup, proposalId: string) {
  for (const v of [s.owner, ...s.members])
    await castVote(actorOf(v), { proposalId, version: 1, choice: "SUPPORT", reason: "" });
  await db.proposal.update({ where: { id: proposalId }, data: { closesAt: new Date(Date.now() - 1000) } });
  return closeProposal(proposalId);
}

const revisionOf = async (paperId: string) =>
  (await db.paper.findUniqueOrThrow({ where: { id: paperId }, select: { revisionNumber: true } })).revisionNumber;

describe("who may read a paper", () => {
  it("hides a members-only group's paper from outsiders and shows it to members", async () => {
    const s = await groupWithMembers("APPROVAL");
    const { slug, sections } = await startPaper(s);
    const outsider = actorOf(await makeUser());
    for (const viewer of [outsider, null]) {
      expect((await appError(getPaperPage(viewer, s.group.slug, slug))).code).toBe("NOT_FOUND");
      expect((await appError(getPaperHistory(viewer, s.group.slug, slug, 1))).code).toBe("NOT_FOUND");
      expect((await appError(getSectionProvenance(viewer, s.group.slug, slug, sections[0].anchor))).code).toBe(
        "NOT_FOUND",
      );
      expect((await appError(compareRevisions(viewer, s.group.slug, slug, 1, 1))).code).toBe("NOT_FOUND");
      expect((await appError(listGroupPapers(viewer, s.group.slug, 1))).code).toBe("FORBIDDEN");
    }
    const page = await getPaperPage(actorOf(s.members[0]), s.group.slug, slug);
    expect(page.paper.title).toBe("Faster benefit payments");
    expect(page.sections.map((x) => x.heading)).toEqual(["Payments", "Appeals", "Funding"]);
    expect(page.can).toMatchObject({ propose: true, comment: true, fix: false, setRules: false });
    const list = await latestGroupPapers(actorOf(s.members[0]), s.group.id);
    expect(list).toMatchObject({ total: 1, canStart: true });
    expect(list.papers[0]).toMatchObject({ slug, openProposals: 0, startedBy: { displayName: "Olu Owner" } });
  });

  it("shows an open group's paper to anonymous visitors, who can do nothing with it", async () => {
    const s = await groupWithMembers("OPEN");
    const { slug } = await startPaper(s);
    const page = await getPaperPage(null, s.group.slug, slug);
    expect(page.can).toEqual({ propose: false, comment: false, fix: false, setRules: false });
    expect((await appError(getPaperPage(null, s.group.slug, "no-such-paper"))).code).toBe("NOT_FOUND");
    expect((await appError(getPaperPage(null, "no-such-group", slug))).code).toBe("NOT_FOUND");
  });

  it("gives the rules form to owners only and the editorial-fix form to moderators and owners", async () => {
    const s = await groupWithMembers();
    const { slug, sections } = await startPaper(s);
    const member = actorOf(s.members[0]);
    expect(await appError(getRulesForm(member, s.group.slug, slug))).toMatchObject({
      code: "FORBIDDEN",
      message: "Only the group's owners can change a paper's decision rules.",
    });
    expect((await appError(getRulesForm(actorOf(s.moderator), s.group.slug, slug))).code).toBe("FORBIDDEN");
    expect((await getRulesForm(actorOf(s.owner), s.group.slug, slug)).rules).toMatchObject({
      votingPeriodHours: 72,
      quorum: 3,
    });
    expect((await appError(getEditorialFixForm(member, s.group.slug, slug, sections[0].anchor))).code).toBe(
      "FORBIDDEN",
    );
    const form = await getEditorialFixForm(actorOf(s.moderator), s.group.slug, slug, sections[0].anchor);
    expect(form.section).toMatchObject({ heading: "Payments", body: "Pay benefits weekly. Claimants wait too long." });
    expect(form.paper.revision).toBe(1);
    expect((await appError(getEditorialFixForm(actorOf(s.owner), s.group.slug, slug, "no-such-section"))).code).toBe(
      "NOT_FOUND",
    );
  });
});

describe("the paper page", () => {
  it("is a pure read; the page's explicit call closes due proposals first; groups open proposals by section and counts discussions", async () => {
    const s = await groupWithMembers();
    const { paperId, slug, sections } = await startPaper(s);
    const [payments, appeals] = sections;
    const due = await createProposal(actorOf(s.members[0]), {
      kind: "AMEND_SECTION",
      paperId,
      sectionId: payments.id,
      baseRevision: 1,
      heading: "Payments",
      body: "Pay benefits fortnightly. Claimants wait too long.",
      rationale: "Fortnightly is what works.",
    });
    for (const v of [s.owner, ...s.members])
      await castVote(actorOf(v), { proposalId: due.id, version: 1, choice: "SUPPORT", reason: "" });
    await db.proposal.update({ where: { id: due.id }, data: { closesAt: new Date(Date.now() - 1000) } });
    const open = await createProposal(actorOf(s.members[1]), {
      kind: "AMEND_SECTION",
      paperId,
      sectionId: appeals.id,
      baseRevision: 1,
      heading: "Appeals",
      body: "Appeals take weeks.",
      rationale: "They must be quicker.",
    });
    await castVote(actorOf(s.members[2]), { proposalId: open.id, version: 1, choice: "OPPOSE", reason: "" });
    const retitle = await createProposal(actorOf(s.members[2]), {
      kind: "RETITLE",
      paperId,
      baseRevision: 1,
      title: "Pay people on time",
      question: "How should claimants be paid while they wait?",
      summary: "Pay sooner.",
      rationale: "A clearer title for readers.",
    });
    await commentOnSubject(actorOf(s.members[0]), {
      subject: "SECTION",
      subjectId: appeals.id,
      body: "Weeks is still long.",
    });
    await commentOnSubject(actorOf(s.members[1]), { subject: "SECTION", subjectId: appeals.id, body: "Agreed." });
    await commentOnSubject(actorOf(s.members[1]), { subject: "PAPER", subjectId: paperId, body: "Who is this for?" });

    // Reading the page changes nothing: the due proposal waits for the job or the page's explicit call.
    const stale = await getPaperPage(actorOf(s.members[0]), s.group.slug, slug);
    expect(stale.paper.revision).toBe(1);
    expect(await db.proposal.findUniqueOrThrow({ where: { id: due.id }, select: { status: true } })).toEqual({
      status: "OPEN",
    });

    await closeDueProposalsOfPaper(actorOf(s.members[0]), s.group.slug, slug);
    const page = await getPaperPage(actorOf(s.members[0]), s.group.slug, slug);
    // The due proposal was closed and merged before the page read the text.
    expect(page.paper.revision).toBe(2);
    expect(page.sections[0].body).toBe("Pay benefits fortnightly. Claimants wait too long.");
    expect(page.sections[0].proposals).toEqual([]);
    expect(page.recentlyClosed.map((p) => [p.number, p.status])).toEqual([[1, "MERGED"]]);
    expect(page.sections[1].proposals).toMatchObject([
      { id: open.id, number: 2, tally: { support: 0, oppose: 1, abstain: 0 } },
    ]);
    expect(page.paperProposals.map((p) => p.id)).toEqual([retitle.id]);
    expect(page.sections[1].thread?.comments).toBe(2);
    expect(page.sections[0].thread).toBeNull();
    expect(page.paper.thread?.comments).toBe(1);
    expect(page.paper.startedBy).toEqual({ handle: s.owner.handle, displayName: "Olu Owner" });
  });
});

describe("history", () => {
  it("lists every revision newest first, with its proposal, tally and what it changed", async () => {
    const s = await groupWithMembers();
    const { paperId, slug, sections } = await startPaper(s);
    const amend = await createProposal(actorOf(s.members[0]), {
      kind: "AMEND_SECTION",
      paperId,
      sectionId: sections[0].id,
      baseRevision: 1,
      heading: "Payments",
      body: "Pay benefits weekly, from day one. Claimants wait too long.",
      rationale: "From day one matters most.",
    });
    expect(await passAndClose(s, amend.id)).toBe("MERGED");
    await makeEditorialFix(actorOf(s.moderator), {
      paperId,
      sectionId: sections[1].id,
      baseRevision: 2,
      heading: "Appeals",
      body: "Appeals take many months.",
      reason: "Restored a missing word.",
    });

    const history = await getPaperHistory(null, s.group.slug, slug, 1);
    expect(history.paper.latest).toBe(3);
    expect(history.revisions.map((r) => [r.number, r.kind])).toEqual([
      [3, "EDITORIAL"],
      [2, "PROPOSAL"],
      [1, "INITIAL"],
    ]);
    const [fix, merged, first] = history.revisions;
    expect(fix).toMatchObject({
      reason: "Restored a missing word.",
      author: { displayName: "Mo Moderator" },
      sectionsFixed: ["Appeals"],
      proposal: null,
    });
    expect(merged.proposal).toMatchObject({
      id: amend.id,
      number: 1,
      kind: "AMEND_SECTION",
      baseHeading: "Payments",
      author: { displayName: "Sam Service" },
      tally: { support: 4, oppose: 0, abstain: 0 },
    });
    expect(first).toMatchObject({ author: { displayName: "Olu Owner" }, proposal: null });
    expect(history.pageCount).toBe(1);
  });

  it("pages through long histories 50 revisions at a time", async () => {
    const s = await groupWithMembers();
    const { paperId, slug, sections } = await startPaper(s, [{ heading: "Payments", body: "Pay weekly." }]);
    for (let base = 1; base <= 51; base++) {
      const body = base % 2 === 1 ? "Pay Weekly." : "Pay weekly.";
      await makeEditorialFix(actorOf(s.moderator), {
        paperId,
        sectionId: sections[0].id,
        baseRevision: base,
        heading: "Payments",
        body,
        reason: `Fix ${base}.`,
      });
    }
    const first = await getPaperHistory(null, s.group.slug, slug, 1);
    expect(first.pageCount).toBe(2);
    expect(first.revisions).toHaveLength(50);
    expect([first.revisions[0].number, first.revisions[49].number]).toEqual([52, 3]);
    expect(first.revisions.every((r) => r.sectionsFixed.join() === "Payments")).toBe(true);
    const second = await getPaperHistory(null, s.group.slug, slug, 9);
    expect(second.page).toBe(2);
    expect(second.revisions.map((r) => r.number)).toEqual([2, 1]);
  });
});

describe("how a section was written", () => {
  it("attributes each passage to the proposal, fix or first draft that wrote it, in one revisions query", async () => {
    const s = await groupWithMembers();
    const { paperId, slug, sections } = await startPaper(s);
    const payments = sections[0];
    const first = await createProposal(actorOf(s.members[0]), {
      kind: "AMEND_SECTION",
      paperId,
      sectionId: payments.id,
      baseRevision: 1,
      heading: "Payments",
      body: "Pay benefits weekly. Claimants wait far too long.",
      rationale: "Stronger wording is needed.",
    });
    await commentOnSubject(actorOf(s.members[2]), {
      subject: "PROPOSAL",
      subjectId: first.id,
      body: "Yes, far too long.",
    });
    expect(await passAndClose(s, first.id)).toBe("MERGED");
    await makeEditorialFix(actorOf(s.moderator), {
      paperId,
      sectionId: payments.id,
      baseRevision: 2,
      heading: "Payments",
      body: "Pay benefits weekly. Claimants wait far too long!",
      reason: "Punctuation.",
    });
    const other = await createProposal(actorOf(s.members[1]), {
      kind: "AMEND_SECTION",
      paperId,
      sectionId: sections[1].id,
      baseRevision: 3,
      heading: "Appeals",
      body: "Appeals take weeks.",
      rationale: "Another section entirely.",
    });
    expect(await passAndClose(s, other.id)).toBe("MERGED");

    const data = await getSectionProvenance(null, s.group.slug, slug, payments.anchor);
    expect(data.passages.map((p) => p.text).join("")).toBe("Pay benefits weekly. Claimants wait far too long!");
    const by = (revision: number) =>
      data.passages
        .filter((p) => p.revision === revision)
        .map((p) => p.text)
        .join("|");
    expect(by(2)).toContain("far");
    expect(by(3)).toBe("!");
    expect(by(1)).toContain("Pay benefits weekly.");
    expect(data.origin).toBe(1);
    // Revision 4 changed another section, so it is not explained here.
    expect(data.revisions.map((r) => r.number)).toEqual([1, 2, 3]);
    const [initial, proposal, fix] = data.revisions;
    expect(initial).toMatchObject({ kind: "INITIAL", author: { displayName: "Olu Owner" } });
    expect(proposal.proposal).toMatchObject({
      id: first.id,
      number: 1,
      author: { displayName: "Sam Service" },
      tally: { support: 4, oppose: 0, abstain: 0, practitionerSupport: 3, serviceUserSupport: 2 },
      thread: { comments: 1 },
    });
    expect(fix).toMatchObject({ kind: "EDITORIAL", reason: "Punctuation.", author: { displayName: "Mo Moderator" } });
    expect(data.merged.map((p) => [p.number, p.revision])).toEqual([[1, 2]]);
  });

  it("tells which proposal added a section", async () => {
    const s = await groupWithMembers();
    const { paperId, slug } = await startPaper(s);
    const add = await createProposal(actorOf(s.members[1]), {
      kind: "ADD_SECTION",
      paperId,
      baseRevision: 1,
      position: 2,
      heading: "Advice",
      body: "Everyone gets free advice.",
      rationale: "Advice is missing from the paper.",
    });
    expect(await passAndClose(s, add.id)).toBe("MERGED");
    const section = await db.section.findFirstOrThrow({
      where: { paperId, heading: "Advice" },
      select: { anchor: true },
    });
    const data = await getSectionProvenance(null, s.group.slug, slug, section.anchor);
    expect(data.origin).toBe(2);
    expect(data.revisions).toMatchObject([
      { number: 2, kind: "PROPOSAL", proposal: { id: add.id, author: { displayName: "Pat Practitioner" } } },
    ]);
    expect(data.passages).toEqual([{ revision: 2, text: "Everyone gets free advice." }]);
  });
});

describe("comparing revisions", () => {
  it("matches sections by id and marks added, removed, changed and unchanged ones", async () => {
    const s = await groupWithMembers();
    const { paperId, slug, sections } = await startPaper(s);
    const [payments, appeals, funding] = sections;
    const add = await createProposal(actorOf(s.members[0]), {
      kind: "ADD_SECTION",
      paperId,
      baseRevision: 1,
      position: 1,
      heading: "Background",
      body: "Claims take five weeks.",
      rationale: "Readers need the background.",
    });
    expect(await passAndClose(s, add.id)).toBe("MERGED");
    const remove = await createProposal(actorOf(s.members[1]), {
      kind: "REMOVE_SECTION",
      paperId,
      sectionId: funding.id,
      baseRevision: 2,
      rationale: "Costing belongs elsewhere.",
    });
    expect(await passAndClose(s, remove.id)).toBe("MERGED");
    const amend = await createProposal(actorOf(s.members[2]), {
      kind: "AMEND_SECTION",
      paperId,
      sectionId: payments.id,
      baseRevision: 3,
      heading: "Weekly payments",
      body: "Pay benefits weekly. Claimants wait far too long.",
      rationale: "Clearer heading and stronger words.",
    });
    expect(await passAndClose(s, amend.id)).toBe("MERGED");
    expect(await revisionOf(paperId)).toBe(4);

    const { result } = await compareRevisions(null, s.group.slug, slug, 1, 4);
    if (!result.ok) throw new Error(result.message);
    expect(result.from.number).toBe(1);
    expect(result.to.proposal?.id).toBe(amend.id);
    expect(result.comparison.title).toEqual({ changed: false, text: "Faster benefit payments" });
    expect(result.comparison.sections.map((x) => [x.status, x.heading])).toEqual([
      ["added", "Background"],
      ["changed", "Weekly payments"],
      ["unchanged", "Appeals"],
      ["removed", "Funding"],
    ]);
    const changed = result.comparison.sections[1];
    if (changed.status !== "changed") throw new Error("expected a changed section");
    expect(changed.id).toBe(payments.id);
    expect(changed.headingDiff).toEqual([
      { kind: "removed", text: "Payments" },
      { kind: "added", text: "Weekly payments" },
    ]);
    expect(
      changed.bodyDiff?.filter((part) => part.kind !== "same").map((part) => [part.kind, part.text.trim()]),
    ).toEqual([["added", "far"]]);
    expect(result.comparison.sections[2].id).toBe(appeals.id);

    // Backwards, the same sections swap roles.
    const back = await compareRevisions(null, s.group.slug, slug, 4, 1);
    if (!back.result.ok) throw new Error(back.result.message);
    expect(back.result.comparison.sections.map((x) => x.status)).toEqual(["removed", "changed", "unchanged", "added"]);
  });

  it("explains missing, impossible and equal revision numbers instead of failing", async () => {
    const s = await groupWithMembers();
    const { slug } = await startPaper(s);
    const cases: [number | undefined, number | undefined, RegExp][] = [
      [undefined, undefined, /Choose two revisions/],
      [1, 9, /Revision 9 does not exist: this paper has revision 1 only/],
      [1, 1, /Both sides are revision 1/],
    ];
    for (const [from, to, message] of cases) {
      const { result } = await compareRevisions(null, s.group.slug, slug, from, to);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(message);
    }
  });
});

describe("discussion threads of papers", () => {
  it("link back to the section, the proposal or the paper they discuss", async () => {
    const s = await groupWithMembers();
    const { paperId, slug, sections } = await startPaper(s);
    const proposal = await createProposal(actorOf(s.members[0]), {
      kind: "AMEND_SECTION",
      paperId,
      sectionId: sections[1].id,
      baseRevision: 1,
      heading: "Appeals",
      body: "Appeals take weeks.",
      rationale: "They must be quicker.",
    });
    const onSection = await commentOnSubject(actorOf(s.members[1]), {
      subject: "SECTION",
      subjectId: sections[1].id,
      body: "Hm.",
    });
    const onProposal = await commentOnSubject(actorOf(s.members[1]), {
      subject: "PROPOSAL",
      subjectId: proposal.id,
      body: "Yes.",
    });
    const onPaper = await commentOnSubject(actorOf(s.members[1]), {
      subject: "PAPER",
      subjectId: paperId,
      body: "Good.",
    });
    const link = async (threadId: string) => (await getThreadHeader(null, threadId)).subjectLink;
    expect(await link(onSection.threadId)).toEqual({
      href: `/groups/${s.group.slug}/papers/${slug}#${sections[1].anchor}`,
      text: "Discussion of section “Appeals” in the paper Faster benefit payments",
    });
    expect(await link(onProposal.threadId)).toEqual({
      href: `/proposals/${proposal.id}`,
      text: "Discussion of proposal #1 on Faster benefit payments",
    });
    expect(await link(onPaper.threadId)).toEqual({
      href: `/groups/${s.group.slug}/papers/${slug}`,
      text: "Discussion of the paper Faster benefit payments",
    });
  });
});
