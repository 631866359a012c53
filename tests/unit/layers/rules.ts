// The layer rules of src/, checked over the import graph (arrows point down only):
//
//   app/, instrumentation.ts   may import anything below (app/ alone, with instrumentation.ts, imports composition/)
//   composition/               wires features into server/ (jobs, next-auth, decision outcomes)
//   features/<f>/              lower features (never another feature's components/), components/, server/, lib/
//   components/                server/, lib/ only
//   server/                    lib/ only (and src/generated, src/types)
//   proxy.ts                   server/, lib/ only
//   lib/                       lib/ only
//
// Pure functions over a graph (file -> the files it imports, paths relative to src/), so the test can
// run them on the real tree and on planted violations alike.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export type Graph = Map<string, string[]>;

/** Which layer a file (relative to src/) belongs to: "app", "composition", "feature:<f>", "components", … */
export function layerOf(file: string): string {
  const parts = file.split("/");
  if (parts.length === 1) return parts[0].replace(/\.(ts|tsx|mjs)$/, ""); // instrumentation, proxy
  if (parts[0] === "features") return `feature:${parts[1]}`;
  return parts[0];
}

const featureOf = (file: string) => (file.startsWith("features/") ? file.split("/")[1] : null);
const isFeatureComponent = (file: string) => /^features\/[^/]+\/components\//.test(file);

/** What each lower layer may import besides itself (and packages). */
const ALLOWED: Record<string, string[]> = {
  lib: [],
  server: ["lib", "generated", "types"],
  components: ["server", "lib"],
  // The proxy (Next's middleware) runs before any route: infrastructure only.
  proxy: ["server", "lib"],
};

/** Every broken layer rule, one line each: "from -> to: why". */
export function layerViolations(graph: Graph): string[] {
  const out: string[] = [];
  for (const [from, targets] of graph) {
    const fromLayer = layerOf(from);
    for (const to of targets) {
      const toLayer = layerOf(to);
      if (toLayer === fromLayer && !fromLayer.startsWith("feature:")) continue;
      const edge = `${from} -> ${to}`;
      if (fromLayer in ALLOWED && toLayer !== fromLayer && !ALLOWED[fromLayer].includes(toLayer)) {
        out.push(
          `${edge}: ${fromLayer === "proxy" ? "proxy.ts" : `${fromLayer}/`} may import only ${[fromLayer, ...ALLOWED[fromLayer]].join(", ")}`,
        );
      } else if (
        toLayer === "composition" &&
        fromLayer !== "app" &&
        fromLayer !== "instrumentation" &&
        fromLayer !== "composition"
      ) {
        out.push(`${edge}: only app/ and instrumentation.ts import the composition root`);
      } else if (toLayer === "app" && fromLayer !== "app") {
        out.push(`${edge}: nothing imports app/`);
      } else if (
        fromLayer.startsWith("feature:") &&
        toLayer.startsWith("feature:") &&
        toLayer !== fromLayer &&
        isFeatureComponent(to)
      ) {
        out.push(`${edge}: a feature never imports another feature's components/`);
      }
    }
  }
  return out.sort();
}

/** The feature-level edges: feature -> the other features it imports, with one file edge as the example. */
export function featureEdges(graph: Graph): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  for (const [from, targets] of graph) {
    const a = featureOf(from);
    if (!a) continue;
    for (const to of targets) {
      const b = featureOf(to);
      if (!b || b === a) continue;
      if (!edges.has(a)) edges.set(a, new Map());
      if (!edges.get(a)!.has(b)) edges.get(a)!.set(b, `${from} -> ${to}`);
    }
  }
  return edges;
}

/** Each feature-level cycle, once, as its path ("a -> b -> a") followed by one file edge per step. */
export function featureCycles(graph: Graph): string[] {
  const edges = featureEdges(graph);
  const nodes = [...new Set([...edges.keys(), ...[...edges.values()].flatMap((m) => [...m.keys()])])].sort();
  const seen = new Set<string>();
  const cycles: string[] = [];
  // Shortest cycle through each edge a -> b: a breadth-first path from b back to a.
  for (const a of nodes) {
    for (const b of [...(edges.get(a)?.keys() ?? [])].sort()) {
      const back = shortestPath(edges, b, a);
      if (!back) continue;
      const cycle = [a, ...back];
      const ring = cycle.slice(0, -1);
      const key = `${[...ring].sort().join(",")}|${rotateToSmallest(ring).join(">")}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const steps = cycle.slice(0, -1).map((f, i) => `    ${edges.get(f)!.get(cycle[i + 1])}`);
      cycles.push(`${cycle.join(" -> ")}\n${steps.join("\n")}`);
    }
  }
  return cycles;
}

function rotateToSmallest(ring: string[]): string[] {
  const i = ring.indexOf([...ring].sort()[0]);
  return [...ring.slice(i), ...ring.slice(0, i)];
}

function shortestPath(edges: Map<string, Map<string, string>>, start: string, goal: string): string[] | null {
  const previous = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const node = queue.shift()!;
    if (node === goal) {
      const pathBack = [node];
      for (let p = previous.get(node); p; p = previous.get(p)) pathBack.unshift(p);
      return pathBack;
    }
    for (const next of [...(edges.get(node)?.keys() ?? [])].sort()) {
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return null;
}

/** A query file: under a queries/ folder, or named queries.ts. */
export const isQueryFile = (file: string) => /(^|\/)queries\//.test(file) || /(^|\/)queries\.ts$/.test(file);
/** A module that writes by its name: mutations.ts or anything under a mutations/ folder. */
const isMutationsModule = (file: string) => /(^|\/)mutations(\.tsx?|\/)/.test(file);

const WRITES: [RegExp, string][] = [
  // A word character before the dot: db.paper.update( and tx.vote.delete(, not createHash(…).update(.
  [
    /\w\.(create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany)\(/,
    "a Prisma write",
  ],
  [/\$executeRaw/, "$executeRaw"],
  [/\bINSERT\s+INTO\b/, "INSERT"],
  [/\bUPDATE\s+"?\w+"?(\s+AS\s+\w+|\s+\w+)?\s+SET\b/, "UPDATE"],
  [/\bDELETE\s+FROM\b/, "DELETE"],
];

/** Strips // and /* comments (roughly: enough that a comment saying "we never .update( here" passes). */
export function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

const writes = (text: string) =>
  WRITES.some(([pattern]) =>
    withoutComments(text)
      .split("\n")
      .some((l) => pattern.test(l)),
  );

/**
 * Each way a query file writes: "file: what". Besides writing itself, a query may not import a
 * mutations module, nor a feature module that writes (closing a due proposal while a page renders,
 * say). Infrastructure in server/ (the rendered-Markdown cache, rate limits) is not a feature's write.
 */
export function queryWrites(files: Map<string, string>, graph: Graph): string[] {
  const out: string[] = [];
  for (const [file, text] of files) {
    if (!isQueryFile(file)) continue;
    const code = withoutComments(text);
    for (const [pattern, what] of WRITES) {
      const line = code.split("\n").findIndex((l) => pattern.test(l));
      if (line >= 0) out.push(`${file}:${line + 1}: ${what} in a query`);
    }
    for (const to of graph.get(file) ?? []) {
      if (isMutationsModule(to)) out.push(`${file}: imports ${to}, a mutations module`);
      else if (to.startsWith("features/") && !isQueryFile(to) && writes(files.get(to) ?? ""))
        out.push(`${file}: imports ${to}, which writes`);
    }
  }
  return out.sort();
}

export const MAX_LINES = 300;
/** Files over MAX_LINES lines whose first 20 lines carry no comment saying "Long because …". */
export function longFiles(files: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [file, text] of files) {
    const lines = text.split("\n");
    const count = text.endsWith("\n") ? lines.length - 1 : lines.length;
    if (count <= MAX_LINES) continue;
    const head = lines.slice(0, 20).join("\n");
    if (/(\/\/|\/\*|\*|\{\/\*).*Long because/.test(head)) continue;
    out.push(`${file}: ${count} lines, and no "Long because" comment near its top`);
  }
  return out.sort();
}

// --- Reading the real tree ------------------------------------------------------------------------

const SOURCE = /\.(ts|tsx|mjs)$/;
const EXTENSIONS = [".ts", ".tsx", ".mjs", ".js", "/index.ts", "/index.tsx"];

/** Every source file under src/ (src/generated aside), relative to src/, with its text. */
export function readSources(srcDir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(srcDir, full).split(path.sep).join("/");
      if (entry.isDirectory()) {
        if (rel !== "generated") walk(full);
      } else if (SOURCE.test(entry.name)) {
        files.set(rel, readFileSync(full, "utf8"));
      }
    }
  };
  walk(srcDir);
  return files;
}

/** The specifiers a file imports: import, export … from, import type, dynamic import(), require(). */
export function importSpecifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** A specifier resolved to a file relative to src/, or null for packages. */
export function resolveSpecifier(srcDir: string, from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(srcDir, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.join(srcDir, path.dirname(from)), specifier);
  else return null;
  const found = [base, ...EXTENSIONS.map((e) => base + e)].find(
    (candidate) => SOURCE.test(candidate) && existsSync(candidate),
  );
  const target =
    found ??
    (base.replace(/\.js$/, ".ts") !== base && existsSync(base.replace(/\.js$/, ".ts"))
      ? base.replace(/\.js$/, ".ts")
      : base);
  return path.relative(srcDir, target).split(path.sep).join("/");
}

export function importGraph(srcDir: string, files: Map<string, string>): Graph {
  const graph: Graph = new Map();
  for (const [file, text] of files) {
    const targets = importSpecifiers(text)
      .map((s) => resolveSpecifier(srcDir, file, s))
      // Packages, and files outside src/ (server/health.ts reads ../package.json), are not ours to layer.
      .filter((t): t is string => t !== null && t !== file && !t.startsWith("../"));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}
