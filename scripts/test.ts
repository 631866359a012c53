// `npm test`: the whole suite, with everything it needs started and stopped here.
//
//   npm test                              unit + integration (Vitest) and end-to-end (Playwright)
//   npm test -- --unit | --integration | --e2e   only those stages (any combination)
//   npm test -- --e2e -- sign-in          arguments after `--` filter test files (Vitest and Playwright)
//
// Nothing passes for want of tests: a filter that matches no test file, a stage named on the command
// line that none of the filters matches, and a stage that runs no test each fail the run. (With
// filters and no stage named, the stages without a matching file are left out, and said so.)
// Tests that passed only after a retry (Playwright retries once on CI) are listed, and counted in
// brackets at the end of the last line.
//
//   TEST_DATABASE_URL  a PostgreSQL URL whose user may create databases; two throwaway databases are
//                      created on that server and dropped afterwards. Without it, a throwaway embedded
//                      PostgreSQL runs in a temporary directory.
//   CHROMIUM_PATH      the browser for the e2e stage (see scripts/lib/find-browser.ts)
//
// First, in seconds: would `npm install` on a fresh clone resolve and keep package-lock.json as it is
// (scripts/lib/npm-preflight.ts)? If not, the run stops there and counts one failure.
//
// Unfiltered runs with the unit stage also check formatting and lint (`biome ci`, see biome.json).
//
// The last line printed is always `N passed, N failed[, N skipped][ (N only after a retry)]`, Vitest
// and Playwright together.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { type EmbeddedDatabase, freePort, startEmbeddedPostgres, throwawayBase } from "./lib/embedded-postgres";
import { findBrowser } from "./lib/find-browser";
import { applyMigrations } from "./lib/migrations";
import { buildIfChanged } from "./lib/next-build";
import { checkInstall } from "./lib/npm-preflight";
import { bin, onSignal, ROOT, type Running, run, start, stop, stopAll, waitForHttp } from "./lib/processes";
import { productionServerEnv } from "./lib/server-env";
import { generatePrismaClient } from "./prisma-generate";

const STAGES = ["unit", "integration", "e2e"] as const;
type Stage = (typeof STAGES)[number];
const REPORT_DIR = path.join(ROOT, "test-results");
const VITEST_JSON = path.join(REPORT_DIR, "vitest.json");
const PLAYWRIGHT_JSON = path.join(REPORT_DIR, "playwright.json");

const say = (line: string) => console.log(`\n▸ ${line}`);
const totals = { passed: 0, failed: 0, skipped: 0 };
const problems: string[] = [];
/** Tests that failed first and passed on a retry: passed, but listed. */
const retried: string[] = [];
const cleanups: (() => Promise<void>)[] = [];
let server: Running | undefined;
let interrupted = false;

/** Waits for `work`; after Ctrl-C it never resolves, so the interrupted run stops here quietly. */
async function guard<T>(work: Promise<T>): Promise<T> {
  const halt = () => new Promise<never>(() => {});
  try {
    const result = await work;
    if (interrupted) await halt();
    return result;
  } catch (error) {
    if (interrupted) await halt();
    throw error;
  }
}

/** Where each stage's test files live (as vitest.config.ts and playwright.config.ts say). */
const STAGE_FILES: Record<Stage, { dir: string; pattern: RegExp }> = {
  unit: { dir: "tests/unit", pattern: /\.test\.ts$/ },
  integration: { dir: "tests/integration", pattern: /\.test\.ts$/ },
  e2e: { dir: "e2e", pattern: /\.(spec|test)\.ts$/ },
};

function testFilesOf(stage: Stage): string[] {
  const dir = path.join(ROOT, STAGE_FILES[stage].dir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => STAGE_FILES[stage].pattern.test(f))
    .map((f) => path.join(dir, f));
}

/**
 * Whether `filter` picks `file` the way the stage's runner does: Vitest keeps files whose path
 * contains it, Playwright files whose path matches it as a regular expression. A `:line` suffix is
 * ignored here.
 */
function filterMatches(stage: Stage, filter: string, file: string): boolean {
  const f = filter.replace(/:\d+(:\d+)?$/, "");
  if (stage !== "e2e") return file.includes(f) || path.relative(ROOT, file).includes(f.replace(/^\.\//, ""));
  try {
    return new RegExp(f).test(file);
  } catch {
    return file.includes(f);
  }
}

/**
 * The stages to run, or what is wrong: every filter must match a test file of a selected stage, and
 * every stage named on the command line must have a matching file. Stages that were not named and
 * have no matching file are left out.
 */
function planStages(
  stages: Set<Stage>,
  explicit: boolean,
  filters: string[],
): { run: Set<Stage>; errors: string[]; notes: string[] } {
  const errors: string[] = [];
  const notes: string[] = [];
  const run = new Set<Stage>();
  const files = new Map([...stages].map((s) => [s, testFilesOf(s)] as const));
  const unmatched = filters.filter(
    (filter) => ![...stages].some((s) => files.get(s)!.some((file) => filterMatches(s, filter, file))),
  );
  for (const filter of unmatched) errors.push(`No ${[...stages].join(" or ")} test file matches "${filter}"`);
  for (const stage of stages) {
    const matching = files
      .get(stage)!
      .filter((file) => filters.length === 0 || filters.some((f) => filterMatches(stage, f, file)));
    if (matching.length > 0) run.add(stage);
    else if (filters.length > 0 && unmatched.length === filters.length)
      continue; // said above
    else if (explicit || filters.length === 0)
      errors.push(
        filters.length
          ? `No ${stage} test file matches ${filters.map((f) => `"${f}"`).join(" or ")}`
          : `There are no ${stage} test files in ${STAGE_FILES[stage].dir}/`,
      );
    else
      notes.push(
        `Leaving out the ${stage} stage: none of its files matches ${filters.map((f) => `"${f}"`).join(" or ")}.`,
      );
  }
  return { run, errors, notes };
}

function parseArgs(argv: string[]) {
  const stages = new Set<Stage>();
  const filters: string[] = [];
  let afterSeparator = false;
  for (const arg of argv) {
    if (afterSeparator) filters.push(arg);
    else if (arg === "--") afterSeparator = true;
    else if (STAGES.includes(arg.replace(/^--/, "") as Stage) && arg.startsWith("--"))
      stages.add(arg.slice(2) as Stage);
    else if (arg === "--help" || arg === "-h") {
      console.log("Usage: npm test [-- [--unit] [--integration] [--e2e] [-- file filters…]]");
      process.exit(0);
    } else if (arg.startsWith("-")) {
      console.error(`Unknown option ${arg}. Usage: npm test [-- [--unit] [--integration] [--e2e] [-- file filters…]]`);
      process.exit(2);
    } else filters.push(arg);
  }
  return { stages: stages.size > 0 ? stages : new Set<Stage>(STAGES), explicit: stages.size > 0, filters };
}

/** Counts a stage that broke before or around its tests as one failure, so the summary shows it. */
function fail(what: string, error?: unknown) {
  const detail = error === undefined ? "" : `: ${error instanceof Error ? error.message : String(error)}`;
  problems.push(`${what}${detail}`);
  totals.failed += 1;
  console.error(`\n✖ ${what}${detail}`);
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; status: string; message?: string; assertionResults: { status: string }[] }[];
}

interface PlaywrightSpec {
  title: string;
  file: string;
  tests: { status: "expected" | "unexpected" | "flaky" | "skipped"; projectName?: string }[];
}
interface PlaywrightSuite {
  title: string;
  file?: string;
  specs?: PlaywrightSpec[];
  suites?: PlaywrightSuite[];
}
interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  suites?: PlaywrightSuite[];
  errors?: unknown[];
}

/** "file › describe › test" of every test Playwright reports as flaky (failed, then passed on a retry). */
function flakyTests(report: PlaywrightReport): string[] {
  const found: string[] = [];
  const walk = (suite: PlaywrightSuite, titles: string[]) => {
    const here = suite.title && suite.title !== suite.file ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      if (spec.tests.some((t) => t.status === "flaky"))
        found.push([`e2e/${spec.file}`, ...here, spec.title].join(" › "));
    }
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
  return found;
}

/** Adds a runner's counts; a non-zero exit with no failed test in the report counts as one failure. */
function count(runner: string, code: number, counts: { passed: number; failed: number; skipped: number } | undefined) {
  if (counts) {
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
  }
  if (code !== 0 && (!counts || counts.failed === 0)) fail(`${runner} exited with code ${code}`);
  else if (counts?.failed) problems.push(`${runner}: ${counts.failed} failed`);
}

interface Databases {
  integration: string;
  e2e: string;
}

/** Two fresh databases on TEST_DATABASE_URL's server, or on a throwaway embedded server. */
async function startDatabases(): Promise<Databases> {
  const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const names = { integration: `policy_test_${suffix}`, e2e: `policy_e2e_${suffix}` };
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    say("Creating test databases on TEST_DATABASE_URL's server…");
    const withDatabase = (name: string) => {
      const url = new URL(external);
      url.pathname = `/${name}`;
      return url.toString();
    };
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    try {
      for (const name of Object.values(names)) await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    cleanups.push(async () => {
      const client = new pg.Client({ connectionString: external });
      await client.connect();
      try {
        for (const name of Object.values(names)) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    });
    return { integration: withDatabase(names.integration), e2e: withDatabase(names.e2e) };
  }

  say("Starting a throwaway embedded PostgreSQL…");
  // As root, PostgreSQL runs as the postgres user, which must reach its data directory.
  const dir = mkdtempSync(path.join(throwawayBase(), "policy-test-"));
  chmodSync(dir, 0o755);
  let db: EmbeddedDatabase | undefined;
  cleanups.push(async () => {
    await db?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  db = await startEmbeddedPostgres({
    dataDir: path.join(dir, "data"),
    persistent: false,
    notice: (line) => console.log(`  ${line}`),
  });
  for (const name of Object.values(names)) await db.createDatabase(name);
  return { integration: db.url(names.integration), e2e: db.url(names.e2e) };
}

async function runVitest(stages: Set<Stage>, filters: string[], databaseUrl: string | undefined) {
  const projects = (["unit", "integration"] as const).filter((s) => stages.has(s));
  say(`Vitest: ${projects.join(" + ")} tests…`);
  rmSync(VITEST_JSON, { force: true });
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Unit tests never get a database; integration tests only ever get the throwaway one.
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  const code = await guard(
    run(
      bin("vitest"),
      [
        "run",
        ...projects.flatMap((p) => ["--project", p]),
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${VITEST_JSON}`,
        ...filters,
      ],
      env,
    ),
  );
  const report = readJson<VitestReport>(VITEST_JSON);
  // A file that fails to load has no failed test but must count.
  const brokenFiles =
    report?.testResults.filter(
      (f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed"),
    ) ?? [];
  // Each stage asked for must have run tests of its own (a file of skipped tests runs none).
  if (report) {
    for (const project of projects) {
      const dir = path.join(ROOT, STAGE_FILES[project].dir) + path.sep;
      const files = report.testResults.filter((f) => f.name.startsWith(dir));
      const ran =
        files.some((f) => f.status === "failed") ||
        files.some((f) => f.assertionResults.some((a) => a.status === "passed" || a.status === "failed"));
      if (!ran) fail(`The ${project} stage ran no tests${filters.length ? ` (filters: ${filters.join(" ")})` : ""}`);
    }
  }
  count(
    "Vitest",
    code,
    report && {
      passed: report.numPassedTests,
      failed: report.numFailedTests + brokenFiles.length,
      skipped: report.numPendingTests + report.numTodoTests,
    },
  );
}

async function runE2e(filters: string[], databaseUrl: string) {
  say("End-to-end tests (Playwright on the production build)…");
  let browser: string;
  try {
    browser = findBrowser();
  } catch (error) {
    fail("End-to-end tests cannot run", error);
    return;
  }
  console.log(`  browser: ${browser}`);

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const mailDir = mkdtempSync(path.join(throwawayBase(), "policy-mail-"));
  cleanups.push(async () => rmSync(mailDir, { recursive: true, force: true }));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: baseUrl,
    E2E_BASE_URL: baseUrl,
    CHROMIUM_PATH: browser,
    NEXT_TELEMETRY_DISABLED: "1",
    // Every browser in the suite signs up from 127.0.0.1; the limits themselves are covered by integration tests.
    RATE_LIMIT_MULTIPLIER: "50",
    // Mail is written as .eml files here, as on a machine without SMTP_URL; e2e/mail.ts reads it back.
    SMTP_URL: "",
    MAIL_DIR: mailDir,
  };

  const seed = path.join(ROOT, "prisma", "seed", "index.ts");
  if (!existsSync(seed)) return fail("The demo seed prisma/seed/index.ts does not exist");
  say("Seeding demo content into the e2e database…");
  const seedCode = await guard(run(bin("tsx"), ["--conditions=react-server", seed], env));
  if (seedCode !== 0) return fail(`The demo seed failed (exit ${seedCode})`);

  try {
    await guard(buildIfChanged(env, (line) => say(line)));
  } catch (error) {
    return fail("The production build failed", error);
  }

  say(`Starting next start on ${baseUrl}…`);
  server = start(bin("next"), ["start", "-p", String(port), "-H", "127.0.0.1"], productionServerEnv(env));
  try {
    await guard(waitForHttp(`${baseUrl}/`, server));
  } catch (error) {
    return fail("The app did not start", error);
  }

  rmSync(PLAYWRIGHT_JSON, { force: true });
  const code = await guard(run(bin("playwright"), ["test", ...filters], env));
  const report = readJson<PlaywrightReport>(PLAYWRIGHT_JSON);
  // Playwright exits 1 when it finds no test; say why rather than only its exit code.
  if (report && report.stats.expected + report.stats.unexpected + report.stats.flaky === 0 && !report.errors?.length) {
    fail(`The e2e stage ran no tests${filters.length ? ` (filters: ${filters.join(" ")})` : ""}`);
    return;
  }
  if (report) {
    const flaky = flakyTests(report);
    // The stats count flaky tests too: if the walk missed some, still say how many.
    for (let i = flaky.length; i < report.stats.flaky; i++) flaky.push("(a Playwright test the report does not name)");
    retried.push(...flaky);
  }
  count(
    "Playwright",
    code,
    report && {
      passed: report.stats.expected + report.stats.flaky,
      failed: report.stats.unexpected + (report.errors?.length ?? 0),
      skipped: report.stats.skipped,
    },
  );
}

async function cleanUp() {
  if (server) await stop(server);
  await stopAll();
  for (const cleanup of cleanups.reverse()) {
    await cleanup().catch((error: Error) => console.error(`Cleanup: ${error.message}`));
  }
  cleanups.length = 0;
}

function finish(code: number): never {
  if (retried.length > 0)
    console.log(`\nPassed only after a retry (flaky):\n${retried.map((t) => `  - ${t}`).join("\n")}`);
  if (problems.length > 0) console.log(`\nProblems:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  const retries = retried.length > 0 ? ` (${retried.length} only after a retry)` : "";
  console.log(
    `\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}${retries}`,
  );
  process.exit(code);
}

async function main() {
  const { stages: asked, explicit, filters } = parseArgs(process.argv.slice(2));
  mkdirSync(REPORT_DIR, { recursive: true });
  const started = Date.now();

  // Before anything slow: filters and stages that match no test file fail the run now.
  const plan = planStages(asked, explicit, filters);
  for (const note of plan.notes) say(note);
  if (plan.errors.length > 0) {
    for (const error of plan.errors) fail(error);
    finish(1);
  }
  const stages = plan.run;

  // A newcomer's first command is `npm install`: the suite fails at once if it would not resolve, or
  // would rewrite package-lock.json (the lock and package.json disagree).
  say("Checking that `npm install` resolves and keeps package-lock.json as committed…");
  const install = await guard(checkInstall(ROOT, path.join(REPORT_DIR, "npm-install-check")));
  if (install.status === "failed") {
    fail(install.problem);
    console.error(install.detail);
    finish(1);
  } else if (install.status === "skipped") {
    totals.skipped += 1;
    problems.push(`npm install check skipped: ${install.reason}`);
    console.warn(`  Skipped: ${install.reason}.`);
  } else {
    console.log(
      install.status === "cached" ? "  OK (package.json and package-lock.json unchanged since it last passed)" : "  OK",
    );
  }

  try {
    say("Generating the Prisma client…");
    generatePrismaClient();
  } catch (error) {
    fail("Prisma client generation failed", error);
    finish(1);
  }

  // The whole project, tests and scripts included (next build checks only src/). Only on full runs.
  if (stages.size === STAGES.length && filters.length === 0) {
    say("Type-checking the project (tsc --noEmit)…");
    const code = await guard(run(bin("tsc"), ["--noEmit", "-p", "tsconfig.json"], process.env));
    if (code !== 0) fail(`Type errors (exit ${code}); run \`npm run typecheck\` to see them`);
  }

  // Formatting, lint and sorted imports (Biome, biome.json): the tree must be as `npm run format`
  // leaves it. With the unit stage, unfiltered, so `npm test -- --unit` catches it in seconds.
  if (stages.has("unit") && filters.length === 0) {
    say("Checking formatting and lint (biome ci)…");
    const code = await guard(
      run(bin("biome"), ["ci", "--error-on-warnings", "--max-diagnostics=50", "."], process.env),
    );
    if (code !== 0)
      fail(`Formatting or lint findings (exit ${code}); \`npm run format\` fixes most, \`npm run lint\` lists them`);
  }

  let databases: Databases | undefined;
  if (stages.has("integration") || stages.has("e2e")) {
    try {
      databases = await guard(startDatabases());
      say("Applying migrations…");
      if (stages.has("integration")) await guard(applyMigrations(databases.integration));
      if (stages.has("e2e")) await guard(applyMigrations(databases.e2e));
    } catch (error) {
      fail("The test database could not be prepared", error);
      await cleanUp();
      finish(1);
    }
  }

  if (stages.has("unit") || stages.has("integration")) {
    await runVitest(stages, filters, stages.has("integration") ? databases!.integration : undefined);
  }
  if (stages.has("e2e")) await runE2e(filters, databases!.e2e);

  await cleanUp();
  console.log(`\nFinished in ${Math.round((Date.now() - started) / 1000)} s.`);
  finish(totals.failed > 0 ? 1 : 0);
}

onSignal(async (signal) => {
  interrupted = true;
  console.error(`\n${signal}: stopping…`);
  problems.push(`interrupted by ${signal}`);
  totals.failed += 1;
  await cleanUp();
  finish(130);
});

main().catch(async (error: unknown) => {
  if (interrupted) return;
  fail("The test run broke", error);
  await cleanUp();
  finish(1);
});
