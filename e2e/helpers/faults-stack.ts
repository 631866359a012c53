// A PostgreSQL and a production server of their own, for the fault tests: they stop the
// database and kill the server, which must never touch the server the other specs share.
// The server runs from the same production build (.next) the e2e stage made.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { type EmbeddedDatabase, freePort, startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres";
import { applyMigrations } from "../../scripts/lib/migrations";
import { bin, ROOT } from "../../scripts/lib/processes";
import { productionServerEnv } from "../../scripts/lib/server-env";

const DATABASE = "faults";

export interface Stack {
  baseUrl: string;
  databaseUrl: string;
  /** Fast shutdown of PostgreSQL (SIGINT); start it again on the same port and data. */
  stopDatabase: () => Promise<void>;
  startDatabase: () => Promise<void>;
  startServer: () => Promise<void>;
  /** SIGKILL to the server and everything it started: no shutdown hooks run. */
  killServer: () => Promise<void>;
  /** The server's output since it last started (for failure messages and crash checks). */
  serverOutput: () => string;
  serverPid: () => number | undefined;
  query: <T extends pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<T[]>;
  close: () => Promise<void>;
}

export async function startStack(): Promise<Stack> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "policy-faults-"));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as the postgres user and must reach its data directory
  const dataDir = path.join(dir, "data");
  const pgPort = await freePort();
  // Durable (fsync on): the test is about what survives a restart.
  const open = () => startEmbeddedPostgres({ dataDir, port: pgPort, persistent: true });
  let database: EmbeddedDatabase | undefined = await open();
  await database.createDatabase(DATABASE);
  const databaseUrl = database.url(DATABASE);
  await applyMigrations(databaseUrl);

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: baseUrl,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    // Every client here posts from 127.0.0.1 and faster than a person would.
    RATE_LIMIT_MULTIPLIER: "100",
  };
  const seed = spawn(bin("tsx"), ["--conditions=react-server", path.join(ROOT, "prisma", "seed", "index.ts")], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let seedOutput = "";
  seed.stdout!.on("data", (chunk: Buffer) => (seedOutput += chunk.toString()));
  seed.stderr!.on("data", (chunk: Buffer) => (seedOutput += chunk.toString()));
  const seedCode = await exitCode(seed);
  if (seedCode !== 0) throw new Error(`the demo seed failed (exit ${seedCode}):\n${seedOutput.slice(-2000)}`);

  const admin = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  admin.on("error", () => {}); // its idle connections die with the database restarts
  let server: ChildProcess | undefined;
  let output = "";

  const killServer = async () => {
    const child = server;
    server = undefined;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    const gone = exitCode(child);
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
    await gone;
  };

  const startServer = async () => {
    await killServer();
    output = "";
    const child = spawn(bin("next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
      cwd: ROOT,
      env: productionServerEnv(env),
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    server = child;
    // Never outlive the test. A throwing "exit" listener aborts process.exit (the worker then hangs),
    // and a child killed by a signal keeps exitCode null: check both, and never throw.
    process.once("exit", () => {
      if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    });
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const until = Date.now() + 60_000;
    while (Date.now() < until) {
      if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output}`);
      try {
        const response = await fetch(`${baseUrl}/`, { redirect: "manual", signal: AbortSignal.timeout(10_000) });
        await response.body?.cancel();
        if (response.status < 500) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`next start did not answer within 60 s:\n${output}`);
  };

  return {
    baseUrl,
    databaseUrl,
    stopDatabase: async () => {
      await database?.stop();
      database = undefined;
    },
    startDatabase: async () => {
      database ??= await open();
    },
    startServer,
    killServer,
    serverOutput: () => output,
    serverPid: () => server?.pid,
    query: async (sql, params) => (await admin.query(sql, params)).rows,
    close: async () => {
      await killServer();
      await admin.end().catch(() => {});
      await database?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function exitCode(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once("error", () => resolve(127));
    child.once("exit", (code) => resolve(code ?? 137));
  });
}
