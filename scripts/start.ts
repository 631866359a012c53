// `npm start` (and `npm run dev` = `npm start -- --dev`): everything needed to run the app on one machine.
//
//   DATABASE_URL       use this PostgreSQL; otherwise an embedded one keeps its data in .data/postgres
//   EMBEDDED_PG_DIR    data directory of the embedded PostgreSQL (default .data/postgres; as root in a
//                      folder the postgres user cannot enter, /var/tmp/policy-commons-<hash>/postgres)
//   EMBEDDED_PG_PORT   its port (default 54329)
//   PORT               the app's port (default 3000)
//   NEXTAUTH_SECRET    default: generated once and kept in .data/nextauth-secret
//   NEXTAUTH_URL       the site's public address; without it, links follow the address each request
//                      came to (AUTH_TRUST_HOST is set for next-auth), and email links use localhost
//
// Steps: database → migrations → demo seed → next build (skipped when the sources are unchanged) →
// next start (`--dev`: next dev instead of build + start). Ctrl-C or SIGTERM stops Next.js gracefully
// (src/server/shutdown.ts: it answers the requests in flight and stops its jobs, within 25 s), then
// PostgreSQL, and exits 0.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type EmbeddedDatabase, persistentDataDir, startEmbeddedPostgres } from "./lib/embedded-postgres";
import { applyMigrations } from "./lib/migrations";
import { buildIfChanged } from "./lib/next-build";
import {
  bin,
  onParentExit,
  onSignal,
  portIsFree,
  ROOT,
  type Running,
  run,
  start,
  stopAll,
  waitForHttp,
} from "./lib/processes";
import { productionServerEnv } from "./lib/server-env";
import { generatePrismaClient } from "./prisma-generate";

const dev = process.argv.includes("--dev");
const say = (line: string) => console.log(`▸ ${line}`);
const dataDir = path.join(ROOT, ".data");

let embedded: EmbeddedDatabase | undefined;
let next: Running | undefined;

let shuttingDown: Promise<never> | undefined;

/** Stops Next.js, then PostgreSQL, then exits. Runs once, whoever asks first. */
function shutdown(code: number): Promise<never> {
  shuttingDown ??= (async () => {
    if (next) say("Stopping Next.js…");
    // Next.js (its own deadline is 25 s, so it is killed only if that fails), or a build or seed.
    await stopAll(30_000);
    if (embedded) {
      say("Stopping PostgreSQL…");
      await embedded.stop().catch((error: Error) => console.error(error.message));
    }
    process.exit(code);
  })();
  return shuttingDown;
}

onSignal(() => shutdown(0));
onParentExit(() => {
  say("The process that started this one has gone: stopping.");
  return shutdown(0);
});

/** A stable secret, so that sessions survive restarts. */
function nextAuthSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(dataDir, "nextauth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  if (!(await portIsFree(port)))
    throw new Error(`Port ${port} is already in use. Stop what runs there, or choose another: PORT=3001 npm start`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    NEXTAUTH_SECRET: nextAuthSecret(),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // One machine without a configured address: citations, feeds and sign-in follow the address the
  // browser used (http://192.168.1.20:3000 on a home network), not a guessed localhost. Production
  // sets NEXTAUTH_URL; a bare `next start` without either stops (src/server/site-origin-check.ts).
  if (!process.env.NEXTAUTH_URL) {
    env.AUTH_TRUST_HOST = "1";
    say(
      `NEXTAUTH_URL is not set: links follow the address each request came to; links in email use http://localhost:${port}.`,
    );
  }

  if (generatePrismaClient()) say("Generated the Prisma client.");

  if (process.env.DATABASE_URL) {
    say("Using the database at DATABASE_URL.");
  } else {
    // A directory chosen in EMBEDDED_PG_DIR is used as it is; the default moves out of a folder the
    // server's user cannot enter (as root, PostgreSQL runs as the postgres user).
    const { dataDir: pgDir, relocated } = process.env.EMBEDDED_PG_DIR
      ? { dataDir: path.resolve(ROOT, process.env.EMBEDDED_PG_DIR), relocated: false }
      : persistentDataDir(path.join(dataDir, "postgres"), ROOT);
    const first = !existsSync(path.join(pgDir, "PG_VERSION"));
    const shown = pgDir.startsWith(ROOT) ? path.relative(ROOT, pgDir) : pgDir;
    say(`Starting embedded PostgreSQL… (${first ? "new database" : "data"} in ${shown})`);
    if (relocated)
      say(
        `As root, PostgreSQL runs as the "postgres" user, which cannot reach ${path.resolve(ROOT)}: its data is kept in ${pgDir}, not .data/postgres.`,
      );
    embedded = await startEmbeddedPostgres({
      dataDir: pgDir,
      port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
      persistent: true,
      log: process.env.DEBUG_POSTGRES ? (line) => console.log(line) : undefined,
      notice: say,
    });
    await embedded.createDatabase("policy");
    env.DATABASE_URL = embedded.url("policy");
    say(`PostgreSQL is running on port ${embedded.port}.`);
  }

  const applied = await applyMigrations(env.DATABASE_URL!).catch((error: Error) => {
    const where = new URL(env.DATABASE_URL!);
    where.password = where.password ? "***" : "";
    throw new Error(`Could not migrate the database at ${where.toString()}: ${error.message}`);
  });
  say(`Applying migrations… ${applied.length === 0 ? "up to date" : `${applied.length} applied`}`);

  const seed = path.join(ROOT, "prisma", "seed", "index.ts");
  if (existsSync(seed)) {
    say("Seeding demo content…");
    const code = await run(bin("tsx"), ["--conditions=react-server", seed], env);
    if (code !== 0) throw new Error(`the demo seed failed (exit ${code})`);
  } else {
    say("Seeding demo content… skipped (prisma/seed/index.ts does not exist yet)");
  }

  if (dev) {
    say("Starting next dev…");
    next = start(bin("next"), ["dev", "-p", String(port)], env);
  } else {
    await buildIfChanged(env, say);
    say("Starting next start…");
    next = start(bin("next"), ["start", "-p", String(port)], productionServerEnv(env));
  }
  await waitForHttp(`http://127.0.0.1:${port}/`, next, dev ? 300_000 : 120_000);
  say(`Ready on http://localhost:${port}${embedded ? "  (Ctrl-C stops the app and the database)" : ""}`);

  const code = await next.exited;
  if (shuttingDown) return;
  next = undefined;
  say(`Next.js exited with code ${code}.`);
  await shutdown(code === 0 ? 0 : 1);
}

main().catch(async (error: unknown) => {
  if (shuttingDown) return; // a step interrupted by Ctrl-C
  console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
