// The report of `npm run bench`: one table (console and Markdown) with each scenario's ratio to its
// baselines, and a bar chart (SVG) of requests/s on a log scale, written to
// bench-results/<date>/ (git-ignored) with the raw figures as JSON.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "../lib/processes";
import type { Measurement } from "./measure";
import type { PgbenchResult } from "./pgbench";

export interface Row {
  name: string;
  measurement: Measurement;
  /** Peak RSS of the server's process tree during the scenario, MiB. */
  peakRssMiB: number;
  /** SQL statements of one request, and PostgreSQL's time for them (null: not captured). */
  sql: { statements: number; dbMs: number } | null;
  /** pgbench on this page's SQL; null: not measured; a string says why it failed. */
  pgbench: PgbenchResult | string | null;
  /** This is the static baseline itself. */
  baseline?: boolean;
}

const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "–");

function table(headers: string[], rows: string[][], markdown: boolean): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const right = (i: number) => i > 0;
  const line = (cells: string[]) =>
    cells.map((c, i) => (right(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(markdown ? " | " : "  ");
  if (!markdown) return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
  const rule = widths.map((w, i) => (right(i) ? `${"-".repeat(Math.max(w - 1, 1))}:` : "-".repeat(w))).join(" | ");
  return [line(headers), rule, ...rows.map(line)].map((l) => `| ${l} |`).join("\n");
}

export function resultsTable(rows: Row[], markdown = false): string {
  const staticRps = rows.find((r) => r.baseline)?.measurement.requestsPerSec ?? Number.NaN;
  return table(
    [
      "scenario",
      "req/s",
      "p50 ms",
      "p95 ms",
      "p99 ms",
      "errors",
      "peak RSS MiB",
      "÷ static",
      "SQL/req",
      "pgbench tps",
      "÷ pgbench",
    ],
    rows.map(({ name, measurement: m, peakRssMiB, sql, pgbench, baseline }) => [
      name,
      fixed(m.requestsPerSec),
      fixed(m.p50),
      fixed(m.p95),
      fixed(m.p99),
      `${m.errors + m.unexpected}`,
      baseline ? "–" : fixed(peakRssMiB, 0),
      fixed(m.requestsPerSec / staticRps, 3),
      sql ? String(sql.statements) : "–",
      // Failed transactions (or an aborted run) are shown beside the rate, never folded into it.
      typeof pgbench === "object" && pgbench
        ? `${fixed(pgbench.tps, 0)}${pgbench.failed > 0 || pgbench.aborted ? ` (${pgbench.failed} failed${pgbench.aborted ? ", aborted" : ""})` : ""}`
        : pgbench
          ? "failed"
          : "–",
      typeof pgbench === "object" && pgbench ? fixed(m.requestsPerSec / pgbench.tps, 3) : "–",
    ]),
    markdown,
  );
}

/** Horizontal bars of req/s on a log scale, the static baseline first and marked by a line. */
export function chartSvg(rows: Row[], title: string): string {
  const left = 330,
    width = 420,
    barH = 20,
    gap = 8,
    top = 46;
  const values = rows.map((r) => Math.max(r.measurement.requestsPerSec, 0.1));
  const max = 10 ** Math.ceil(Math.log10(Math.max(...values, 10)));
  const min = 10 ** Math.floor(Math.log10(Math.min(...values, max / 10)));
  const x = (v: number) => left + (Math.log10(v / min) / Math.log10(max / min)) * width;
  const height = top + rows.length * (barH + gap) + 40;
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const ticks: string[] = [];
  for (let v = min; v <= max; v *= 10) {
    ticks.push(
      `<line x1="${x(v).toFixed(1)}" y1="${top - 6}" x2="${x(v).toFixed(1)}" y2="${height - 34}" stroke="#ddd"/>`,
    );
    ticks.push(
      `<text x="${x(v).toFixed(1)}" y="${height - 18}" text-anchor="middle">${v.toLocaleString("en-GB")}</text>`,
    );
  }
  const staticRps = rows.find((r) => r.baseline)?.measurement.requestsPerSec;
  const bars = rows.map((r, i) => {
    const y = top + i * (barH + gap);
    const v = values[i]!;
    const ratio = staticRps ? ` (${(r.measurement.requestsPerSec / staticRps).toFixed(3)} × static)` : "";
    return [
      `<text x="${left - 8}" y="${y + barH * 0.7}" text-anchor="end">${esc(r.name)}</text>`,
      `<rect x="${left}" y="${y}" width="${Math.max(1, x(v) - left).toFixed(1)}" height="${barH}" fill="${r.baseline ? "#888" : "#2f6f9f"}"/>`,
      `<text x="${(x(v) + 4).toFixed(1)}" y="${y + barH * 0.7}">${fixed(r.measurement.requestsPerSec)} req/s${r.baseline ? "" : ratio}</text>`,
    ].join("");
  });
  const staticLine = staticRps
    ? `<line x1="${x(staticRps).toFixed(1)}" y1="${top - 6}" x2="${x(staticRps).toFixed(1)}" y2="${height - 34}" stroke="#888" stroke-dasharray="4 3"/>`
    : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${left + width + 220}" height="${height}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="#fff"/>
<text x="10" y="20" font-size="14" font-weight="bold">${esc(title)}</text>
<text x="10" y="36" fill="#555">requests/s, log scale; grey: the static file server with the same HTML (dashed line)</text>
${ticks.join("\n")}
${staticLine}
${bars.join("\n")}
</svg>
`;
}

/** `loadBefore`/`loadAfter`: /proc/loadavg when the bench started and ended. */
export function environment(loadBefore: string) {
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
    loadBefore,
    commit: git(["rev-parse", "--short", "HEAD"]),
    uncommittedChanges: (git(["status", "--porcelain"]) ?? "").length > 0,
  };
}

export const loadAverage = () => {
  try {
    return readFileSync("/proc/loadavg", "utf8").trim().split(" ").slice(0, 3).join(" ");
  } catch {
    return os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(" ");
  }
};

export interface Report {
  environment: ReturnType<typeof environment>;
  loadAfter: string;
  settings: {
    scale: number;
    connections: number;
    durationSec: number;
    warmupSec: number;
    pgbenchClients: number;
    build: string;
  };
  counts: Record<string, number>;
  timings: Record<string, number>;
  rows: Row[];
  pgbench: string;
  notes: string[];
}

export function markdown(report: Report): string {
  const e = report.environment;
  const s = report.settings;
  const c = report.counts;
  const n = (k: string) => (c[k] ?? 0).toLocaleString("en-GB");
  return [
    `# npm run bench, ${e.date}`,
    "",
    `Machine: ${e.cpus} × ${e.cpuModel}, ${e.memoryGiB} GiB, ${e.platform}; Node ${e.node}. Load average (1/5/15 min) ${e.loadBefore} before, ${report.loadAfter} after. ` +
      `Commit ${e.commit ?? "?"}${e.uncommittedChanges ? " with uncommitted changes" : ""}.`,
    `Data (BENCH_SCALE=${s.scale}): ${n("users")} users, ${n("groups")} groups (${n("memberships")} memberships), ${n("posts")} posts in ${n("threads")} threads ` +
      `(the largest ${n("largestThread")} posts), ${n("papers")} papers (${n("publications")} published), ${n("proposals")} open proposals, ${n("votes")} votes.`,
    `Load: autocannon, ${s.connections} connections, ${s.durationSec} s per scenario after ${s.warmupSec} s of warm-up, against one \`next start\` on the same machine (${s.build}). ` +
      `pgbench: ${s.pgbenchClients} clients for ${s.durationSec} s on the SQL one request of the page ran (captured from PostgreSQL's log), same database. ${report.pgbench}`,
    `Timings: ${Object.entries(report.timings)
      .map(([k, v]) => `${k} ${v.toFixed(0)} s`)
      .join(", ")}.`,
    "",
    resultsTable(report.rows, true),
    "",
    "÷ static: the scenario's requests/s over the static file server's on the same published-paper HTML (1 = as fast as sending a file). " +
      "÷ pgbench: over PostgreSQL's own rate for that page's SQL (1 = as fast as the database alone). Both ratios travel between machines better than raw figures. " +
      "errors: connection errors, timeouts and unexpected statuses; peak RSS: the server's process tree.",
    ...(report.notes.length > 0 ? ["", ...report.notes.map((note) => `- ${note}`)] : []),
    "",
    "![requests/s per scenario](chart.svg)",
    "",
  ].join("\n");
}

export function writeReport(report: Report): { dir: string; markdown: string } {
  const dir = path.join(ROOT, "bench-results", report.environment.date.replace(/[:.]/g, "-"));
  mkdirSync(dir, { recursive: true });
  const text = markdown(report);
  writeFileSync(path.join(dir, "report.md"), text);
  writeFileSync(
    path.join(dir, "chart.svg"),
    chartSvg(
      report.rows,
      `npm run bench, ${report.environment.date.slice(0, 10)}, BENCH_SCALE=${report.settings.scale}`,
    ),
  );
  writeFileSync(path.join(dir, "report.json"), `${JSON.stringify(report, null, 2)}\n`);
  return { dir, markdown: path.join(dir, "report.md") };
}
