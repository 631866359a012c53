import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  authorMayRetitle,
  canChangeOwnPost,
  canReplyTo,
  type PostFacts,
  postVisibility,
  TITLE_EDIT_WINDOW_MS,
} from "@/features/discussions/policy";
import {
  ancestorKey,
  isValidSortKey,
  MAX_SEQ,
  SEGMENT,
  segment,
  sortKeyFor,
  subtreeEnd,
} from "@/features/discussions/tree";

// ---------------------------------------------------------------------------
// tree.ts: the pieces
// ---------------------------------------------------------------------------

describe("segment", () => {
  it("pads a seq to seven digits", () => {
    expect(SEGMENT).toBe(7);
    expect(segment(1)).toBe("0000001");
    expect(segment(42)).toBe("0000042");
    expect(segment(1_234_567)).toBe("1234567");
    expect(segment(MAX_SEQ)).toBe("9999999");
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_SEQ + 1])("refuses %s", (seq) => {
    expect(() => segment(seq)).toThrow(RangeError);
    expect(() => segment(seq)).toThrow(`seq out of range: ${seq}`);
  });
});

describe("sortKeyFor", () => {
  it("gives a top-level post its own segment at depth 0", () => {
    expect(sortKeyFor(4, null)).toEqual({ sortKey: "0000004", depth: 0 });
  });

  it("appends the reply's segment to its parent's key, one level deeper", () => {
    const parent = sortKeyFor(4, null);
    const reply = sortKeyFor(12, parent);
    expect(reply).toEqual({ sortKey: "00000040000012", depth: 1 });
    expect(sortKeyFor(130, reply)).toEqual({ sortKey: "000000400000120000130", depth: 2 });
  });

  it("refuses a seq that does not fit the segment", () => {
    expect(() => sortKeyFor(0, null)).toThrow(RangeError);
    expect(() => sortKeyFor(MAX_SEQ + 1, { sortKey: "0000001", depth: 0 })).toThrow(RangeError);
  });
});

describe("subtreeEnd", () => {
  it("is the key with its last segment plus one", () => {
    expect(subtreeEnd("0000004")).toBe("0000005");
    expect(subtreeEnd("00000040000012")).toBe("00000040000013");
  });

  it("carries into the next digit", () => {
    expect(subtreeEnd("0000009")).toBe("0000010");
    expect(subtreeEnd("00000010000099")).toBe("00000010000100");
    expect(subtreeEnd("0999999")).toBe("1000000");
  });

  it("bounds descendants but not the next sibling's subtree", () => {
    const end = subtreeEnd("00000040000012");
    for (const inside of ["00000040000012", "000000400000120000013", "0000004000001200000130000099"])
      expect(inside < end).toBe(true);
    for (const outside of ["00000040000013", "000000400000130000014", "0000005"]) expect(outside >= end).toBe(true);
  });
});

describe("ancestorKey", () => {
  const key = "000000400000120000130";
  it("cuts the key to the ancestor at a depth (0 = the top-level post)", () => {
    expect(ancestorKey(key, 0)).toBe("0000004");
    expect(ancestorKey(key, 1)).toBe("00000040000012");
  });

  it("at the post's own depth is the post's own key", () => {
    expect(ancestorKey(key, 2)).toBe(key);
  });
});

describe("isValidSortKey", () => {
  it.each(["0000001", "9999999", "00000040000012", "000000400000120000130"])("accepts %s", (key) => {
    expect(isValidSortKey(key)).toBe(true);
  });

  it.each(["", "000001", "00000001", "00000a1", "0000001 ", " 0000001", "-000001", "00000040000012\n", "０００００01"])(
    "refuses %j",
    (key) => {
      expect(isValidSortKey(key)).toBe(false);
    },
  );
});

// ---------------------------------------------------------------------------
// tree.ts: properties over random reply trees
// ---------------------------------------------------------------------------

type Node = { seq: number; parent: Node | null; children: Node[]; sortKey: string; depth: number };

/**
 * A random reply tree as the mutations would build it: posts written one after another with
 * increasing seqs (gaps allowed, so that carries such as 9 -> 10 and 99 -> 100 happen), each one
 * either top-level or a reply to any post written before it.
 */
const arbTree = fc
  .array(fc.record({ gap: fc.integer({ min: 1, max: 120 }), parentChoice: fc.nat() }), { minLength: 1, maxLength: 80 })
  .map((steps) => {
    const nodes: Node[] = [];
    let seq = 0;
    for (const step of steps) {
      seq += step.gap;
      // One choice in (n + 1) is top-level; the rest pick any earlier post.
      const pick = step.parentChoice % (nodes.length + 1);
      const parent = pick === nodes.length ? null : nodes[pick]!;
      const node: Node = { seq, parent, children: [], ...sortKeyFor(seq, parent) };
      parent?.children.push(node);
      nodes.push(node);
    }
    return nodes;
  });

/** Depth-first order, worked out from the tree itself (not from the keys): siblings in order of seq. */
function depthFirst(nodes: Node[]): Node[] {
  const out: Node[] = [];
  const visit = (n: Node) => {
    out.push(n);
    [...n.children].sort((a, b) => a.seq - b.seq).forEach(visit);
  };
  nodes
    .filter((n) => !n.parent)
    .sort((a, b) => a.seq - b.seq)
    .forEach(visit);
  return out;
}

function isDescendantOrSelf(node: Node, root: Node): boolean {
  for (let n: Node | null = node; n; n = n.parent) if (n === root) return true;
  return false;
}

const COMPARATORS = {
  "plain string comparison": (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0),
  'localeCompare with "en"': (a: string, b: string) => a.localeCompare(b, "en"),
};

describe("sort keys over random reply trees", () => {
  it.each(Object.entries(COMPARATORS))("ordering by sortKey (%s) lists the tree depth first", (_, compare) => {
    fc.assert(
      fc.property(arbTree, (nodes) => {
        const byKey = [...nodes].sort((a, b) => compare(a.sortKey, b.sortKey));
        expect(byKey.map((n) => n.seq)).toEqual(depthFirst(nodes).map((n) => n.seq));
        // Spelled out: each post comes after its parent, and a post's whole subtree comes before its next sibling.
        const position = new Map(byKey.map((n, i) => [n, i]));
        for (const n of nodes) {
          if (n.parent) expect(position.get(n)!).toBeGreaterThan(position.get(n.parent)!);
          const siblings = n.parent ? n.parent.children : nodes.filter((m) => !m.parent);
          for (const later of siblings.filter((s) => s.seq > n.seq)) {
            for (const d of nodes.filter((m) => isDescendantOrSelf(m, n)))
              expect(position.get(d)!).toBeLessThan(position.get(later)!);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("[sortKey, subtreeEnd(sortKey)) holds exactly the post and its descendants, in either collation", () => {
    fc.assert(
      fc.property(arbTree, (nodes) => {
        for (const root of nodes) {
          const end = subtreeEnd(root.sortKey);
          const expected = nodes
            .filter((n) => isDescendantOrSelf(n, root))
            .map((n) => n.seq)
            .sort((a, b) => a - b);
          for (const compare of Object.values(COMPARATORS)) {
            const inRange = nodes.filter((n) => compare(n.sortKey, root.sortKey) >= 0 && compare(n.sortKey, end) < 0);
            expect(inRange.map((n) => n.seq).sort((a, b) => a - b)).toEqual(expected);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it("every key is valid, its length gives the depth, and ancestorKey finds each ancestor", () => {
    fc.assert(
      fc.property(arbTree, (nodes) => {
        for (const n of nodes) {
          expect(isValidSortKey(n.sortKey)).toBe(true);
          expect(n.sortKey.length / SEGMENT - 1).toBe(n.depth);
          for (let a: Node | null = n; a; a = a.parent) expect(ancestorKey(n.sortKey, a.depth)).toBe(a.sortKey);
        }
      }),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------
// policy.ts
// ---------------------------------------------------------------------------

const STATUSES: PostFacts["status"][] = ["VISIBLE", "HIDDEN", "REMOVED", "DELETED"];
const post = (status: PostFacts["status"], authorId: string | null = "u-author"): PostFacts => ({ authorId, status });

describe("canChangeOwnPost", () => {
  it("lets the author change their visible post", () => {
    expect(canChangeOwnPost("u-author", post("VISIBLE"))).toBe(true);
  });

  it.each(["HIDDEN", "REMOVED", "DELETED"] as const)("does not let the author change a %s post", (status) => {
    expect(canChangeOwnPost("u-author", post(status))).toBe(false);
  });

  it("never lets anyone else, or nobody, change it", () => {
    expect(canChangeOwnPost("u-other", post("VISIBLE"))).toBe(false);
    expect(canChangeOwnPost(undefined, post("VISIBLE"))).toBe(false);
    expect(canChangeOwnPost("", post("VISIBLE", ""))).toBe(false);
  });

  it("treats a post whose author account is gone as nobody's", () => {
    expect(canChangeOwnPost(undefined, post("VISIBLE", null))).toBe(false);
    expect(canChangeOwnPost("u-author", post("VISIBLE", null))).toBe(false);
  });
});

describe("canReplyTo", () => {
  it.each([
    ["VISIBLE", true],
    ["DELETED", true],
    ["HIDDEN", false],
    ["REMOVED", false],
  ] as const)("a %s post: %s", (status, expected) => {
    expect(canReplyTo(post(status))).toBe(expected);
  });
});

describe("postVisibility", () => {
  const table: Record<PostFacts["status"], { reader: string; moderator: string }> = {
    VISIBLE: { reader: "full", moderator: "full" },
    HIDDEN: { reader: "marker", moderator: "hidden-with-text" },
    REMOVED: { reader: "marker", moderator: "marker" },
    DELETED: { reader: "marker", moderator: "marker" },
  };

  it.each(STATUSES)("%s: what readers and moderators see", (status) => {
    expect(postVisibility(status, false)).toBe(table[status].reader);
    expect(postVisibility(status, true)).toBe(table[status].moderator);
  });

  it("shows text to readers only for visible posts", () => {
    expect(STATUSES.filter((s) => postVisibility(s, false) !== "marker")).toEqual(["VISIBLE"]);
  });
});

describe("authorMayRetitle", () => {
  const now = new Date("2026-12-07T12:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);
  it("until someone else replies, always", () => {
    expect(authorMayRetitle({ createdAt: ago(30 * TITLE_EDIT_WINDOW_MS), othersReplied: false }, now)).toBe(true);
  });
  it("after others replied, only within the window", () => {
    expect(authorMayRetitle({ createdAt: ago(TITLE_EDIT_WINDOW_MS - 1), othersReplied: true }, now)).toBe(true);
    expect(authorMayRetitle({ createdAt: ago(TITLE_EDIT_WINDOW_MS), othersReplied: true }, now)).toBe(false);
  });
});
