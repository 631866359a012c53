import { describe, expect, it } from "vitest";
import { demoteHeadings } from "@/features/publishing/exports/demote";
import { type ExportSource, exportDocumentOf } from "@/features/publishing/exports/document";
import { toMarkdown } from "@/features/publishing/exports/markdown";

const source = (over: Partial<ExportSource> = {}): ExportSource => ({
  version: 2,
  title: "Ending the wait: a plan",
  question: "How should claimants be paid?",
  summary: "Pay people sooner.",
  sections: [
    {
      id: "s1",
      anchor: "payments",
      heading: "Payments",
      body: "Pay weekly.\n\n# Detail\n\nMore.\n\nSetext\n---\n\n```\n# not a heading\n```",
      provenance: [],
    },
    { id: "s2", anchor: "advice", heading: "Advice", body: "Free advice at every *job centre*.", provenance: [] },
  ],
  contributors: {
    people: [
      {
        userId: "u1",
        displayName: "Amara O.",
        handle: "amara",
        perspective: "SERVICE_USER",
        startedPaper: true,
        mergedProposals: 0,
      },
      {
        userId: "u2",
        displayName: "Ben_K",
        handle: "ben_k",
        perspective: "PRACTITIONER",
        startedPaper: false,
        mergedProposals: 2,
      },
    ],
    commenters: 1,
    voters: 7,
  },
  licence: "CC-BY-4.0",
  correctionNote: "Numbers updated.",
  publishedAt: new Date("2026-03-04T12:00:00Z"),
  paper: { slug: "ending-the-wait", group: { slug: "welfare", name: "Welfare reform" } },
  ...over,
});

const markdown = (over?: Partial<ExportSource>) =>
  toMarkdown(exportDocumentOf(source(over), "https://commons.example.org"));

describe("the Markdown export", () => {
  it("starts with YAML front matter naming the version, date, licence, permalink and group", () => {
    const front = markdown().split("\n---\n")[0]!;
    expect(front).toBe(
      [
        "---",
        'title: "Ending the wait: a plan"',
        "version: 2",
        'date: "2026-03-04"',
        'licence: "CC-BY-4.0"',
        'permalink: "https://commons.example.org/groups/welfare/papers/ending-the-wait/v/2"',
        'group: "Welfare reform"',
      ].join("\n"),
    );
  });

  it("quotes front matter values so a title with quotes, colons or newlines stays one YAML string", () => {
    expect(markdown({ title: 'He said "no": then\nleft' })).toContain('title: "He said \\"no\\": then\\nleft"');
  });

  it("gives the question, summary and each section as a level-2 heading with its body's headings nested below", () => {
    const md = markdown();
    expect(md).toContain("**Question:** How should claimants be paid?");
    expect(md).toContain("**Summary:** Pay people sooner.");
    expect(md).toContain("> **What changed in this version:** Numbers updated.");
    expect(md).toContain(
      "## Payments\n\nPay weekly.\n\n### Detail\n\nMore.\n\n#### Setext\n\n```\n# not a heading\n```",
    );
    expect(md).toContain("## Advice\n\nFree advice at every *job centre*.");
    expect(md.indexOf("## Payments")).toBeLessThan(md.indexOf("## Advice"));
  });

  it("ends with how to cite, the contributors with counts of commenters and voters, and the licence", () => {
    const md = markdown();
    const tail = md.slice(md.indexOf("## How to cite"));
    expect(tail).toContain("https://commons.example.org/groups/welfare/papers/ending-the-wait/v/2");
    expect(tail).toContain("```bibtex\n@misc{");
    expect(tail).toContain("## Contributors\n\n- Amara O.\n- Ben\\_K");
    expect(tail).toContain("1 person commented in the discussions; 7 people voted on its proposals.");
    expect(tail).toContain(
      "[Creative Commons Attribution 4.0 International](https://creativecommons.org/licenses/by/4.0/)",
    );
    expect(tail.indexOf("## Contributors")).toBeLessThan(tail.indexOf("## Licence"));
  });

  it("shows titles and names literally, never as Markdown", () => {
    const md = markdown({
      title: "Cuts *now* <script>",
      contributors: {
        people: [
          {
            userId: null,
            displayName: "[x](javascript:alert(1))",
            handle: null,
            perspective: "OTHER",
            startedPaper: true,
            mergedProposals: 0,
          },
        ],
        commenters: 0,
        voters: 0,
      },
    });
    expect(md).toContain("# Cuts \\*now\\* \\<script\\>");
    expect(md).toContain("- \\[x\\](javascript:alert(1))");
  });
});

describe("demoteHeadings", () => {
  it("moves ATX and setext headings down, never past level 6, and leaves code alone", () => {
    expect(demoteHeadings("# A\n\ntext # not\n\n##### E\n\nB\n===\n\n    # code", 2)).toBe(
      "### A\n\ntext # not\n\n###### E\n\n### B\n\n    # code",
    );
  });
});
