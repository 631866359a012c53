// `npm run bench`: one report of how the production build holds up on a community-sized database,
// with baselines measured in the same run on the same machine, so that its ratios can be compared
// between machines. Not part of `npm test`. Needs nothing running and leaves nothing behind.
//
//   npm run bench                          # full size: about 50,000 members, 500,000 posts
//   BENCH_SCALE=0.02 npm run bench         # a quick run on a fiftieth of the data
//
//   BENCH_SCALE        size of the data, 1 = 50,000 members, 300 groups, 500,000 posts (threads up
//                      to 10,000 posts), 2,000 papers, 200,000 votes (community-seed.ts)
//   BENCH_DURATION     seconds of load per scenario (default 10), after BENCH_WARMUP s (default 2)
//   BENCH_CONNECTIONS  concurrent connections of autocannon, and pgbench's clients (default 10)
//   BENCH_TMPDIR       where the throwaway database and app copy go (default: the OS temp dir;
//                      on the checkout's filesystem, node_modules is hard-linked, not copied)
//   BENCH_APP_DIR      measure this already-built tree (e.g. one kept by BENCH_KEEP=1) instead of
//                      copying and building the working tree again
//   BENCH_KEEP         "1" keeps the app copy and its build afterwards (the path is printed)
//   BENCH_ONLY         a regular expression: measure only the scenarios whose names match (the
//                      published paper and its static baseline are always measured)
//   BENCH_PROFILE      a directory: the server writes a V8 CPU profile there when it stops
//                      (node --cpu-prof; open it in Chrome's DevTools or speedscope)
//   BENCH_PASSES       times the whole list of scenarios is run against the same server (default 2):
//                      the table shows the first pass; the server's memory is read at idle after
//                      the first scenario, and after each pass, so that growth shows
//
// Steps: a throwaway embedded PostgreSQL, migrated → the community seeded in bulk SQL → a copy of
// the working tree built with `next build` (this checkout's .next is never touched) → `next start`
// → signed-in sessions (AuthSession rows and next-auth cookies) → each scenario checked once (GET:
// 200 and its text; the reply stored; the vote 200), and for each page the SQL of one request taken
// from PostgreSQL's log as its pgbench script → autocannon on every scenario, sampling the server's
// RSS, with the static file server on the published page's HTML measured right after that page →
// pgbench on each page's script → bench-results/<date>/report.md, chart.svg and report.json.
// A write counts as served only if the database holds it: each reply and vote carries its number, and
// after the load every one answered with a success status is looked for (scenarios.ts, Ledger);
// the votes' kept tallies are checked against a recount written apart from the app's (recount.ts).
// Exits 1 on errors, unexpected answers (writes answered but not stored included), lost or doubled
// votes, tallies that differ from the recount, pgbench failed transactions or aborted runs, or a
// scenario with none answered. Ctrl-C stops everything.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type autocannon from "autocannon";
import pg from "pg";
import { buildCopy, copyCheckout, startCopy } from "./bench/app-copy";
import { seedCommunity, sizeFor } from "./bench/community-seed";
import { checkPage, measure, stopMeasuring } from "./bench/measure";
import { findPgbench, pgbenchProblem, runPgbench, writeScript } from "./bench/pgbench";
import { environment, loadAverage, type Row, resultsTable, writeReport } from "./bench/report";
import { samplePeakRss, treeRssMiB, waitForIdle } from "./bench/rss";
import { type Scenario, STATIC_SCENARIO, scenarios } from "./bench/scenarios";
import { signedInCookie, signedInCookies } from "./bench/session";
import { SqlCapture } from "./bench/sql-capture";
import { startStaticBaseline } from "./bench/static-baseline";
import { checkVoteIntegrity } from "./bench/vote-integrity";
import { type EmbeddedDatabase, freePort, startEmbeddedPostgres } from "./lib/embedded-postgres";
import { applyMigrations } from "./lib/migrations";
import { onParentExit, onSignal, type Running, stopAll, waitForHttp } from "./lib/processes";
import { generatePrismaClient } from "./prisma-generate";

const say = (line: string) => console.log(`▸ ${line}`);

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, not ${JSON.stringify(raw)}.`);
  return value;
}

let tmp: string | undefined;
let db: EmbeddedDatabase | undefined;
let server: Running | undefined;
let shuttingDown: Promise<never> | undefined;

function shutdown(code: number): Promise<never> {
  shuttingDown ??= (async () => {
    stopMeasuring();
    if (server) say("Stopping Next.js…");
    await stopAll();
    if (db) {
      say("Stopping PostgreSQL…");
      await db.stop().catch((error: Error) => console.error(error.message));
    }
    if (tmp) {
      if (process.env.BENCH_KEEP === "1") say(`Kept ${path.join(tmp, "app")} (reuse it with BENCH_APP_DIR).`);
      else rmSync(tmp, { recursive: true, force: true });
    }
    process.exit(code);
  })();
  return shuttingDown;
}

onSignal(() => shutdown(130));
onParentExit(() => shutdown(1));

/** The answers' statuses a scenario did not expect (2xx unless it says otherwise), with their counts. */
function unexpectedStatuses(s: Scenario, statuses: Record<string, number>): [string, number][] {
  const expected = s.target.expect ?? ((n: number) => n >= 200 && n < 300);
  return Object.entries(statuses).filter(([status]) => !expected(Number(status)));
}

async function countPosts(databaseUrl: string, threadId: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (
      await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Post" WHERE "threadId" = $1`, [threadId])
    ).rows[0]!.n;
  } finally {
    await client.end();
  }
}

/** One request of a scenario, as autocannon would send it (its setupRequest applied, its onResponse told). */
async function once(s: Scenario): Promise<{ status: number; body: string }> {
  const t = s.target;
  const base: autocannon.Request = {
    method: t.method ?? "GET",
    headers: t.headers,
    ...(t.body === undefined ? {} : { body: t.body }),
  };
  const context: Record<string, unknown> = {};
  const request = t.setupRequest ? t.setupRequest({ ...base }, context) : base;
  const url = request.path ? new URL(request.path, t.url).toString() : t.url;
  const response = await fetch(url, {
    method: request.method,
    headers: request.headers as Record<string, string>,
    body: request.method === "GET" ? undefined : (request.body as string),
    redirect: "manual",
    signal: AbortSignal.timeout(60_000),
  });
  const answer = { status: response.status, body: await response.text() };
  t.onResponse?.(answer.status, answer.body, context);
  return answer;
}

async function main() {
  const loadBefore = loadAverage();
  const settings = {
    scale: numberFromEnv("BENCH_SCALE", 1),
    connections: Math.round(numberFromEnv("BENCH_CONNECTIONS", 10)),
    durationSec: numberFromEnv("BENCH_DURATION", 10),
    warmupSec: numberFromEnv("BENCH_WARMUP", 2),
    passes: Math.round(numberFromEnv("BENCH_PASSES", 2)),
  };
  const timings: Record<string, number> = {};
  let since = Date.now();
  const lap = (name: string) => {
    timings[name] = (Date.now() - since) / 1000;
    since = Date.now();
    return timings[name]!.toFixed(1);
  };

  if (generatePrismaClient()) say("Generated the Prisma client.");
  tmp = mkdtempSync(path.join(process.env.BENCH_TMPDIR ?? os.tmpdir(), "policy-bench-"));
  chmodSync(tmp, 0o755); // as root, PostgreSQL runs as the postgres user and must reach its data directory

  say("Starting a throwaway PostgreSQL…");
  let onLogLine: (line: string) => void = () => {};
  db = await startEmbeddedPostgres({
    dataDir: path.join(tmp, "postgres"),
    persistent: false,
    log: (line) => onLogLine(line),
  });
  await db.createDatabase("bench");
  const databaseUrl = db.url("bench");
  await applyMigrations(databaseUrl);
  const capture = new SqlCapture(db.url("postgres"), "bench");
  onLogLine = capture.onLogLine;
  say(`PostgreSQL ready and migrated (${lap("database")} s).`);

  const size = sizeFor(settings.scale);
  say(
    `Seeding (bulk SQL, BENCH_SCALE=${settings.scale}): ${Object.entries(size)
      .map(([k, v]) => `${v.toLocaleString("en-GB")} ${k}`)
      .join(", ")}…`,
  );
  const community = await seedCommunity(databaseUrl, size);
  say(
    `Seeded: ${Object.entries(community.counts)
      .map(([k, v]) => `${k} ${v.toLocaleString("en-GB")}`)
      .join(", ")}; kept counters checked (${lap("seed")} s).`,
  );

  const reuse = process.env.BENCH_APP_DIR;
  const appDir = reuse ? path.resolve(reuse) : path.join(tmp, "app");
  if (reuse) {
    if (!existsSync(path.join(appDir, ".next", "BUILD_ID")))
      throw new Error(`BENCH_APP_DIR=${reuse} holds no Next.js build (.next/BUILD_ID).`);
    say(`Using the build in ${appDir} (BENCH_APP_DIR): it may be older than the working tree.`);
  } else {
    say(`Copying the working tree to ${appDir}…`);
    const { copiedNodeModules } = await copyCheckout(appDir);
    say(
      `Copied (${lap("copy")} s${copiedNodeModules ? "; node_modules was copied, not hard-linked: set BENCH_TMPDIR to a directory on the checkout's filesystem" : ""}).`,
    );
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const secret = randomBytes(32).toString("base64url");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: secret,
    NEXTAUTH_URL: baseUrl,
    RATE_LIMIT_MULTIPLIER: "1000",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const profileDir = process.env.BENCH_PROFILE ? path.resolve(process.env.BENCH_PROFILE) : undefined;
  if (!reuse) {
    say("Building the copy (next build)…");
    await buildCopy(appDir, env);
    say(`Built (${lap("build")} s).`);
  }
  say(`Starting next start on ${baseUrl}…`);
  server = startCopy(appDir, port, env, profileDir);
  await waitForHttp(`${baseUrl}/`, server);
  lap("server start");

  const readerCookie = await signedInCookie(databaseUrl, community.threads.benchUser, secret);
  const voterCookies = await signedInCookies(databaseUrl, community.voting.voters.slice(0, 100), secret);
  const list = scenarios({ baseUrl, databaseUrl, community, readerCookie, voterCookies });

  // Every scenario once, checked, before any load; each page's SQL becomes its pgbench script.
  const scripts = new Map<string, { file: string; statements: number; dbMs: number }>();
  for (const [index, s] of list.entries()) {
    if ((s.target.method ?? "GET") === "GET") {
      const signedIn = Boolean(s.target.headers.cookie);
      // One render at another address warms what the app keeps between requests (published
      // versions); the next request renders (its SQL is the page's, as a reader meets it); the
      // check after it may be answered by the page cache for signed-out readers, and so checks
      // what the cache keeps.
      const warm = new URL(s.target.url);
      warm.searchParams.set("bench", "warm");
      await once({ ...s, target: { ...s.target, url: warm.toString() } });
      const sql = await capture.capture(async () => void (await once(s)));
      await checkPage(s.target.url, {
        headers: s.target.headers,
        contains: [...(s.mustContain ? [s.mustContain] : []), signedIn ? "Sign out" : "Sign in"],
        lacks: [],
      });
      if (s.pgbench && sql.statements.length > 0) {
        scripts.set(s.name, {
          file: writeScript(path.join(tmp, "pgbench"), `page-${index + 1}`, sql.statements),
          statements: sql.statements.length,
          dbMs: sql.dbMs,
        });
      }
    } else if (s.target.method === "POST" && s.name.startsWith("post a reply")) {
      const threadId = s.threadId!;
      const before = await countPosts(databaseUrl, threadId);
      const answer = await once(s);
      const after = await countPosts(databaseUrl, threadId);
      if (!s.target.expect!(answer.status) || after !== before + 1) {
        throw new Error(
          `The reply action answered ${answer.status} and stored ${after - before} posts, not 1:\n${answer.body.slice(0, 600)}`,
        );
      }
    } else {
      const answer = await once(s);
      if (answer.status !== 200) throw new Error(`${s.name}: answered ${answer.status}: ${answer.body.slice(0, 400)}`);
    }
    // A write's answer is not its proof: the database must hold what it answered for.
    if (s.effects) {
      const effects = await s.effects.check();
      if (effects.answered !== 1 || effects.missing > 0)
        throw new Error(`${s.name}: checked once, but ${effects.note}`);
    }
  }
  say(`All ${list.length} scenarios answer as they should; ${scripts.size} pages' SQL captured for pgbench.`);

  const published = list.find((s) => s.name.startsWith("published paper"))!;
  const baseline = await startStaticBaseline(published.target.url, path.join(tmp, "static"));
  const staticScenario: Scenario = {
    name: STATIC_SCENARIO,
    pgbench: false,
    target: { url: baseline.url, headers: {} },
  };
  const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, "i") : null;
  const measured = list.filter((s) => !only || s === published || only.test(s.name));
  const order = measured.flatMap((s) => (s === published ? [s, staticScenario] : [s]));
  say(
    `Measuring ${order.length} scenarios, ${settings.durationSec} s each with ${settings.connections} connections after ${settings.warmupSec} s of warm-up…`,
  );

  const rows: Row[] = [];
  const passProblems: string[] = [];
  const serverPid = server.child.pid!;
  const replyScenario = list.find((s) => s.name.startsWith("post a reply"))!;
  const replyThread = replyScenario.threadId!;
  let repliesStored = 0;
  const writeNotes: string[] = [];
  const memory: { after: string; rssMiB: number }[] = [];
  const idleRss = async (after: string) => {
    await waitForIdle(serverPid);
    memory.push({ after, rssMiB: treeRssMiB(serverPid) });
  };
  for (const s of order) {
    // A 200 from the action may carry an error message: count the posts the load really stored.
    const postsBefore = s === replyScenario ? await countPosts(databaseUrl, replyThread) : 0;
    const stop = samplePeakRss(serverPid);
    const measurement = await measure(s.target, settings, () => waitForIdle(serverPid));
    const peakRssMiB = stop();
    if (shuttingDown) return;
    if (s === replyScenario) repliesStored = (await countPosts(databaseUrl, replyThread)) - postsBefore;
    // Answers whose write is not in the database were not served: they count as unexpected, and not in req/s.
    if (s.effects) {
      const effects = await s.effects.check();
      measurement.unexpected += effects.missing;
      measurement.requestsPerSec = Math.max(
        0,
        measurement.requestsPerSec - effects.missingMeasured / settings.durationSec,
      );
      writeNotes.push(effects.note);
      say(effects.note);
    }
    const sql = scripts.get(s.name);
    rows.push({
      name: s.name,
      measurement,
      peakRssMiB,
      sql: sql ? { statements: sql.statements, dbMs: sql.dbMs } : null,
      pgbench: null,
      baseline: s === staticScenario,
    });
    if (s === order[0]) await idleRss(`the first scenario (${s.name})`);
    const wrong = unexpectedStatuses(s, measurement.statuses);
    say(
      `${s.name}: ${measurement.requestsPerSec.toFixed(1)} req/s, p50 ${measurement.p50.toFixed(1)} ms, p95 ${measurement.p95.toFixed(1)} ms, p99 ${measurement.p99.toFixed(1)} ms, ` +
        `peak RSS ${peakRssMiB.toFixed(0)} MiB${measurement.errors > 0 ? `, ${measurement.errors} errors` : ""}${wrong.length > 0 ? `, unexpected: ${wrong.map(([k, v]) => `${v} × ${k}`).join(", ")}` : ""}`,
    );
  }
  await idleRss("pass 1");
  // Later passes: the same load on the same server, for its memory; their rates go to report.json.
  const laterPasses: { pass: number; name: string; requestsPerSec: number }[] = [];
  for (let pass = 2; pass <= settings.passes; pass++) {
    say(`Pass ${pass} of ${settings.passes}: the same scenarios again, for the server's memory…`);
    for (const s of measured) {
      const measurement = await measure(s.target, settings, () => waitForIdle(serverPid));
      if (shuttingDown) return;
      const wrong = unexpectedStatuses(s, measurement.statuses);
      if (measurement.errors > 0 || wrong.length > 0)
        passProblems.push(
          `pass ${pass}, ${s.name}: ${measurement.errors} errors, ${wrong.map(([k, v]) => `${v} × ${k}`).join(", ") || "no unexpected statuses"}`,
        );
      if (s.effects) {
        const effects = await s.effects.check();
        if (effects.missing > 0) passProblems.push(`pass ${pass}, ${s.name}: ${effects.note}`);
      }
      laterPasses.push({ pass, name: s.name, requestsPerSec: measurement.requestsPerSec });
      say(`pass ${pass}, ${s.name}: ${measurement.requestsPerSec.toFixed(1)} req/s`);
    }
    await idleRss(`pass ${pass}`);
  }
  const memoryNote = `Server memory at idle (RSS of the next start process tree): ${memory
    .map((m) => `after ${m.after} ${m.rssMiB.toFixed(0)} MiB`)
    .join("; ")}.`;
  say(memoryNote);
  lap("load");
  // Speed means nothing if votes were lost or doubled on the way.
  const integrity = await checkVoteIntegrity(databaseUrl);
  const votesIntact = integrity.doubled === 0 && integrity.tallyMismatches === 0;
  say(
    `Votes after the load: ${integrity.votes.toLocaleString("en-GB")}; doubled ${integrity.doubled}; proposals whose tallies differ from a recount ${integrity.tallyMismatches}.`,
  );

  const pgbench = findPgbench();
  let pgbenchNote: string;
  const pgbenchProblems: string[] = [];
  if (pgbench) {
    for (const row of rows) {
      const script = scripts.get(row.name);
      if (!script) continue;
      row.pgbench = await runPgbench(pgbench, databaseUrl, script.file, {
        clients: settings.connections,
        seconds: settings.durationSec,
      }).catch((error: Error) => {
        say(`pgbench on "${row.name}" failed: ${error.message.split("\n").slice(0, 4).join(" ")}`);
        pgbenchProblems.push(`${row.name}: pgbench failed`);
        return "failed";
      });
      if (typeof row.pgbench === "object" && row.pgbench) {
        const problem = pgbenchProblem(row.pgbench);
        if (problem) pgbenchProblems.push(`${row.name}: ${problem}`);
        say(
          `pgbench, ${row.name}: ${row.pgbench.tps.toFixed(0)} transactions/s (${script.statements} statements each), ${row.pgbench.failed} failed${problem ? ` ✖ ${problem}` : ""}`,
        );
      }
    }
    pgbenchNote = `pgbench: ${pgbench}. ${pgbenchProblems.length > 0 ? `Failed transactions or aborted runs (the rates above them are not comparable): ${pgbenchProblems.join("; ")}.` : "No failed transactions."}`;
    lap("pgbench");
  } else {
    pgbenchNote = "pgbench was not found on this machine (PATH, /usr/bin): its baseline is skipped.";
    say(pgbenchNote);
  }

  const notes: string[] = [];
  const replyRow = rows.find((r) => r.name.startsWith("post a reply"));
  notes.push(
    `Votes after the load: ${integrity.votes.toLocaleString("en-GB")} stored, ${integrity.doubled} doubled, ${integrity.tallyMismatches} proposals whose kept tallies differ from a recount.`,
  );
  if (replyRow)
    notes.push(
      `Replies: ${replyRow.measurement.requests.toLocaleString("en-GB")} sent under load, answered ${Object.entries(
        replyRow.measurement.statuses,
      )
        .map(([k, v]) => `${v} × ${k}`)
        .join(", ")} (warm-up not counted); ${repliesStored.toLocaleString("en-GB")} replies stored, warm-up included.`,
    );
  notes.push(...writeNotes);
  notes.push(memoryNote);
  if (passProblems.length > 0) notes.push(`Problems in later passes: ${passProblems.join("; ")}.`);
  if (integrity.tallyExample) notes.push(`A tally that differs from the recount: ${integrity.tallyExample}.`);
  const report = {
    environment: environment(loadBefore),
    loadAfter: loadAverage(),
    settings: {
      ...settings,
      pgbenchClients: settings.connections,
      build: reuse ? `the build in ${appDir}` : "built from the working tree",
    },
    counts: community.counts,
    timings,
    rows,
    pgbench: pgbenchNote,
    notes,
    memory,
    laterPasses,
  };
  const written = writeReport(report);
  console.log(`\n${resultsTable(rows)}\n`);
  say(
    `Load average ${report.environment.loadBefore} before, ${report.loadAfter} after. Timings: ${Object.entries(timings)
      .map(([k, v]) => `${k} ${v.toFixed(0)} s`)
      .join(", ")}.`,
  );
  say(`Written ${path.relative(process.cwd(), written.markdown)}, chart.svg and report.json beside it.`);
  if (pgbenchProblems.length > 0) say(`✖ pgbench: ${pgbenchProblems.join("; ")}`);
  await shutdown(
    !votesIntact ||
      passProblems.length > 0 ||
      pgbenchProblems.length > 0 ||
      rows.some((r) => r.measurement.errors + r.measurement.unexpected > 0 || r.measurement.requestsPerSec === 0)
      ? 1
      : 0,
  );
}

main().catch(async (error: unknown) => {
  if (shuttingDown) return;
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
  console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}${cause}`);
  await shutdown(1);
});
