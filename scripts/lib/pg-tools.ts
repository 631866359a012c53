// PostgreSQL's own client programs (pg_dump, pg_restore) for scripts/backup.ts and restore.ts.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";

/** The program, from PG_BIN when set (a directory), else from PATH. */
export function pgTool(name: "pg_dump" | "pg_restore"): { command: string; major: number } {
  const command = process.env.PG_BIN ? path.join(process.env.PG_BIN, name) : name;
  const probe = spawnSync(command, ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `${name} was not found${process.env.PG_BIN ? ` in PG_BIN=${process.env.PG_BIN}` : " on PATH"}. ` +
        `Install PostgreSQL's client programs of your server's major version or newer ` +
        `(Debian/Ubuntu: apt-get install postgresql-client-18 from apt.postgresql.org; macOS: brew install libpq), ` +
        `or set PG_BIN to the directory that holds them.`,
    );
  }
  // "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
  const major = Number(/\)\s+(\d+)/.exec(probe.stdout)?.[1]);
  return { command, major };
}

/** The URL without its password, which goes in PGPASSWORD instead: a URL argument is visible to `ps`. */
export function connection(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv; shown: string } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = "";
  const shown = `${url.host}${url.pathname}`;
  return { dbname: url.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) }, shown };
}

/** Runs `fn` with a client on the database; the message names the database, not the password. */
export async function withClient<T>(databaseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`Could not connect to ${connection(databaseUrl).shown}: ${(error as Error).message}`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function serverMajor(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ v: number }>("SELECT current_setting('server_version_num')::int AS v");
  return Math.floor(rows[0]!.v / 10_000);
}

/** Runs a program with the terminal's output; resolves to its exit code. */
export function runTool(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "inherit", "inherit"] });
    child.once("error", () => resolve(127));
    child.once("exit", (code) => resolve(code ?? 1));
  });
}

export function requireDatabaseUrl(example: string): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error(`DATABASE_URL is not set. Example: DATABASE_URL=postgresql://user:pass@host:5432/policy ${example}`);
    process.exit(1);
  }
  return url;
}
