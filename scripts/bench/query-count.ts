// Counts the SQL statements one request makes, and the time PostgreSQL spent on them, without
// pg_stat_statements (which the embedded server lacks): every statement's duration is logged
// (log_min_duration_statement = 0) for the length of a single request, and the server's log lines
// for the app's database are read. The embedded server's stderr already reaches us line by line
// (startEmbeddedPostgres's `log` option). Statements of the app's background jobs (pg-boss, which
// polls the same database under its own application_name) are left out: they belong to no request.
import pg from "pg";

/** pg-boss's application_name (src/server/jobs/scheduler.ts). */
const JOBS_APPLICATION = "policy-commons-jobs";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface StatementCount {
  statements: number;
  /** Server time for them: parse + bind + execute, in ms (not the network round trips). */
  dbMs: number;
  /** The statements themselves (first 160 characters each): what a page that should be cached still asks. */
  texts: string[];
}

export class StatementCounter {
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
      if (on) {
        await client.query("ALTER SYSTEM SET log_min_duration_statement = 0");
        await client.query("ALTER SYSTEM SET log_line_prefix = '[%d] [%a] '");
      } else {
        await client.query("ALTER SYSTEM RESET log_min_duration_statement");
        await client.query("ALTER SYSTEM RESET log_line_prefix");
      }
      // Backends, idle ones included, apply a reload before their next command.
      await client.query("SELECT pg_reload_conf()");
    } finally {
      await client.end();
    }
    await sleep(300);
  }

  /** The statements the app runs against `database` while `request` runs. */
  async count(request: () => Promise<void>): Promise<StatementCount> {
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
    // "[bench] [app] LOG:  duration: 0.081 ms  execute <unnamed>: SELECT …", where the app is
    // "[unknown]" when unnamed (also parse and bind steps, or "statement:" for the simple protocol).
    const mine = new RegExp(`^\\[postgres\\] \\[${this.database}\\] \\[(.*?)\\] LOG:\\s+duration: ([\\d.]+) ms\\s+(parse|bind|execute|statement)(?: [^:]*)?:\\s*(.*)`);
    const texts: string[] = [];
    let statements = 0;
    let dbMs = 0;
    for (const line of this.lines) {
      const match = mine.exec(line);
      if (!match || match[1] === JOBS_APPLICATION) continue;
      dbMs += Number(match[2]);
      if (match[3] === "execute" || match[3] === "statement") {
        statements += 1;
        texts.push((match[4] ?? "").slice(0, 160));
      }
    }
    return { statements, dbMs, texts };
  }
}
