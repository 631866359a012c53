// The database baseline of `npm run bench`: PostgreSQL's own rate for the SQL of one page request,
// measured with pgbench (a custom script per page: the statements the app ran for one request,
// captured from the log by sql-capture.ts), on the same server and data as the app. A page's req/s
// divided by its script's transactions/s is the share of the database's rate the app reaches.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface PgbenchResult {
  tps: number;
  /** pgbench's mean latency per transaction, ms. */
  latencyMs: number;
  /** Transactions pgbench counted as failed ("number of failed transactions"). */
  failed: number;
  /** Transactions processed. */
  processed: number;
  /** pgbench exited with an error (a client aborted on a failing statement): the figures are incomplete. */
  aborted: string | null;
}

/** What is wrong with a pgbench result, or null: failed transactions and aborted runs must be reported, not hidden in a rate. */
export function pgbenchProblem(result: PgbenchResult): string | null {
  const problems = [
    result.failed > 0 ? `${result.failed} of ${result.processed + result.failed} transactions failed` : "",
    result.aborted ? `aborted: ${result.aborted}` : "",
  ].filter(Boolean);
  return problems.length > 0 ? problems.join("; ") : null;
}

/** pgbench on PATH (or Debian's /usr/bin), or null: the baseline is then skipped and the report says so. */
export function findPgbench(): string | null {
  for (const dir of (process.env.PATH ?? "")
    .split(path.delimiter)
    .concat("/usr/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin")) {
    const candidate = path.join(dir, "pgbench");
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

/** One statement per command; pgbench reads a command up to its closing semicolon. */
export function writeScript(dir: string, name: string, statements: string[]): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.sql`);
  writeFileSync(file, statements.map((s) => `${s.replace(/;\s*$/, "")};\n`).join(""));
  return file;
}

export function runPgbench(
  binary: string,
  databaseUrl: string,
  script: string,
  { clients, seconds }: { clients: number; seconds: number },
): Promise<PgbenchResult> {
  const url = new URL(databaseUrl);
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
  const args = [
    "-n", // no vacuum of pgbench's own tables: there are none
    "-M",
    "simple", // the parameters are written into the script
    "-c",
    String(clients),
    "-j",
    String(Math.min(clients, 2)),
    "-T",
    String(seconds),
    "-f",
    script,
    "-h",
    url.hostname,
    "-p",
    url.port || "5432",
    "-U",
    decodeURIComponent(url.username),
    url.pathname.slice(1),
  ];
  return new Promise((resolve, reject) => {
    execFile(binary, args, { env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const tps = /tps = ([\d.]+)/.exec(stdout);
      if (!tps)
        return reject(
          new Error(`pgbench ${path.basename(script)} failed: ${error?.message ?? ""}\n${stderr.slice(-1500)}`),
        );
      const latency = /latency average = ([\d.]+) ms/.exec(stdout);
      const failed = /number of failed transactions: (\d+)/.exec(stdout);
      const processed = /number of transactions actually processed: (\d+)/.exec(stdout);
      // pgbench prints its figures even when a client aborted on an error (exit status 2).
      const aborted = error
        ? (stderr.split("\n").find((l) => /aborted|error/i.test(l)) ?? error.message).trim().slice(0, 300)
        : null;
      resolve({
        tps: Number(tps[1]),
        latencyMs: latency ? Number(latency[1]) : Number.NaN,
        failed: failed ? Number(failed[1]) : 0,
        processed: processed ? Number(processed[1]) : 0,
        aborted,
      });
    });
  });
}
