import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { carryRuns, freshRuns, type ProvenanceRuns, parseRuns, passagesOf } from "@/features/papers/text/provenance";
import { tokenize } from "@/features/papers/text/tokens";

const total = (runs: ProvenanceRuns) => runs.reduce((sum, [, count]) => sum + count, 0);
/** The revision of each token, spelled out. */
const owners = (runs: ProvenanceRuns) => runs.flatMap(([revision, count]) => Array<number>(count).fill(revision));

/** Random texts and edits over a small vocabulary, so that edits keep some words and change others. */
const arbToken = fc.constantFrom(
  "benefit",
  "sanction",
  "appeal",
  "weeks",
  "four",
  "two",
  "claimants",
  "👍🏽",
  "שלום",
  ",",
  ".",
  " ",
  "  ",
  "\r\n",
  "\n\n",
  "\u00a0",
);
const arbText = fc.array(arbToken, { maxLength: 25 }).map((t) => t.join(""));
const arbEdit = fc.record({
  op: fc.constantFrom("replace", "insert", "delete", "rewrite"),
  at: fc.nat(),
  piece: arbText,
});

function applyEdit(text: string, { op, at, piece }: { op: string; at: number; piece: string }): string {
  if (op === "rewrite") return piece;
  const i = at % (text.length + 1);
  if (op === "insert") return text.slice(0, i) + piece + text.slice(i);
  const end = Math.min(text.length, i + (at % 7));
  return op === "delete" ? text.slice(0, i) + text.slice(end) : text.slice(0, i) + piece + text.slice(end);
}

describe("freshRuns", () => {
  it("gives every token of a new text to one revision", () => {
    expect(freshRuns("Sanctions last four weeks.", 1)).toEqual([[1, tokenize("Sanctions last four weeks.").length]]);
  });

  it("is empty for an empty text", () => {
    expect(freshRuns("", 4)).toEqual([]);
  });
});

describe("carryRuns", () => {
  it("keeps the revision of unchanged words and gives inserted words the new one", () => {
    const before = "Sanctions last four weeks.";
    const after = "Sanctions last two weeks.";
    const runs = carryRuns(before, freshRuns(before, 1), after, 2);
    // Tokens: Sanctions, " ", last, " ", two, " ", weeks, "." — only "two" is new.
    expect(owners(runs)).toEqual([1, 1, 1, 1, 2, 1, 1, 1]);
    // Whitespace after a passage reads with it.
    expect(passagesOf(after, runs)).toEqual([
      { revision: 1, text: "Sanctions last " },
      { revision: 2, text: "two " },
      { revision: 1, text: "weeks." },
    ]);
  });

  it("keeps the revisions of several earlier edits", () => {
    const v1 = "one two three four";
    const r1 = freshRuns(v1, 1);
    const v2 = "one TWO three four";
    const r2 = carryRuns(v1, r1, v2, 2);
    const v3 = "one TWO three four five";
    const r3 = carryRuns(v2, r2, v3, 3);
    expect(owners(r3)).toEqual([1, 1, 2, 1, 1, 1, 1, 3, 3]);
  });

  it("gives nothing to a deleted passage", () => {
    const before = "keep this, drop that";
    const runs = carryRuns(before, freshRuns(before, 1), "keep this", 2);
    expect(runs).toEqual([[1, tokenize("keep this").length]]);
  });

  it("treats runs that do not cover the old text as written by the new revision", () => {
    expect(carryRuns("a b", [], "a b c", 3)).toEqual([[3, 5]]);
    expect(carryRuns("a b", [[1, 1]], "a b", 3)).toEqual([
      [1, 1],
      [3, 2],
    ]);
  });

  it("always covers exactly the tokens of the text, over any sequence of edits", () => {
    fc.assert(
      fc.property(arbText, fc.array(arbEdit, { maxLength: 8 }), (start, edits) => {
        let text = start;
        let runs = freshRuns(text, 1);
        edits.forEach((edit, i) => {
          const revision = i + 2;
          const next = applyEdit(text, edit);
          runs = carryRuns(text, runs, next, revision);
          text = next;
          expect(total(runs)).toBe(tokenize(text).length);
          for (const [rev, count] of runs) {
            expect(count).toBeGreaterThan(0);
            expect(rev).toBeGreaterThanOrEqual(1);
            expect(rev).toBeLessThanOrEqual(revision);
          }
          // Compressed: neighbouring runs never share a revision.
          for (let j = 1; j < runs.length; j++) expect(runs[j][0]).not.toBe(runs[j - 1][0]);
          expect(
            passagesOf(text, runs)
              .map((p) => p.text)
              .join(""),
          ).toBe(text);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("changes nothing when the text is unchanged", () => {
    fc.assert(
      fc.property(arbText, fc.array(arbEdit, { maxLength: 4 }), (start, edits) => {
        let text = start;
        let runs = freshRuns(text, 1);
        edits.forEach((edit, i) => {
          const next = applyEdit(text, edit);
          runs = carryRuns(text, runs, next, i + 2);
          text = next;
        });
        expect(carryRuns(text, runs, text, 99)).toEqual(runs);
      }),
    );
  });

  it("keeps the revisions of a prefix when words are only appended", () => {
    fc.assert(
      fc.property(arbText, arbText, (start, tail) => {
        const runs = freshRuns(start, 1);
        // "." is always a token of its own, so the old tokens stay a prefix of the new ones.
        const after = `${start}.${tail}`;
        const carried = owners(carryRuns(start, runs, after, 2));
        expect(carried.slice(0, tokenize(start).length)).toEqual(owners(runs));
      }),
    );
  });
});

describe("passagesOf", () => {
  it("joins back to the text", () => {
    fc.assert(
      fc.property(
        arbText,
        fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 })), { maxLength: 10 }),
        (text, runs) => {
          expect(
            passagesOf(text, runs)
              .map((p) => p.text)
              .join(""),
          ).toBe(text);
        },
      ),
    );
  });

  it("does not split a passage at whitespace between words of the same revision", () => {
    // "a" by 1, the space by 2, "b c" by 1: the lone space reads as part of revision 1's phrase.
    expect(
      passagesOf("a b c", [
        [1, 1],
        [2, 1],
        [1, 3],
      ]),
    ).toEqual([{ revision: 1, text: "a b c" }]);
  });

  it("attaches whitespace between revisions to the passage before it", () => {
    expect(
      passagesOf("old new", [
        [1, 1],
        [2, 2],
      ]),
    ).toEqual([
      { revision: 1, text: "old " },
      { revision: 2, text: "new" },
    ]);
  });

  it("gives leading whitespace its own revision", () => {
    expect(
      passagesOf("  word", [
        [2, 1],
        [1, 1],
      ]),
    ).toEqual([
      { revision: 2, text: "  " },
      { revision: 1, text: "word" },
    ]);
  });

  it("pads short runs with the last run's revision and ignores extra ones", () => {
    expect(passagesOf("a b c", [[3, 1]])).toEqual([{ revision: 3, text: "a b c" }]);
    expect(
      passagesOf("a", [
        [2, 1],
        [5, 9],
      ]),
    ).toEqual([{ revision: 2, text: "a" }]);
    expect(passagesOf("", [[1, 4]])).toEqual([]);
  });
});

describe("parseRuns", () => {
  it("keeps well-formed runs", () => {
    expect(
      parseRuns([
        [1, 3],
        [2, 1],
      ]),
    ).toEqual([
      [1, 3],
      [2, 1],
    ]);
  });

  it("rejects anything that is not a list of runs", () => {
    for (const junk of [null, undefined, "1,3", 7, { 0: [1, 3] }, true]) expect(parseRuns(junk)).toEqual([]);
  });

  it("drops malformed runs", () => {
    const value = [[1, 3], [1], [1, 2, 3], ["1", 2], [1.5, 2], [1, 2.5], [1, 0], [1, -2], null, "x", [2, 4]];
    expect(parseRuns(value)).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });
});
