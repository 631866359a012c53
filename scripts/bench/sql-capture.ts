// The SQL one request runs, taken from PostgreSQL's own log (no pg_stat_statements in the embedded
// server): every statement is logged (log_min_duration_statement = 0) for the length of a single
// request, with its parameters, and the log lines of the app's database are read back. The
// statements, parameters written in as literals, become the pgbench script of that page's baseline.
// Statements of the app's background jobs (pg-boss, under its own application_name) are left out.
import pg from "pg";

/** pg-boss's application_name (src/server/jobs/scheduler.ts). */
const JOBS_APPLICATION = "policy-commons-jobs";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface CapturedSql {
  /** Statements executed, in order, with their parameters written in as literals. */
  statements: string[];
  /** Server time for them: parse + bind + execute, in ms. */
  dbMs: number;
}

/** "[postgres] [db] [app] LEVEL:  …": the first line of a log entry; others continue the one before. */
const ENTRY = /^\[postgres\] \[([^\]]*)\] \[(.*?)\] ([A-Z]+):\s+(.*)$/; // the app may be "[unknown]"
const DURATION = /^duration: ([\d.]+) ms\s+(parse|bind|execute|statement)(?: [^:]*)?:\s*(.*)$/s;

/** "$1 = 'a', $2 = NULL" → ["'a'", "NULL"]: PostgreSQL quotes each value, doubling quotes inside. */
function parseParameters(detail: string): Map<number, string> {
  const values = new Map<number, string>();
  const re = /\$(\d+) = ('(?:[^']|'')*'|NULL)/g;
  for (let m = re.exec(detail); m; m = re.exec(detail)) values.set(Number(m[1]), m[2]!);
  return values;
}

/** Writes the values in, highest number first so that $1 does not eat into $10. */
function inline(sql: string, values: Map<number, string>): string {
  let out = sql;
  for (const n of [...values.keys()].sort((a, b) => b - a)) out = out.replaceAll(`$${n}`, () => values.get(n)!);
  return out;
}

export class SqlCapture {
  private capturing = false;
  private lines: string[] = [];

  constructor(
    private readonly adminUrl: string,
    private readonly database: string,
  ) {}

  /** Pass to startEmbeddedPostgres({ log }). */
  readonly onLogLine = (line: string) => {
    if (this.capturing) this.lines.push(line);
  };

  private async configure(on: boolean) {
    const client = new pg.Client({ connectionString: this.adminUrl });
    await client.connect();
    try {
      for (const [name, value] of [
        ["log_min_duration_statement", "0"],
        ["log_line_prefix", "'[%d] [%a] '"],
        ["log_parameter_max_length", "-1"],
      ] as const) {
        await client.query(on ? `ALTER SYSTEM SET ${name} = ${value}` : `ALTER SYSTEM RESET ${name}`);
      }
      // Backends, idle ones included, apply a reload before their next command.
      await client.query("SELECT pg_reload_conf()");
    } finally {
      await client.end();
    }
    await sleep(300);
  }

  async capture(request: () => Promise<void>): Promise<CapturedSql> {
    await this.configure(true);
    try {
      this.lines = [];
      this.capturing = true;
      await request();
      await sleep(300); // let the last log lines arrive
    } finally {
      this.capturing = false;
      await this.configure(false);
    }
    // Join continuation lines to their entry first.
    const entries: { db: string; app: string; level: string; text: string }[] = [];
    for (const line of this.lines) {
      const m = ENTRY.exec(line);
      if (m) entries.push({ db: m[1]!, app: m[2]!, level: m[3]!, text: m[4]! });
      else if (entries.length > 0) entries.at(-1)!.text += `\n${line.replace(/^\[postgres\] /, "")}`;
    }
    const statements: string[] = [];
    let dbMs = 0;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (e.db !== this.database || e.app === JOBS_APPLICATION || e.level !== "LOG") continue;
      const m = DURATION.exec(e.text);
      if (!m) continue;
      dbMs += Number(m[1]);
      if (m[2] !== "execute" && m[2] !== "statement") continue;
      const next = entries[i + 1];
      const detail = next && next.level === "DETAIL" && /^Parameters: /.test(next.text) ? next.text : "";
      statements.push(inline(m[3]!.trim(), parseParameters(detail)));
    }
    return { statements, dbMs };
  }
}
