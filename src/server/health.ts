import "server-only";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { version } from "../../package.json";
import { db } from "./db";
import { logError } from "./log";
import { isShuttingDown } from "./shutdown";

// Readiness: may this process take requests now? A load balancer polls /api/health/ready and stops
// sending traffic on 503. Liveness (/api/health) never touches the database: a database outage
// must not make an orchestrator restart every replica.

/** A check passes by resolving, fails by throwing; the message is shown in the report. */
export type Check = () => Promise<void>;

export interface Readiness {
  ready: boolean;
  checks: Record<string, "ok" | string>;
}

export const CHECK_TIMEOUT_MS = 2_000;

function withTimeout(check: Check, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([check(), timeout]).finally(() => clearTimeout(timer));
}

/** Runs every check at once, each under the same short timeout. */
export async function readiness(checks: Record<string, Check>, timeoutMs = CHECK_TIMEOUT_MS): Promise<Readiness> {
  const names = Object.keys(checks);
  const results = await Promise.allSettled(names.map((name) => withTimeout(checks[name], timeoutMs)));
  const report: Readiness["checks"] = {};
  results.forEach((result, i) => {
    report[names[i]] =
      result.status === "fulfilled"
        ? "ok"
        : result.reason instanceof Error
          ? result.reason.message
          : String(result.reason);
  });
  return { ready: results.every((r) => r.status === "fulfilled"), checks: report };
}

const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");
let newestMigration: string | null | undefined;

/** The newest migration this code was written for, read once (null when the folder is not deployed). */
export function expectedMigration(): string | null {
  if (newestMigration === undefined) {
    newestMigration = existsSync(MIGRATIONS_DIR)
      ? (readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
          .filter((e) => e.isDirectory())
          .map((e) => e.name)
          .sort()
          .at(-1) ?? null)
      : null;
  }
  return newestMigration;
}

/**
 * The database answers, and has this code's newest migration. Newer ones may be applied too: during
 * a rolling deploy the old replicas keep serving after the new release migrated. The answer is
 * public, so the database's own error (host names, addresses) goes to the log only.
 */
export async function databaseReady(migration: string | null): Promise<void> {
  let applied: boolean;
  try {
    if (migration === null) {
      // prisma/migrations was not deployed with this build: only check that the database answers.
      await db.$queryRaw`SELECT 1`;
      return;
    }
    const [row] = await db.$queryRaw<{ applied: boolean }[]>`
      SELECT EXISTS (
        SELECT 1 FROM "_prisma_migrations"
         WHERE migration_name = ${migration} AND finished_at IS NOT NULL AND rolled_back_at IS NULL
      ) AS applied`;
    applied = row?.applied === true;
  } catch (error) {
    logError("readiness: database check failed", error);
    throw new Error("database unreachable");
  }
  if (!applied) throw new Error(`migration ${migration} is not applied: run npm run db:migrate`);
}

export async function notShuttingDown(): Promise<void> {
  if (isShuttingDown()) throw new Error("shutting down");
}

/** The checks /api/health/ready runs. */
export const READINESS_CHECKS: Record<string, Check> = {
  process: notShuttingDown,
  database: () => databaseReady(expectedMigration()),
};

/** Which build answers, so that a rolling deploy can be watched replica by replica. */
export function buildInfo(): { version: string; build?: string } {
  const file = path.join(process.cwd(), ".next", "BUILD_ID");
  buildId ??= existsSync(file) ? readFileSync(file, "utf8").trim() : "";
  return { version, ...(buildId ? { build: buildId } : {}) };
}
let buildId: string | undefined;
