import { describe, expect, it } from "vitest";
import { applyProposal, type PaperChange, type ProposalText, snapshotAfter } from "@/features/papers/apply-proposal";
import type { PaperSnapshot } from "@/features/papers/snapshot";

const paper: PaperSnapshot = {
  title: "Benefit sanctions",
  question: "How should benefit sanctions work?",
  summary: "Sanctions should be rare.\n\nAppeals should be quick.",
  sections: [
    { id: "s1", anchor: "scope", heading: "Scope", body: "This paper covers sanctions.\n\nIt does not cover fraud." },
    { id: "s2", anchor: "length", heading: "Length", body: "Sanctions last four weeks.\n\nAppeals take months." },
    { id: "s3", anchor: "appeals", heading: "Appeals", body: "Anyone may appeal." },
  ],
};

const NONE: ProposalText = {
  kind: "AMEND_SECTION",
  sectionId: null,
  position: null,
  baseTitle: null,
  baseQuestion: null,
  baseSummary: null,
  baseHeading: null,
  baseText: null,
  proposedTitle: null,
  proposedQuestion: null,
  proposedSummary: null,
  proposedHeading: null,
  proposedText: null,
};

const withSection = (id: string, change: Partial<PaperSnapshot["sections"][number]>): PaperSnapshot => ({
  ...paper,
  sections: paper.sections.map((s) => (s.id === id ? { ...s, ...change } : s)),
});

const amend = (heading: string, body: string): ProposalText => ({
  ...NONE,
  kind: "AMEND_SECTION",
  sectionId: "s2",
  baseHeading: "Length",
  baseText: paper.sections[1].body,
  proposedHeading: heading,
  proposedText: body,
});

const retitle = (title: string, question: string, summary: string): ProposalText => ({
  ...NONE,
  kind: "RETITLE",
  baseTitle: paper.title,
  baseQuestion: paper.question,
  baseSummary: paper.summary,
  proposedTitle: title,
  proposedQuestion: question,
  proposedSummary: summary,
});

const remove = (sectionId = "s2"): ProposalText => {
  const section = paper.sections.find((s) => s.id === sectionId)!;
  return { ...NONE, kind: "REMOVE_SECTION", sectionId, baseHeading: section.heading, baseText: section.body };
};

const add = (position: number | null): ProposalText => ({
  ...NONE,
  kind: "ADD_SECTION",
  position,
  proposedHeading: "Support",
  proposedText: "Offer help first.",
});

describe("applyProposal: AMEND_SECTION", () => {
  it("applies the proposed heading and text to an unchanged section", () => {
    expect(applyProposal(paper, amend("Duration", "Sanctions last two weeks.\n\nAppeals take months."))).toEqual({
      ok: true,
      change: {
        kind: "AMEND_SECTION",
        sectionId: "s2",
        heading: "Duration",
        body: "Sanctions last two weeks.\n\nAppeals take months.",
      },
    });
  });

  it("merges into a section changed since, keeping both changes", () => {
    const current = withSection("s2", { body: "Sanctions last four weeks.\n\nAppeals take ten days." });
    expect(applyProposal(current, amend("Length", "Sanctions last two weeks.\n\nAppeals take months."))).toEqual({
      ok: true,
      change: {
        kind: "AMEND_SECTION",
        sectionId: "s2",
        heading: "Length",
        body: "Sanctions last two weeks.\n\nAppeals take ten days.",
      },
    });
  });

  it("keeps a heading changed since when the proposal left it alone", () => {
    const current = withSection("s2", { heading: "How long sanctions last" });
    const result = applyProposal(current, amend("Length", "Sanctions last two weeks.\n\nAppeals take months."));
    expect(result.ok && result.change).toMatchObject({
      heading: "How long sanctions last",
      body: "Sanctions last two weeks.\n\nAppeals take months.",
    });
  });

  it("refuses when the same passage was changed both ways, and says which", () => {
    const current = withSection("s2", { body: "Sanctions last six weeks.\n\nAppeals take months." });
    expect(applyProposal(current, amend("Length", "Sanctions last two weeks.\n\nAppeals take months."))).toEqual({
      ok: false,
      note: "The section “Length” changed since this proposal was written, and the same passage was changed both ways: “four”. Update the proposal against the current text.",
    });
  });

  it("names the heading when the heading was changed both ways", () => {
    const current = withSection("s2", { heading: "Duration" });
    const result = applyProposal(current, amend("How long", paper.sections[1].body));
    expect(result).toEqual({
      ok: false,
      note: "The section “Duration” changed since this proposal was written, and the same passage was changed both ways: “Length”. Update the proposal against the current text.",
    });
  });

  it("lists several passages, shortening long ones and counting the rest", () => {
    const long = "x".repeat(100);
    const base = `${long} a b c d e`;
    const current = withSection("s2", { body: `${long}1 a1 b1 c1 d1 e` });
    const result = applyProposal(current, { ...amend("Length", `${long}2 a2 b2 c2 d2 e`), baseText: base });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.note).toContain("the same passages were changed both ways: ");
    expect(result.note).toContain(`“${"x".repeat(77)}…”`);
    expect(result.note).toMatch(/and \d+ more\. Update the proposal against the current text\.$/);
  });

  it("refuses to amend a section that has since been removed", () => {
    const current = { ...paper, sections: paper.sections.filter((s) => s.id !== "s2") };
    expect(applyProposal(current, amend("Length", "Anything."))).toEqual({
      ok: false,
      note: "The section this proposal amends has since been removed from the paper.",
    });
  });
});

describe("applyProposal: ADD_SECTION", () => {
  const indexFor = (position: number | null) => {
    const result = applyProposal(paper, add(position));
    if (!result.ok || result.change.kind !== "ADD_SECTION") throw new Error("expected an added section");
    return result.change.index;
  };

  it("adds the section at the chosen position (1 is first)", () => {
    expect(applyProposal(paper, add(2))).toEqual({
      ok: true,
      change: { kind: "ADD_SECTION", index: 1, heading: "Support", body: "Offer help first." },
    });
    expect(indexFor(1)).toBe(0);
    expect(indexFor(4)).toBe(3);
  });

  it("puts it last without a position", () => {
    expect(indexFor(null)).toBe(3);
  });

  it("clamps a position that no longer fits the paper", () => {
    expect(indexFor(0)).toBe(0);
    expect(indexFor(-5)).toBe(0);
    expect(indexFor(40)).toBe(3);
  });
});

describe("applyProposal: REMOVE_SECTION", () => {
  it("removes an unchanged section", () => {
    expect(applyProposal(paper, remove())).toEqual({ ok: true, change: { kind: "REMOVE_SECTION", sectionId: "s2" } });
  });

  it("refuses when the section has already been removed", () => {
    const current = { ...paper, sections: paper.sections.filter((s) => s.id !== "s2") };
    expect(applyProposal(current, remove())).toEqual({
      ok: false,
      note: "The section this proposal removes has already been removed.",
    });
  });

  it("refuses when the section's text or heading changed since", () => {
    const note = (heading: string) =>
      `The section “${heading}” changed after this proposal to remove it was written. Check that removing it still makes sense, then update the proposal.`;
    expect(applyProposal(withSection("s2", { body: "Sanctions last two weeks." }), remove())).toEqual({
      ok: false,
      note: note("Length"),
    });
    expect(applyProposal(withSection("s2", { heading: "Duration" }), remove())).toEqual({
      ok: false,
      note: note("Duration"),
    });
  });
});

describe("applyProposal: RETITLE", () => {
  it("applies a new title, question and summary", () => {
    expect(
      applyProposal(paper, retitle("Fair sanctions", "How should sanctions be applied fairly?", "Rare sanctions.")),
    ).toEqual({
      ok: true,
      change: {
        kind: "FRONT_MATTER",
        title: "Fair sanctions",
        question: "How should sanctions be applied fairly?",
        summary: "Rare sanctions.",
      },
    });
  });

  it("keeps changes made since to the parts the proposal left alone, and merges the summary", () => {
    const current = {
      ...paper,
      question: "How should sanctions work, if at all?",
      summary: "Sanctions should be rare.\n\nAppeals should be free.",
    };
    const result = applyProposal(
      current,
      retitle("Fair sanctions", paper.question, "Sanctions should be very rare.\n\nAppeals should be quick."),
    );
    expect(result).toEqual({
      ok: true,
      change: {
        kind: "FRONT_MATTER",
        title: "Fair sanctions",
        question: "How should sanctions work, if at all?",
        summary: "Sanctions should be very rare.\n\nAppeals should be free.",
      },
    });
  });

  it("refuses when the title was changed both ways, naming the old title", () => {
    const current = { ...paper, title: "Sanctions reform" };
    expect(applyProposal(current, retitle("Fair sanctions", paper.question, paper.summary))).toEqual({
      ok: false,
      note: "The title, question or summary changed since this proposal was written, and the same passage was changed both ways: “Benefit sanctions”. Update the proposal against the current text.",
    });
  });

  it("refuses when the same passage of the summary was changed both ways", () => {
    const current = { ...paper, summary: "Sanctions should be unusual.\n\nAppeals should be quick." };
    const result = applyProposal(
      current,
      retitle(paper.title, paper.question, "Sanctions should be exceptional.\n\nAppeals should be quick."),
    );
    expect(result).toEqual({
      ok: false,
      note: "The title, question or summary changed since this proposal was written, and the same passage was changed both ways: “rare”. Update the proposal against the current text.",
    });
  });
});

describe("snapshotAfter", () => {
  const frozen = structuredClone(paper);

  it("changes the front matter only", () => {
    const change: PaperChange = { kind: "FRONT_MATTER", title: "T2", question: "Q2", summary: "S2" };
    expect(snapshotAfter(paper, change)).toEqual({ ...paper, title: "T2", question: "Q2", summary: "S2" });
  });

  it("amends one section, keeping its id and anchor", () => {
    const after = snapshotAfter(paper, {
      kind: "AMEND_SECTION",
      sectionId: "s2",
      heading: "Duration",
      body: "Two weeks.",
    });
    expect(after.sections).toEqual([
      paper.sections[0],
      { id: "s2", anchor: "length", heading: "Duration", body: "Two weeks." },
      paper.sections[2],
    ]);
    expect(after.title).toBe(paper.title);
  });

  it("removes a section", () => {
    expect(snapshotAfter(paper, { kind: "REMOVE_SECTION", sectionId: "s2" }).sections.map((s) => s.id)).toEqual([
      "s1",
      "s3",
    ]);
  });

  it("inserts an added section at its index with the id and anchor it was given", () => {
    const change: PaperChange = { kind: "ADD_SECTION", index: 1, heading: "Support", body: "Offer help first." };
    const after = snapshotAfter(paper, change, { id: "s4", anchor: "support" });
    expect(after.sections).toEqual([
      paper.sections[0],
      { id: "s4", anchor: "support", heading: "Support", body: "Offer help first." },
      paper.sections[1],
      paper.sections[2],
    ]);
    expect(
      snapshotAfter(paper, { ...change, index: 3 }, { id: "s4", anchor: "support" }).sections.map((s) => s.id),
    ).toEqual(["s1", "s2", "s3", "s4"]);
  });

  it("needs the id and anchor of an added section", () => {
    expect(() => snapshotAfter(paper, { kind: "ADD_SECTION", index: 0, heading: "H", body: "B" })).toThrow(
      "an added section needs its id and anchor",
    );
  });

  it("applies what applyProposal decided", () => {
    const result = applyProposal(paper, amend("Length", "Sanctions last two weeks.\n\nAppeals take months."));
    if (!result.ok) throw new Error(result.note);
    expect(snapshotAfter(paper, result.change).sections[1].body).toBe(
      "Sanctions last two weeks.\n\nAppeals take months.",
    );
  });

  it("never changes the snapshot it is given", () => {
    snapshotAfter(paper, { kind: "FRONT_MATTER", title: "T2", question: "Q2", summary: "S2" });
    snapshotAfter(paper, { kind: "AMEND_SECTION", sectionId: "s1", heading: "H", body: "B" });
    snapshotAfter(paper, { kind: "REMOVE_SECTION", sectionId: "s1" });
    snapshotAfter(paper, { kind: "ADD_SECTION", index: 0, heading: "H", body: "B" }, { id: "x", anchor: "x" });
    expect(paper).toEqual(frozen);
  });
});
