// The results of `npm run bench`: a table on the console, and the same as JSON and Markdown in
// bench-results/ (git-ignored).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "../lib/processes";
import type { BenchPage } from "./pages";
import type { Measurement } from "./measure";
import type { StatementCount } from "./query-count";
import type { VoteCheck } from "./vote-check";
import type { VoteMeasurement } from "./votes";

export interface Row {
  page: BenchPage;
  /** Size of the page's HTML. */
  bytes: number;
  measurement: Measurement;
  /** SQL statements of one request and PostgreSQL's time for them, or null when not counted. */
  sql: StatementCount | null;
}

export interface Comparison {
  kind: string;
  signedIn: boolean;
  small: number;
  large: number;
  /** requests/s of the large thread ÷ the small one (1 = no slower). */
  rpsRatio: number;
  /** p95 of the large thread ÷ the small one (1 = no slower). */
  p95Ratio: number;
  pass: boolean;
}

/** The target: the largest thread within 1.2× of the smallest, in throughput and in p95 latency. */
export const RATIO_TARGET = 1.2;

/**
 * The largest thread against each smaller one, per page kind. Against the smallest is the target;
 * against the next size up is the fairer test of scaling, because a 10-post thread fills less
 * than one window (30 posts) and its pages simply show fewer posts.
 */
export function compare(rows: Row[]): Comparison[] {
  const sizes = [...new Set(rows.map((r) => r.page.threadSize).filter((s): s is number => s !== null))].sort((a, b) => a - b);
  if (sizes.length < 2) return [];
  const large = sizes.at(-1)!;
  const out: Comparison[] = [];
  const find = (kind: string, signedIn: boolean, size: number) =>
    rows.find((r) => r.page.kind === kind && r.page.signedIn === signedIn && r.page.threadSize === size);
  for (const row of rows) {
    const small = row.page.threadSize;
    if (small === null || small === large) continue;
    const big = find(row.page.kind, row.page.signedIn, large);
    if (!big) continue;
    const rpsRatio = big.measurement.requestsPerSec / row.measurement.requestsPerSec;
    const p95Ratio = big.measurement.p95 / row.measurement.p95;
    out.push({
      kind: row.page.kind,
      signedIn: row.page.signedIn,
      small,
      large,
      rpsRatio,
      p95Ratio,
      pass: rpsRatio >= 1 / RATIO_TARGET && p95Ratio <= RATIO_TARGET,
    });
  }
  return out;
}

/** The published page from the app against the same HTML from a plain file server. */
export interface StaticComparison {
  appRps: number;
  staticRps: number;
  /** App ÷ static requests/s: the share of a static server's throughput the app reaches. */
  rpsRatio: number;
  appP50: number;
  staticP50: number;
  /** App ÷ static p50: how many times longer a reader waits for the app. */
  p50Ratio: number;
}

export const STATIC_KIND = "static file, same HTML";
export const PUBLISHED_KIND = "published paper, v1";

export function compareStatic(rows: Row[]): StaticComparison | null {
  const app = rows.find((r) => r.page.kind === PUBLISHED_KIND)?.measurement;
  const file = rows.find((r) => r.page.kind === STATIC_KIND)?.measurement;
  if (!app || !file) return null;
  return {
    appRps: app.requestsPerSec,
    staticRps: file.requestsPerSec,
    rpsRatio: app.requestsPerSec / file.requestsPerSec,
    appP50: app.p50,
    staticP50: file.p50,
    p50Ratio: app.p50 / file.p50,
  };
}

export const staticText = (c: StaticComparison) =>
  `Published page, app ÷ plain static file server (same HTML): requests/s ${c.appRps.toFixed(1)} ÷ ${c.staticRps.toFixed(1)} = ${c.rpsRatio.toFixed(3)} ` +
  `(the app serves 1 request for every ${(1 / c.rpsRatio).toFixed(0)} of the static server); p50 ${ms(c.appP50)} ÷ ${ms(c.staticP50)} ms = ${c.p50Ratio.toFixed(1)}.`;

function table(headers: string[], rows: string[][], markdown: boolean): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const right = (i: number) => i > 1; // the first two columns are labels
  const line = (cells: string[]) =>
    cells.map((c, i) => (right(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(markdown ? " | " : "  ");
  if (!markdown) return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
  const rule = widths.map((w, i) => (right(i) ? `${"-".repeat(Math.max(w - 1, 1))}:` : "-".repeat(w))).join(" | ");
  return [line(headers), rule, ...rows.map(line)].map((l) => `| ${l} |`).join("\n");
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");
const label = (page: BenchPage) => (page.threadSize === null ? page.kind : `${page.kind}, ${page.threadSize.toLocaleString("en-GB")} posts`);

export function resultsTable(rows: Row[], markdown = false): string {
  return table(
    ["page", "signed in", "KiB", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors/non-2xx", "SQL/request", "DB ms/request"],
    rows.map(({ page, bytes, measurement: m, sql }) => [
      label(page),
      page.signedIn ? "yes" : "no",
      (bytes / 1024).toFixed(0),
      m.requestsPerSec.toFixed(1),
      ms(m.p50),
      ms(m.p95),
      ms(m.p99),
      `${m.errors}/${m.non2xx}`,
      sql === null ? "–" : String(sql.statements),
      sql === null ? "–" : sql.dbMs.toFixed(1),
    ]),
    markdown,
  );
}

export function comparisonTable(comparisons: Comparison[], markdown = false): string {
  const sorted = [...comparisons].sort((a, b) => a.small - b.small);
  return table(
    ["page kind", "signed in", "threads", "req/s ratio", "p95 ratio", `within ${RATIO_TARGET}`],
    sorted.map((c) => [
      c.kind,
      c.signedIn ? "yes" : "no",
      `${c.large.toLocaleString("en-GB")} ÷ ${c.small.toLocaleString("en-GB")}`,
      c.rpsRatio.toFixed(2),
      c.p95Ratio.toFixed(2),
      c.pass ? "pass" : "FAIL",
    ]),
    markdown,
  );
}

/** The vote part: the load, one vote's SQL, and the checks made against the database afterwards. */
export interface VoteReport {
  measurement: VoteMeasurement;
  /** SQL statements of one vote and PostgreSQL's time for them, or null when not counted. */
  sql: StatementCount | null;
  members: number;
  /** Vote rows in the database afterwards. */
  rows: number;
  checks: VoteCheck[];
}

export function voteTable({ measurement: m, sql }: VoteReport, markdown = false): string {
  return table(
    ["endpoint", "voters", "votes/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "votes", "errors/non-2xx", "SQL/vote", "DB ms/vote"],
    [
      [
        "POST /api/proposals/:id/votes",
        String(m.voters),
        m.votesPerSec.toFixed(1),
        ms(m.p50),
        ms(m.p95),
        ms(m.p99),
        ms(m.max),
        String(m.votes),
        `${m.errors}/${m.non2xx}`,
        sql === null ? "–" : String(sql.statements),
        sql === null ? "–" : sql.dbMs.toFixed(1),
      ],
    ],
    markdown,
  );
}

export const voteChecksText = (checks: VoteCheck[], markdown = false) =>
  checks.map((c) => `${markdown ? "- " : ""}${c.pass ? "PASS" : "FAIL"}  ${c.name}: ${c.detail}`).join("\n");

/** `loadBefore`: the 1-minute load average before the bench started anything. */
export function environment(loadBefore: number) {
  const git = (args: string[]) => {
    try {
      return execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return null;
    }
  };
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    /** Load before the bench began: above ~0.5 means other work shared the machine and the figures are noisy. */
    loadAverageBefore: Math.round(loadBefore * 100) / 100,
    commit: git(["rev-parse", "--short", "HEAD"]),
    uncommittedChanges: (git(["status", "--porcelain"]) ?? "").length > 0,
  };
}

export interface Report {
  environment: ReturnType<typeof environment>;
  settings: { connections: number; durationSec: number; warmupSec: number; rounds: number; pages: string; build: string };
  seed: {
    members: number;
    threads: { size: number; id: string }[];
    posts: number;
    reactions: number;
    maxDepth: number;
    /** The issue 5 corpus (whole-database counts after it), or null when skipped (BENCH_CORPUS=0). */
    corpus: { groups: number; posts: number; threads: number; papers: number; publications: number; markers: Record<string, number> } | null;
  };
  timings: Record<string, number>;
  rows: Row[];
  comparisons: Comparison[];
  /** Null unless both the published page and the static baseline were measured. */
  staticComparison: StaticComparison | null;
  /** Null when the vote part was skipped (BENCH_VOTES=0). */
  votes: VoteReport | null;
}

function voteSection(v: VoteReport): string[] {
  const m = v.measurement;
  return [
    `Votes: ${m.voters} members of a ${v.members}-member group voting on one open proposal at once, each on its own connection with its own session, ` +
      `changing its vote again as soon as the last one is answered, for ${m.durationSec} s after a ${m.warmupSec} s warm-up. ` +
      `Figures are of 2xx answers in the measured window.`,
    "",
    voteTable(v, true),
    "",
    ...(m.firstFailure
      ? [`Failed votes: ${Object.entries(m.failures).map(([kind, n]) => `${n} × ${kind}`).join(", ")}; the first: ${m.firstFailure}`, ""]
      : []),
    `Afterwards, the database against the acknowledged votes (${v.rows} vote rows):`,
    "",
    voteChecksText(v.checks, true),
    "",
  ];
}

export function writeReport(report: Report): { json: string; markdown: string } {
  const dir = path.join(ROOT, "bench-results");
  mkdirSync(dir, { recursive: true });
  const stamp = report.environment.date.replace(/[:.]/g, "-");
  const json = path.join(dir, `bench-${stamp}.json`);
  const markdown = path.join(dir, `bench-${stamp}.md`);
  const e = report.environment;
  const s = report.settings;
  const text = [
    `# npm run bench, ${e.date}`,
    "",
    `Machine: ${e.cpus} × ${e.cpuModel}, ${e.memoryGiB} GiB, ${e.platform}; Node ${e.node}; load average ${e.loadAverageBefore} before the run. ` +
      `Commit ${e.commit ?? "?"}${e.uncommittedChanges ? " with uncommitted changes" : ""}.`,
    report.rows.length > 0
      ? `Load: autocannon, ${s.connections} connections, ${s.durationSec} s per page after a ${s.warmupSec} s warm-up` +
        `${s.rounds > 1 ? `, best of ${s.rounds} rounds` : ""}; one \`next start\` process on the same machine, ${s.build}.`
      : `No pages measured (BENCH_PAGES=${s.pages}); one \`next start\` process on the same machine, ${s.build}.`,
    `Data: ${report.seed.members} members; threads of ${report.seed.threads.map((t) => t.size.toLocaleString("en-GB")).join(", ")} posts ` +
      `(${report.seed.posts.toLocaleString("en-GB")} posts, ${report.seed.reactions.toLocaleString("en-GB")} reactions, replies down to depth ${report.seed.maxDepth}).`,
    ...(report.seed.corpus
      ? [
          `Corpus for the library and search: ${report.seed.corpus.posts.toLocaleString("en-GB")} posts in ${report.seed.corpus.threads.toLocaleString("en-GB")} threads and ` +
            `${report.seed.corpus.publications.toLocaleString("en-GB")} published papers, in ${report.seed.corpus.groups} OPEN groups besides the thread groups (whole-database counts).`,
        ]
      : []),
    `Timings: ${Object.entries(report.timings).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(", ")}.`,
    "",
    ...(report.rows.length > 0 ? [resultsTable(report.rows, true), ""] : []),
    ...(report.staticComparison ? [staticText(report.staticComparison), ""] : []),
    ...(report.comparisons.length > 0
      ? [
          `The largest thread against the smaller ones (target: requests/s ratio ≥ ${(1 / RATIO_TARGET).toFixed(2)} and p95 ratio ≤ ${RATIO_TARGET}). ` +
            `The 10-post thread fills less than one 30-post window, so its pages show fewer posts; the 10,000 ÷ 1,000 rows compare equal pages.`,
          "",
          comparisonTable(report.comparisons, true),
          "",
        ]
      : []),
    ...(report.votes ? voteSection(report.votes) : []),
  ].join("\n");
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(markdown, text);
  writeFileSync(path.join(dir, "latest.md"), text);
  writeFileSync(path.join(dir, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
  return { json, markdown };
}
