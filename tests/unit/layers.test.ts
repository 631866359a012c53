import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  featureCycles,
  type Graph,
  importGraph,
  importSpecifiers,
  layerViolations,
  longFiles,
  queryWrites,
  readSources,
  resolveSpecifier,
} from "./layers/rules";

// The layers of src/ hold because this test fails when an arrow points the wrong way
// (the rules are spelled out at the top of ./layers/rules.ts).

const SRC = fileURLToPath(new URL("../../src", import.meta.url));
const files = readSources(SRC);
const graph = importGraph(SRC, files);

const report = (problems: string[]) => (problems.length ? `\n${problems.join("\n")}\n` : "");

describe("the checker finds planted violations", () => {
  const planted: Graph = new Map([
    ["server/jobs/tasks.ts", ["features/papers/closing.ts", "lib/dates.ts"]],
    ["lib/slug.ts", ["server/db.ts"]],
    ["components/ui/badge.tsx", ["features/accounts/queries.ts"]],
    ["features/papers/closing.ts", ["features/commissions/acceptance.ts", "composition/jobs.ts"]],
    ["features/commissions/acceptance.ts", ["features/papers/persist-change.ts"]],
    ["features/groups/page.tsx", ["features/accounts/components/sign-out-button.tsx", "app/layout.tsx"]],
    ["app/page.tsx", ["composition/auth.ts", "features/groups/page.tsx"]],
  ]);

  it("reports layer breaks, one line per edge", () => {
    const found = layerViolations(planted);
    expect(found).toEqual([
      "components/ui/badge.tsx -> features/accounts/queries.ts: components/ may import only components, server, lib",
      "features/groups/page.tsx -> app/layout.tsx: nothing imports app/",
      "features/groups/page.tsx -> features/accounts/components/sign-out-button.tsx: a feature never imports another feature's components/",
      "features/papers/closing.ts -> composition/jobs.ts: only app/ and instrumentation.ts import the composition root",
      "lib/slug.ts -> server/db.ts: lib/ may import only lib",
      "server/jobs/tasks.ts -> features/papers/closing.ts: server/ may import only server, lib, generated, types",
    ]);
  });

  it("reports a two-feature cycle with its path", () => {
    expect(featureCycles(planted)).toEqual([
      "commissions -> papers -> commissions\n" +
        "    features/commissions/acceptance.ts -> features/papers/persist-change.ts\n" +
        "    features/papers/closing.ts -> features/commissions/acceptance.ts",
    ]);
    expect(featureCycles(new Map([["features/a/x.ts", ["features/b/y.ts"]]]))).toEqual([]);
  });

  it("reports a longer cycle once", () => {
    const ring: Graph = new Map([
      ["features/a/x.ts", ["features/b/x.ts"]],
      ["features/b/x.ts", ["features/c/x.ts"]],
      ["features/c/x.ts", ["features/a/x.ts"]],
    ]);
    expect(featureCycles(ring).map((c) => c.split("\n")[0])).toEqual(["a -> b -> c -> a"]);
  });

  it("reports a query that writes or imports mutations", () => {
    const sources = new Map([
      ["features/papers/queries/paper-page.ts", "const x = await db.proposal.update({ where });\n"],
      ["features/groups/queries.ts", 'await tx.$executeRaw`UPDATE "groups" SET n = 1`;\n'],
      ["features/library/queries.ts", "// we never call .update( here\nreturn db.paper.findMany();\n"],
      ["features/search/queries.ts", 'import { x } from "./mutations";\n'],
      ["features/search/mutations.ts", "await db.paper.delete({ where });\n"],
      [
        "features/papers/queries/proposal-page.ts",
        'import { closeProposal } from "../closing";\nconst h = createHash("sha256").update(text);\n',
      ],
      ["features/papers/closing.ts", "await tx.proposal.updateMany({ where, data });\n"],
    ]);
    const g: Graph = new Map([
      ["features/search/queries.ts", ["features/search/mutations.ts"]],
      ["features/papers/queries/proposal-page.ts", ["features/papers/closing.ts", "server/markdown/rendered.ts"]],
    ]);
    expect(queryWrites(sources, g)).toEqual([
      "features/groups/queries.ts:1: $executeRaw in a query",
      "features/groups/queries.ts:1: UPDATE in a query",
      "features/papers/queries/paper-page.ts:1: a Prisma write in a query",
      "features/papers/queries/proposal-page.ts: imports features/papers/closing.ts, which writes",
      "features/search/queries.ts: imports features/search/mutations.ts, a mutations module",
    ]);
  });

  it("reports a long file unless it says why near its top", () => {
    const long = "x\n".repeat(301);
    const sources = new Map([
      ["a.ts", long],
      ["b.ts", `// Long because the table is one piece.\n${long}`],
      ["c.ts", "x\n".repeat(300)],
    ]);
    expect(longFiles(sources)).toEqual(['a.ts: 301 lines, and no "Long because" comment near its top']);
  });

  it("reads every kind of import, and resolves @/ and relative paths", () => {
    const text = [
      'import a from "@/lib/dates";',
      'import type { B } from "../b";',
      'export { c } from "./c";',
      'export * from "@/server/db";',
      'const d = await import("./server/jobs/scheduler");',
      'import "server-only";',
    ].join("\n");
    expect(importSpecifiers(text)).toEqual([
      "@/lib/dates",
      "../b",
      "./c",
      "@/server/db",
      "./server/jobs/scheduler",
      "server-only",
    ]);
    expect(resolveSpecifier(SRC, "app/page.tsx", "@/lib/dates")).toBe("lib/dates.ts");
    expect(resolveSpecifier(SRC, "instrumentation.ts", "./server/jobs/scheduler")).toBe("server/jobs/scheduler.ts");
    expect(resolveSpecifier(SRC, "app/page.tsx", "next/link")).toBeNull();
  });
});

describe("the real tree under src/", () => {
  it("was read (the checks below looked at something)", () => {
    expect(files.size).toBeGreaterThan(300);
    expect([...graph.values()].flat().length).toBeGreaterThan(1000);
    expect(graph.get("app/layout.tsx")).toContain("app/_components/site-header.tsx");
  });

  it("keeps every arrow pointing down", () => {
    expect(report(layerViolations(graph))).toBe("");
  });

  it("has no feature-level cycle", () => {
    expect(report(featureCycles(graph))).toBe("");
  });

  it("has queries that only read", () => {
    expect(report(queryWrites(files, graph))).toBe("");
  });

  it(`has no file over 300 lines without a comment saying why`, () => {
    expect(report(longFiles(files))).toBe("");
  });
});
