import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ZCreatePaper, ZDecisionRules, ZEditorialFix } from "@/features/papers/schemas";
import { ZEditProposal, ZProposal, ZVote } from "@/features/proposals/schemas";

/** Errors keyed as the action wrapper keys them: the full path, matching the form's input names. */
function fieldErrors(schema: z.ZodType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  const out: Record<string, string> = {};
  for (const issue of result.error.issues) out[issue.path.length > 0 ? issue.path.join(".") : "form"] ??= issue.message;
  return out;
}

const groupId = "0b6c3f0e-5d7e-4d8c-9f65-2b1f0f3e7a10";
const paperId = "c2a4d5e6-1b3c-4d5e-8f90-a1b2c3d4e5f6";
const sectionId = "5f1e2d3c-4b5a-4697-8887-a6b5c4d3e2f1";
const proposalId = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";

describe("ZCreatePaper", () => {
  const front = {
    groupId,
    title: "Benefit sanctions",
    question: "How should benefit sanctions work?",
    summary: "Sanctions should be rare.",
  };

  it("gathers flat section fields into a list in the order of their numbers", () => {
    const parsed = ZCreatePaper.parse({
      ...front,
      "sections.10.heading": "Eleventh",
      "sections.10.body": "Body 10",
      "sections.2.body": "Body 2",
      "sections.2.heading": "Third",
      "sections.0.heading": " First ",
      "sections.0.body": "Body 0",
    });
    expect(parsed).toEqual({
      ...front,
      sections: [
        { heading: "First", body: "Body 0" },
        { heading: "Third", body: "Body 2" },
        { heading: "Eleventh", body: "Body 10" },
      ],
    });
  });

  it("drops rows left entirely empty", () => {
    const parsed = ZCreatePaper.parse({
      ...front,
      "sections.0.heading": "Scope",
      "sections.0.body": "What this covers.",
      "sections.1.heading": "  ",
      "sections.1.body": "\n",
      "sections.2.heading": "",
    });
    expect(parsed.sections).toEqual([{ heading: "Scope", body: "What this covers." }]);
  });

  it("keys errors by the field that caused them", () => {
    expect(
      fieldErrors(ZCreatePaper, {
        ...front,
        "sections.0.heading": "Scope",
        "sections.0.body": "What this covers.",
        "sections.1.heading": "Length",
        "sections.1.body": "   ",
        "sections.2.heading": "",
        "sections.2.body": "A body without a heading.",
      }),
    ).toEqual({ "sections.1.body": "Section text is required.", "sections.2.heading": "Heading is required." });
  });

  it("keys errors by the form's row number even after an empty row", () => {
    expect(
      fieldErrors(ZCreatePaper, {
        ...front,
        "sections.0.heading": "",
        "sections.0.body": "",
        "sections.1.heading": "Length",
        "sections.1.body": "",
        "sections.2.heading": "Appeals",
        "sections.2.body": "Anyone may appeal.",
      }),
    ).toEqual({ "sections.1.body": "Section text is required." });
  });

  it("needs at least one section", () => {
    expect(fieldErrors(ZCreatePaper, front)).toEqual({ sections: "Add at least one section." });
    expect(fieldErrors(ZCreatePaper, { ...front, "sections.0.heading": " ", "sections.0.body": "" })).toEqual({
      sections: "Add at least one section.",
    });
  });

  it("allows at most 40 sections", () => {
    const rows = (n: number) =>
      Object.fromEntries(
        Array.from({ length: n }, (_, i) => [
          [`sections.${i}.heading`, `H${i}`],
          [`sections.${i}.body`, `B${i}`],
        ]).flat(),
      );
    expect(ZCreatePaper.safeParse({ ...front, ...rows(40) }).success).toBe(true);
    expect(fieldErrors(ZCreatePaper, { ...front, ...rows(41) })).toEqual({
      sections: "A paper can have at most 40 sections.",
    });
  });

  it("ignores fields that only look like section fields", () => {
    const parsed = ZCreatePaper.parse({
      ...front,
      "sections.0.heading": "Scope",
      "sections.0.body": "Body",
      "sections.0.extra": "x",
      "sections.1000.heading": "Too far",
    });
    expect(parsed.sections).toEqual([{ heading: "Scope", body: "Body" }]);
  });

  it("gives a message per front-matter field", () => {
    expect(
      fieldErrors(ZCreatePaper, {
        groupId: "nope",
        title: "ab",
        question: "Why?",
        summary: " ",
        "sections.0.heading": "H",
        "sections.0.body": "B",
      }),
    ).toEqual({
      groupId: "Unknown group.",
      title: "Title must be at least 3 characters.",
      question: "The policy question must be at least 10 characters.",
      summary: "Summary is required.",
    });
  });

  it("bounds the section text", () => {
    const errors = fieldErrors(ZCreatePaper, {
      ...front,
      "sections.0.heading": "H",
      "sections.0.body": "x".repeat(40_001),
    });
    expect(errors).toEqual({ "sections.0.body": "Section text can be at most 40,000 characters." });
  });
});

describe("ZProposal", () => {
  const common = { paperId, baseRevision: "3", rationale: "Four weeks is too long for most people." };

  it("parses each kind with its own fields", () => {
    expect(
      ZProposal.parse({ ...common, kind: "AMEND_SECTION", sectionId, heading: " Length ", body: "Two weeks." }),
    ).toEqual({
      ...common,
      baseRevision: 3,
      kind: "AMEND_SECTION",
      sectionId,
      heading: "Length",
      body: "Two weeks.",
    });
    expect(
      ZProposal.parse({ ...common, kind: "ADD_SECTION", position: "2", heading: "Support", body: "Offer help." }),
    ).toMatchObject({ kind: "ADD_SECTION", position: 2 });
    expect(ZProposal.parse({ ...common, kind: "REMOVE_SECTION", sectionId })).toEqual({
      ...common,
      baseRevision: 3,
      kind: "REMOVE_SECTION",
      sectionId,
    });
    expect(
      ZProposal.parse({
        ...common,
        kind: "RETITLE",
        title: "Fair sanctions",
        question: "How should sanctions be fair?",
        summary: "Rare.",
      }),
    ).toMatchObject({ kind: "RETITLE", title: "Fair sanctions" });
  });

  it("checks the fields of the chosen kind only", () => {
    expect(fieldErrors(ZProposal, { ...common, kind: "REMOVE_SECTION", sectionId: "x" })).toEqual({
      sectionId: "Unknown section.",
    });
    expect(fieldErrors(ZProposal, { ...common, kind: "ADD_SECTION", position: "0", heading: "", body: " " })).toEqual({
      position: "The position must be at least 1.",
      heading: "Heading is required.",
      body: "Section text is required.",
    });
    expect(fieldErrors(ZProposal, { ...common, kind: "ADD_SECTION", position: "42", heading: "H", body: "B" })).toEqual(
      { position: "The position can be at most 41." },
    );
  });

  it("refuses unknown kinds, including accepting a commission, which the commissions feature decides", () => {
    for (const kind of ["ACCEPT_COMMISSION", "CHANGE_PAPER_RULES", "amend_section", "", undefined]) {
      expect(fieldErrors(ZProposal, { ...common, kind, sectionId }), String(kind)).toEqual({
        kind: "Choose what kind of change you propose.",
      });
    }
  });

  it("needs a rationale and a base revision", () => {
    expect(
      fieldErrors(ZProposal, { paperId, kind: "REMOVE_SECTION", sectionId, baseRevision: "0", rationale: "short" }),
    ).toEqual({
      baseRevision: "Unknown revision.",
      rationale: "The rationale must be at least 10 characters.",
    });
  });

  it("when editing, also needs the proposal", () => {
    expect(fieldErrors(ZEditProposal, { ...common, kind: "REMOVE_SECTION", sectionId })).toEqual({
      proposalId: "Unknown proposal.",
    });
    expect(ZEditProposal.parse({ ...common, kind: "REMOVE_SECTION", sectionId, proposalId })).toMatchObject({
      proposalId,
    });
  });
});

describe("ZVote", () => {
  it("accepts each choice, reading the version from the form", () => {
    for (const choice of ["SUPPORT", "OPPOSE", "ABSTAIN"]) {
      expect(ZVote.parse({ proposalId, version: "2", choice })).toEqual({ proposalId, version: 2, choice, reason: "" });
    }
  });

  it("trims the reason and bounds it", () => {
    expect(ZVote.parse({ proposalId, version: 1, choice: "OPPOSE", reason: "  Too vague.  " }).reason).toBe(
      "Too vague.",
    );
    expect(fieldErrors(ZVote, { proposalId, version: 1, choice: "OPPOSE", reason: "x".repeat(1001) })).toEqual({
      reason: "Your reason can be at most 1000 characters.",
    });
  });

  it("refuses an unknown choice, version or proposal", () => {
    expect(fieldErrors(ZVote, { proposalId: "p", version: "0", choice: "MAYBE" })).toEqual({
      proposalId: "Unknown proposal.",
      version: "Unknown version.",
      choice: "Choose support, oppose or abstain.",
    });
    expect(fieldErrors(ZVote, { proposalId, version: "1.5", choice: "SUPPORT" })).toEqual({
      version: expect.any(String),
    });
  });
});

describe("ZDecisionRules", () => {
  const valid = {
    paperId,
    votingPeriodHours: "72",
    quorum: "3",
    thresholdPercent: "60",
    publishThresholdPercent: "67",
  };

  it("reads numbers from the form and the checkbox as ticked or not", () => {
    expect(ZDecisionRules.parse({ ...valid, requireBothPerspectives: "on" })).toEqual({
      paperId,
      votingPeriodHours: 72,
      quorum: 3,
      thresholdPercent: 60,
      publishThresholdPercent: 67,
      requireBothPerspectives: true,
    });
    expect(ZDecisionRules.parse(valid).requireBothPerspectives).toBe(false);
  });

  it("accepts the bounds themselves", () => {
    expect(
      ZDecisionRules.safeParse({
        ...valid,
        votingPeriodHours: "1",
        quorum: "1",
        thresholdPercent: "50",
        publishThresholdPercent: "100",
      }).success,
    ).toBe(true);
    expect(ZDecisionRules.safeParse({ ...valid, votingPeriodHours: "1440", quorum: "10000" }).success).toBe(true);
  });

  it("refuses values outside the bounds, each with its own message", () => {
    expect(
      fieldErrors(ZDecisionRules, {
        ...valid,
        votingPeriodHours: "0",
        quorum: "0",
        thresholdPercent: "49",
        publishThresholdPercent: "101",
      }),
    ).toEqual({
      votingPeriodHours: "The voting period must be at least 1.",
      quorum: "The quorum must be at least 1.",
      thresholdPercent: "The threshold must be at least 50.",
      publishThresholdPercent: "The publication threshold can be at most 100.",
    });
    expect(fieldErrors(ZDecisionRules, { ...valid, votingPeriodHours: "1441", quorum: "10001" })).toEqual({
      votingPeriodHours: "The voting period can be at most 1440.",
      quorum: "The quorum can be at most 10000.",
    });
  });

  it("refuses fractions and words", () => {
    expect(fieldErrors(ZDecisionRules, { ...valid, quorum: "2.5", thresholdPercent: "sixty" })).toEqual({
      quorum: "The quorum must be a whole number.",
      thresholdPercent: "The threshold must be a whole number.",
    });
  });
});

describe("ZEditorialFix", () => {
  const valid = {
    paperId,
    sectionId,
    baseRevision: "4",
    heading: "Length",
    body: "Sanctions last four weeks.",
    reason: "Typo",
  };

  it("accepts a fix with its reason", () => {
    expect(ZEditorialFix.parse(valid)).toEqual({ ...valid, baseRevision: 4 });
  });

  it("needs a reason of at least three characters and a non-empty text", () => {
    expect(fieldErrors(ZEditorialFix, { ...valid, reason: " a ", body: "  \n", heading: "" })).toEqual({
      reason: "The reason must be at least 3 characters.",
      body: "Section text is required.",
      heading: "Heading is required.",
    });
    expect(fieldErrors(ZEditorialFix, { ...valid, reason: "x".repeat(301) })).toEqual({
      reason: "The reason must be at most 300 characters.",
    });
  });

  it("refuses an unknown section or revision", () => {
    expect(fieldErrors(ZEditorialFix, { ...valid, sectionId: "s1", baseRevision: "zero" })).toEqual({
      sectionId: "Unknown section.",
      baseRevision: "Unknown revision.",
    });
  });
});
