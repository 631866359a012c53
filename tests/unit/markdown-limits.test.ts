import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countMarkdown, MARKDOWN_LIMITS, MENTION_PATTERN, markdownLimitProblems } from "@/lib/markdown/limits";
import { plainTextHtml } from "@/lib/markdown/plain-text";
import { MENTION, renderMarkdown } from "@/lib/markdown/render.mjs";
import { pathologicalMarkdown } from "../fixtures/pathological-markdown";

const problems = (markdown: string) => markdownLimitProblems(countMarkdown(markdown));
const exact = (markdown: string) => {
  const { stats, mentions } = renderMarkdown(markdown);
  return { ...stats, mentions: mentions.length };
};

describe("countMarkdown: the main thread's count of a text's costly parts", () => {
  it("counts nesting by markers and by indentation, as the parser does", () => {
    expect(countMarkdown("- a\n  - b\n    - c\n- d").depth).toBe(3);
    expect(countMarkdown("> - 1. x").depth).toBe(3);
    expect(countMarkdown("1. a\n   1. b\n\nnot in a list\n\n- c").depth).toBe(2);
    for (const md of [
      "- a\n  - b\n    - c\n- d",
      "> - 1. x",
      "1. a\n   1. b\n\nnot in a list\n\n- c",
      "- a\n\n  b\n\n  - c",
    ]) {
      expect(countMarkdown(md).depth).toBe(exact(md).depth);
    }
  });

  it("does not take thematic breaks for lists, nor count anything inside fenced code", () => {
    expect(countMarkdown("- - - - - - - - - - - -").depth).toBe(0);
    const fenced = `\`\`\`\n${"- ".repeat(50)}\n[x](y) @someone\n\`\`\`\n`;
    expect(countMarkdown(fenced)).toMatchObject({ depth: 0, listItems: 0, links: 0, mentions: 0, markup: 0 });
  });

  it("counts list items, table cells and columns, links and mentions as the renderer does", () => {
    const doc = [
      "# Waiting times",
      "",
      "| Service | Wait | Source |",
      "|---|--:|---|",
      "| GP | 3 weeks | [NHS](https://nhs.example/a) |",
      "| A&E | 4 hours | https://www.example.org/b |",
      "",
      "- first, see <https://c.example>",
      "- second, thanks @amara and @ben_k",
      "  1. nested",
      "",
      "> quoted [a link](/papers/x)",
    ].join("\n");
    const counted = countMarkdown(doc);
    const parsed = exact(doc);
    for (const key of ["depth", "listItems", "tableCells", "tableColumns", "links", "mentions"] as const)
      expect([key, counted[key]]).toEqual([key, parsed[key]]);
  });

  it("agrees with the renderer on depth, list items and table columns for documents people write", () => {
    const item = fc.stringMatching(/^[a-z][a-z ]{0,20}$/);
    const list = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 3 }), item), { minLength: 1, maxLength: 12 })
      .map((rows) => {
        // Each row nests at most one level deeper than the one before, as an editor allows.
        let level = 0;
        return rows
          .map(([want, text]) => {
            level = Math.min(want, level + 1);
            return `${"  ".repeat(level)}- ${text}`;
          })
          .join("\n");
      });
    const table = fc
      .tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 6 }))
      .map(([cols, rows]) =>
        [
          `|${" h |".repeat(cols)}`,
          `|${"---|".repeat(cols)}`,
          ...Array.from({ length: rows }, () => `|${" c |".repeat(cols)}`),
        ].join("\n"),
      );
    const block = fc.oneof(
      item,
      list,
      table,
      item.map((t) => `> ${t}`),
    );
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 6 }), (blocks) => {
        const doc = blocks.join("\n\n");
        const counted = countMarkdown(doc);
        const parsed = exact(doc);
        expect([counted.depth, counted.listItems, counted.tableColumns, counted.tableCells]).toEqual([
          parsed.depth,
          parsed.listItems,
          parsed.tableColumns,
          parsed.tableCells,
        ]);
      }),
      { numRuns: 150 },
    );
  });

  it("finds mentions with the renderer's own pattern", () => {
    expect(MENTION_PATTERN.source).toBe(MENTION.source);
    expect(MENTION_PATTERN.flags).toBe(MENTION.flags);
  });
});

describe("the limits", () => {
  it("let long ordinary texts through", () => {
    const para = "Claimants wait five weeks for a first payment, and *advance* loans are repaid from later payments. ";
    const cited = "As [the report](https://example.org/r) says, thanks to @amara and **@ben_k**. ";
    expect(problems(`${para.repeat(7)}${cited}\n\n`.repeat(45))).toEqual([]);
    expect(problems("- an item\n".repeat(MARKDOWN_LIMITS.listItems))).toEqual([]);
    const table = `|${" h |".repeat(20)}\n|${"---|".repeat(20)}\n${`|${" c |".repeat(20)}\n`.repeat(99)}`;
    expect(countMarkdown(table).tableCells).toBe(MARKDOWN_LIMITS.tableCells);
    expect(problems(table)).toEqual([]);
  });

  it("say which bound a text crosses and by how much", () => {
    expect(problems(`${"- ".repeat(9)}x`)).toEqual([
      "Lists and quotes can be nested at most 8 deep; here they go 9 deep.",
    ]);
    expect(problems("- a\n".repeat(501))).toEqual(["A text can have at most 500 list items; this one has 501."]);
    expect(problems(`|${"a|".repeat(31)}\n|${"-|".repeat(31)}`)).toEqual([
      "A table can have at most 30 columns; this one has 31.",
    ]);
    expect(problems("[x](/a) ".repeat(301))).toEqual(["A text can have at most 300 links; this one has 301."]);
    expect(problems(Array.from({ length: 21 }, (_, i) => `@person_${i}`).join(" "))).toEqual([
      "You can mention at most 20 people at once; this mentions 21.",
    ]);
    expect(problems("a\n".repeat(2000))).toEqual(["A text can have at most 2,000 lines; this one has 2,001."]);
    expect(problems("*a* ".repeat(2001))[0]).toMatch(
      /^This uses too much formatting: 4,002 formatting characters .* at most 4,000 are allowed\. Code inside a ``` block does not count\.$/,
    );
    expect(problems("[a]".repeat(2001))[0]).toMatch(/4,002 formatting characters/);
    expect(problems("*a* ".repeat(501))).toContain(
      "This uses 1,002 emphasis marks (* _ ~), and at most 1,000 are allowed. Code inside a ``` block does not count.",
    );
  });

  it("refuse every pathological shape at the size of a post or a section, but a run of * or _ (which costs nothing)", () => {
    for (const max of [20_000, 40_000]) {
      for (const { name, markdown } of pathologicalMarkdown(max)) {
        expect(markdown.length, name).toBeLessThanOrEqual(max);
        if (problems(markdown).length === 0)
          expect([max, name]).toEqual([max, expect.stringMatching(/^long run of [*_]$/)]);
      }
    }
  });

  it("are checked in one pass: 40 KB of any shape is counted in well under a second", () => {
    const started = performance.now();
    for (const { markdown } of pathologicalMarkdown(40_000)) countMarkdown(markdown);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("plainTextHtml", () => {
  it("shows the text escaped, in paragraphs, after a notice", () => {
    const html = plainTextHtml("<script>alert(1)</script>\n\n- - - x & y");
    expect(html).toContain('<p class="markdown-notice" role="note">This text is shown without formatting');
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("- - - x &amp; y");
    expect(html).not.toContain("<script");
  });
});
