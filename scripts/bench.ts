// `npm run bench`: how fast the thread pages are, whether a 10,000-post thread is as fast as a
// 10-post one, and how many votes a second the vote endpoint takes with 100 members voting at once,
// without losing or doubling one. Not part of `npm test`. Takes a few minutes (most of it
// `next build`); needs nothing running and leaves nothing behind.
//
//   npm run bench
//   BENCH_DURATION=10 BENCH_CONNECTIONS=20 npm run bench
//
//   BENCH_DURATION       seconds of load per page (default 5), after BENCH_WARMUP seconds (default 1)
//   BENCH_CONNECTIONS    concurrent connections (default 10)
//   BENCH_ROUNDS         measure every page this many times (every other round in reverse order) and
//                        keep each page's best round (default 1; 3 steadies figures on a busy machine)
//   BENCH_PAGES          "threads" (default), "groups" (only /groups and /groups/bench) or "none"
//   BENCH_CORPUS         "0" skips the corpus (and so every publishing page below)
//   BENCH_CORPUS_POSTS   posts in the database after the corpus seed (default 100000)
//   BENCH_CORPUS_PAPERS  published papers in the corpus (default 1000)
//   BENCH_PUBLISHING     publishing pages measured, signed out: "all" (default), "none" or a comma
//                        list of paper (a published version), static (the same HTML from a plain
//                        file server, and the ratio app ÷ static), library (page 1 and page
//                        BENCH_LIBRARY_DEEP_PAGE, default the last) and search (a common word, a rare one, a phrase)
//   BENCH_VOTES          "0" skips the vote part
//   BENCH_VOTERS         members voting at once, each on its own connection (default 100)
//   BENCH_VOTE_SECONDS   seconds of voting (default 10), after BENCH_WARMUP seconds
//   BENCH_COUNT_QUERIES  "0" skips counting the SQL statements (and their time) of one request per page
//   BENCH_TMPDIR         where the throwaway database and app copy go (default: the OS temp dir;
//                        on the same filesystem as the checkout, node_modules is hard-linked, not copied)
//   BENCH_KEEP           "1" keeps the app copy and its build afterwards (the path is printed)
//   BENCH_APP_DIR        measure this already-built copy (one kept by BENCH_KEEP=1) instead of copying
//                        and building again; it shows the sources as they were when it was built
//
// Steps: a throwaway embedded PostgreSQL with a database "bench", migrated → bulk seed (a group of
// 200 members, threads of 10, 1,000 and 10,000 posts; scripts/bench/seed.ts) → a copy of the working
// tree in a temp dir, built there with `next build` (this checkout's .next is never touched) →
// `next start` on a free port → a signed-in session for the bench user (an AuthSession row and a
// next-auth JWT cookie) → for each page (scripts/bench/pages.ts), signed out and signed in: one
// checked GET (200, and the right header), one request with statement logging on (SQL statements
// and PostgreSQL time per request), then autocannon. Prints a table and the ratios of the
// 10,000-post thread to the 10-post one
// (target: within 1.2) and to the 1,000-post one (equal-sized pages).
// Then the votes (scripts/bench/vote-bench.ts): a second group of 120 members with a paper and an
// open proposal (scripts/bench/vote-seed.ts), a session per voter, and BENCH_VOTERS voters, each on
// its own connection, changing their vote again and again; votes/s and latency, then the database
// checked against every acknowledged vote (scripts/bench/vote-check.ts), PASS or FAIL.
// Issue 5: a corpus (scripts/bench/corpus-seed.ts: 100,000 posts of varied text in OPEN groups,
// 1,000 published papers) and the publishing pages over it (scripts/bench/publishing.ts), measured
// like the thread pages; the published page's HTML is also saved and served by a plain file server
// (scripts/bench/static-server.ts) in its own process, measured right after it, and the app's
// requests/s and p50 are printed as a ratio of the static server's.
// Writes everything as JSON and Markdown to bench-results/ (git-ignored; latest.md is the last
// run). Exits 1 on errors, non-2xx answers or a failed vote check. Ctrl-C stops everything.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type EmbeddedDatabase, freePort, startEmbeddedPostgres } from "./lib/embedded-postgres";
import { applyMigrations } from "./lib/migrations";
import { type Running, onParentExit, onSignal, stopAll, waitForHttp } from "./lib/processes";
import { generatePrismaClient } from "./prisma-generate";
import { buildCopy, copyCheckout, startCopy } from "./bench/app-copy";
import { checkPage, measure, stopMeasuring } from "./bench/measure";
import { benchPages } from "./bench/pages";
import { StatementCounter } from "./bench/query-count";
import { type Row, type StaticComparison, type VoteReport, STATIC_KIND, PUBLISHED_KIND, compare, compareStatic, staticText, comparisonTable, environment, resultsTable, voteChecksText, voteTable, writeReport, RATIO_TARGET } from "./bench/report";
import { seedBench } from "./bench/seed";
import { type SeededCorpus, seedCorpus } from "./bench/corpus-seed";
import { publishedPath, publishingPages, publishingParts, startStaticBaseline } from "./bench/publishing";
import { signedInCookie } from "./bench/session";
import { benchVotes } from "./bench/vote-bench";
import { seedVotes } from "./bench/vote-seed";
import { stopVoting } from "./bench/votes";

const say = (line: string) => console.log(`▸ ${line}`);

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, not ${JSON.stringify(raw)}.`);
  return value;
}

let tmp: string | undefined;
let db: EmbeddedDatabase | undefined;
let server: Running | undefined;
let shuttingDown: Promise<never> | undefined;

function shutdown(code: number): Promise<never> {
  shuttingDown ??= (async () => {
    stopMeasuring();
    stopVoting();
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

async function main() {
  const loadBefore = os.loadavg()[0]!;
  const settings = {
    connections: Math.max(1, Math.round(numberFromEnv("BENCH_CONNECTIONS", 10))),
    durationSec: Math.max(1, numberFromEnv("BENCH_DURATION", 5)),
    warmupSec: numberFromEnv("BENCH_WARMUP", 1),
    rounds: Math.max(1, Math.round(numberFromEnv("BENCH_ROUNDS", 1))),
    pages: process.env.BENCH_PAGES ?? "threads",
    votes: process.env.BENCH_VOTES !== "0",
    voters: Math.max(1, Math.round(numberFromEnv("BENCH_VOTERS", 100))),
    voteSec: Math.max(1, numberFromEnv("BENCH_VOTE_SECONDS", 10)),
    corpus: process.env.BENCH_CORPUS !== "0",
    publishing: process.env.BENCH_CORPUS === "0" ? "none" : (process.env.BENCH_PUBLISHING ?? "all"),
  };
  const parts = publishingParts(settings.publishing);
  const countQueries = process.env.BENCH_COUNT_QUERIES !== "0";
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
  db = await startEmbeddedPostgres({ dataDir: path.join(tmp, "postgres"), persistent: false, log: (line) => onLogLine(line) });
  await db.createDatabase("bench");
  const databaseUrl = db.url("bench");
  await applyMigrations(databaseUrl);
  const counter = new StatementCounter(db.url("postgres"), "bench");
  onLogLine = counter.onLogLine;
  say(`PostgreSQL ready and migrated (${lap("database")} s).`);

  say("Seeding (bulk SQL)…");
  const data = await seedBench(databaseUrl);
  // Voters: BENCH_VOTERS members of a group with some members more, who do not vote.
  const voteData = settings.votes ? await seedVotes(databaseUrl, { members: Math.max(120, settings.voters + 20) }) : null;
  say(
    `Seeded ${data.members} members, ${data.counts.posts.toLocaleString("en-GB")} posts in threads of ` +
      `${data.threads.map((t) => t.size.toLocaleString("en-GB")).join(" / ")}, ${data.counts.reactions.toLocaleString("en-GB")} reactions` +
      `${voteData ? `; ${voteData.members.length} more members in a group with an open proposal to vote on` : ""} (${lap("seed")} s).`,
  );

  let corpus: SeededCorpus | null = null;
  if (settings.corpus) {
    say("Seeding the corpus for the library and search (bulk SQL)…");
    corpus = await seedCorpus(databaseUrl, {
      totalPosts: Math.round(numberFromEnv("BENCH_CORPUS_POSTS", 100_000)),
      papers: Math.max(1, Math.round(numberFromEnv("BENCH_CORPUS_PAPERS", 1_000))),
    });
    const c = corpus.counts;
    say(
      `Corpus: ${c.posts.toLocaleString("en-GB")} posts in ${c.threads.toLocaleString("en-GB")} threads, ${c.publications.toLocaleString("en-GB")} publications of ` +
        `${c.papers.toLocaleString("en-GB")} papers in ${corpus.groupSlugs.length} OPEN groups (counted back); markers: ${corpus.markers.rarePosts} posts and ` +
        `${corpus.markers.rarePapers} papers with the rare word, ${corpus.markers.phrasePosts.toLocaleString("en-GB")} posts with the phrase (${lap("corpus")} s).`,
    );
  }

  const reuse = process.env.BENCH_APP_DIR;
  const appDir = reuse ? path.resolve(reuse) : path.join(tmp, "app");
  if (reuse) {
    if (!existsSync(path.join(appDir, ".next", "BUILD_ID"))) throw new Error(`BENCH_APP_DIR=${reuse} holds no Next.js build (.next/BUILD_ID).`);
    say(`Using the build in ${appDir} (BENCH_APP_DIR): it may be older than the working tree.`);
  } else {
    say(`Copying the working tree to ${appDir}…`);
    const { copiedNodeModules } = await copyCheckout(appDir);
    say(`Copied (${lap("copy")} s${copiedNodeModules ? "; node_modules was copied, not hard-linked: set BENCH_TMPDIR to a directory on the checkout's filesystem to speed this up" : ""}).`);
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
  if (!reuse) {
    say("Building the copy (next build)…");
    await buildCopy(appDir, env);
    say(`Built (${lap("build")} s).`);
  }

  say(`Starting next start on ${baseUrl}…`);
  server = startCopy(appDir, port, env);
  await waitForHttp(`${baseUrl}/`, server);
  lap("server start");

  const cookie = await signedInCookie(databaseUrl, data.benchUser, secret);
  const name = data.benchUser.displayName;
  const signedOut = { headers: {} as Record<string, string>, contains: ["Sign in"], lacks: [name] };
  const signedIn = { headers: { cookie }, contains: [name], lacks: [] as string[] };
  await checkPage(`${baseUrl}/groups/${data.groupSlug}`, signedOut);
  await checkPage(`${baseUrl}/groups/${data.groupSlug}`, signedIn);
  say(`Sessions work: signed in, the page shows "${name}"; signed out, "Sign in".`);

  const pages = benchPages(data, settings.pages);
  let staticComparison: StaticComparison | null = null;
  if (corpus && parts.size > 0) {
    pages.push(...publishingPages(corpus, parts).map((p) => ({ ...p, signedIn: false })));
    if (parts.has("static")) {
      // Right after the published page, so that both run under the same conditions.
      const baseline = await startStaticBaseline(`${baseUrl}${publishedPath(corpus)}`, path.join(tmp, "static"));
      const at = pages.findIndex((p) => p.path === publishedPath(corpus!));
      const url = new URL(baseline.url);
      pages.splice(at < 0 ? pages.length : at + 1, 0, {
        kind: STATIC_KIND,
        threadSize: null,
        path: url.pathname,
        origin: url.origin,
        signedIn: false,
        mustContain: corpus.published.title,
      });
      say(`Static baseline: the published page's HTML (${(baseline.bytes / 1024).toFixed(0)} KiB) served by a plain file server at ${baseline.url}.`);
    }
  }
  const sizes: number[] = [];
  for (const page of pages) {
    const as = page.signedIn ? signedIn : signedOut;
    sizes.push(await checkPage(`${page.origin ?? baseUrl}${page.path}`, { ...as, contains: [...as.contains, ...(page.mustContain ? [page.mustContain] : [])] }));
  }
  if (pages.length > 0) say(`All ${pages.length} pages answer 200. Measuring each for ${settings.durationSec} s with ${settings.connections} connections…`);

  const rows: Row[] = [];
  for (let round = 1; round <= settings.rounds; round++) {
    if (settings.rounds > 1) say(`Round ${round} of ${settings.rounds}:`);
    // Every other round runs the list backwards, so that no size of thread is always measured last.
    const order = [...pages.keys()];
    if (round % 2 === 0) order.reverse();
    for (const index of order) {
      const page = pages[index]!;
      const url = `${page.origin ?? baseUrl}${page.path}`;
      const headers: Record<string, string> = page.signedIn ? { cookie } : {};
      const sql =
        countQueries && round === 1 && !page.origin
          ? await counter.count(async () => {
              const response = await fetch(url, { headers, signal: AbortSignal.timeout(60_000) });
              await response.text();
              if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status} while counting its SQL statements`);
            })
          : (rows[index]?.sql ?? null);
      const measurement = await measure(url, { ...settings, headers });
      if (shuttingDown) return; // Ctrl-C stopped this measurement
      // Over several rounds, each page keeps its best (least disturbed) round.
      if (!rows[index] || measurement.requestsPerSec > rows[index].measurement.requestsPerSec) rows[index] = { page, bytes: sizes[index]!, measurement, sql };
      say(
        `${page.kind}${page.threadSize === null ? "" : ` (${page.threadSize.toLocaleString("en-GB")})`}${page.signedIn ? ", signed in" : ""}: ` +
          `${measurement.requestsPerSec.toFixed(1)} req/s, p95 ${measurement.p95.toFixed(1)} ms` +
          (sql === null ? "" : `, ${sql.statements} SQL statements (${sql.dbMs.toFixed(1)} ms in PostgreSQL)/request`) +
          (measurement.errors + measurement.non2xx > 0 ? `, ${measurement.errors} errors, ${measurement.non2xx} non-2xx` : ""),
      );
      // A page meant to be cached should ask (almost) nothing: say what it still asks.
      if (sql && round === 1 && page.kind === PUBLISHED_KIND) say(`  its statements: ${sql.texts.length > 0 ? sql.texts.join(" | ") : "none"}`);
    }
  }
  if (pages.length > 0) lap("measure");

  let votes: VoteReport | null = null;
  if (voteData) {
    votes = await benchVotes(voteData, {
      databaseUrl,
      baseUrl,
      secret,
      voters: settings.voters,
      durationSec: settings.voteSec,
      warmupSec: settings.warmupSec,
      counter: countQueries ? counter : null,
      outsiderCookie: cookie,
      say,
    });
    if (shuttingDown) return;
    lap("votes");
  }

  const comparisons = compare(rows);
  staticComparison = compareStatic(rows);
  if (rows.length > 0) console.log(`\n${resultsTable(rows)}\n`);
  if (staticComparison) console.log(`${staticText(staticComparison)}\n`);
  if (comparisons.length > 0) {
    console.log(`Largest thread ÷ smaller ones (target: req/s ratio ≥ ${(1 / RATIO_TARGET).toFixed(2)}, p95 ratio ≤ ${RATIO_TARGET}; a 10-post thread shows fewer posts than one full window):\n`);
    console.log(`${comparisonTable(comparisons)}\n`);
  }
  if (votes) console.log(`\n${voteTable(votes)}\n\nAfterwards, the database against the acknowledged votes:\n${voteChecksText(votes.checks)}\n`);
  const written = writeReport({
    environment: environment(loadBefore),
    settings: { ...settings, build: reuse ? `reusing the build in ${appDir} (BENCH_APP_DIR)` : "built from the working tree" },
    seed: {
      members: data.members,
      threads: data.threads.map((t) => ({ size: t.size, id: t.id })),
      posts: data.counts.posts,
      reactions: data.counts.reactions,
      maxDepth: data.counts.maxDepth,
      corpus: corpus && { groups: corpus.groupSlugs.length, ...corpus.counts, markers: corpus.markers },
    },
    timings,
    rows,
    comparisons,
    staticComparison,
    votes,
  });
  say(`Timings: ${Object.entries(timings).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(", ")}.`);
  say(`Written ${path.relative(process.cwd(), written.markdown)} and ${path.relative(process.cwd(), written.json)}.`);
  const failed =
    rows.some((r) => r.measurement.errors + r.measurement.non2xx > 0) ||
    (votes !== null && (votes.measurement.errors + votes.measurement.non2xx > 0 || votes.checks.some((c) => !c.pass)));
  if (votes?.measurement.firstFailure) {
    const kinds = Object.entries(votes.measurement.failures).map(([kind, n]) => `${n} × ${kind}`).join(", ");
    say(`Failed votes: ${kinds}; the first: ${votes.measurement.firstFailure} (the server's log above says why).`);
  }
  await shutdown(failed ? 1 : 0);
}

main().catch(async (error: unknown) => {
  if (shuttingDown) return;
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
  console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}${cause}`);
  await shutdown(1);
});
