// Applies prisma/migrations/<name>/migration.sql in name order and records them in Prisma's own
// `_prisma_migrations` table, so that `prisma migrate deploy` (where Prisma's engines can be
// downloaded) sees the same history. Prisma's CLI cannot migrate on our machines: see
// shared/notes/offline-stack.md.
import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

/** The key `prisma migrate` locks with, so our runner and Prisma's never migrate at the same time. */
export const ADVISORY_LOCK_KEY = 72707369;

/** The DDL Prisma's migration engine uses for its history table on PostgreSQL. */
const CREATE_HISTORY_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface LocalMigration {
  name: string;
  sql: string;
  /** sha256 hex of migration.sql, as Prisma records it. */
  checksum: string;
}

interface HistoryRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
}

export function checksumOf(sql: string): string {
  return createHash("sha256").update(sql).digest("hex");
}

/** The migrations on disk, in the order they apply. */
export async function readMigrations(migrationsDir = DEFAULT_MIGRATIONS_DIR): Promise<LocalMigration[]> {
  if (!existsSync(migrationsDir)) return [];
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory() && existsSync(path.join(migrationsDir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: checksumOf(sql) };
    }),
  );
}

/** "line 12" for a PostgreSQL error position (1-based character offset into the script). */
function lineOf(sql: string, position: string | undefined): string {
  const offset = Number(position);
  if (!Number.isInteger(offset) || offset <= 0) return "";
  return ` (migration.sql line ${sql.slice(0, offset - 1).split("\n").length})`;
}

/**
 * Applies every migration not yet recorded in `_prisma_migrations`, each in its own transaction, and
 * returns the names it applied. Refuses to go on when an applied migration's file has changed or an
 * earlier migration is recorded as failed (as `prisma migrate deploy` does).
 */
export async function applyMigrations(
  databaseUrl: string,
  opts: { log?: (line: string) => void; migrationsDir?: string } = {},
): Promise<string[]> {
  const log = opts.log ?? (() => {});
  const migrations = await readMigrations(opts.migrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Keep notices (e.g. "relation already exists, skipping") out of the console.
    client.on("notice", () => {});
    const locked = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [ADVISORY_LOCK_KEY]);
    if (!locked.rows[0]!.ok) {
      log("Waiting for another migration run to finish…");
      await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    }
    try {
      await client.query(CREATE_HISTORY_TABLE);
      const { rows } = await client.query<HistoryRow>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at, logs
           FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
      );
      const live = rows.filter((r) => r.rolled_back_at === null);

      const failed = live.find((r) => r.finished_at === null);
      if (failed) {
        throw new Error(
          `Migration ${failed.migration_name} is recorded as failed in _prisma_migrations` +
            (failed.logs ? `:\n${failed.logs}\n` : ". ") +
            `Fix the database by hand, then mark the row rolled back ` +
            `(UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${failed.migration_name}') ` +
            `or delete it, and run the migrations again.`,
        );
      }

      const applied = new Map(live.map((r) => [r.migration_name, r]));
      for (const m of migrations) {
        const row = applied.get(m.name);
        // Accept the same file checked out with Windows line endings.
        if (row && row.checksum !== m.checksum && row.checksum !== checksumOf(m.sql.replace(/\r\n/g, "\n"))) {
          throw new Error(
            `Migration ${m.name} was changed after it was applied to this database ` +
              `(recorded checksum ${row.checksum.slice(0, 12)}…, file now ${m.checksum.slice(0, 12)}…). ` +
              `Applied migrations must not be edited: restore the file and add a new migration instead ` +
              `(or, for a local database, delete it and start again).`,
          );
        }
      }
      const local = new Set(migrations.map((m) => m.name));
      for (const r of live) {
        if (!local.has(r.migration_name))
          log(
            `Note: ${r.migration_name} is applied to the database but missing from ${path.relative(process.cwd(), opts.migrationsDir ?? DEFAULT_MIGRATIONS_DIR)}.`,
          );
      }

      const done: string[] = [];
      for (const m of migrations.filter((m) => !applied.has(m.name))) {
        log(`Applying ${m.name}…`);
        const id = randomUUID();
        try {
          await client.query("BEGIN");
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
             VALUES ($1, $2, $3, now(), 0)`,
            [id, m.checksum, m.name],
          );
          await client.query(m.sql);
          await client.query(
            `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
            [id],
          );
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK").catch(() => {});
          const e = error as Error & { position?: string };
          // The transaction rolled back, so nothing is recorded: fix the file and run again.
          throw new Error(`Migration ${m.name} failed${lineOf(m.sql, e.position)} and was rolled back: ${e.message}`, {
            cause: error,
          });
        }
        done.push(m.name);
      }
      return done;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end();
  }
}
