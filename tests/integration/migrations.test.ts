// The migration runner (scripts/lib/migrations.ts) against a real PostgreSQL: it must keep the
// same history table as `prisma migrate deploy`, apply each migration once, and refuse edited or
// failed history.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ADVISORY_LOCK_KEY, applyMigrations, checksumOf, readMigrations } from "../../scripts/lib/migrations";
import { raceBehindLock } from "./helpers/race";
import { createScratchDatabase, type ScratchDatabase } from "./helpers/scratch-db";

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe("the project's migrations", () => {
  let db: ScratchDatabase;
  beforeAll(async () => {
    db = await createScratchDatabase("drift");
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("apply once, and a second run applies nothing", async () => {
    const local = await readMigrations();
    expect(await applyMigrations(db.url)).toEqual(local.map((m) => m.name));
    expect(await applyMigrations(db.url)).toEqual([]);
  });

  it("are recorded in _prisma_migrations with Prisma's columns and sha256 checksums", async () => {
    const columns = await query<{
      column_name: string;
      data_type: string;
      is_nullable: string;
      character_maximum_length: number | null;
    }>(
      db.url,
      `SELECT column_name, data_type, is_nullable, character_maximum_length FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => [c.column_name, c.data_type, c.is_nullable, c.character_maximum_length])).toEqual([
      ["id", "character varying", "NO", 36],
      ["checksum", "character varying", "NO", 64],
      ["finished_at", "timestamp with time zone", "YES", null],
      ["migration_name", "character varying", "NO", 255],
      ["logs", "text", "YES", null],
      ["rolled_back_at", "timestamp with time zone", "YES", null],
      ["started_at", "timestamp with time zone", "NO", null],
      ["applied_steps_count", "integer", "NO", null],
    ]);
    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(
      db.url,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name`,
    );
    const local = await readMigrations();
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(local.map((m) => [m.name, checksumOf(m.sql)]));
    for (const row of rows) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });
});

describe("the migration runner", () => {
  let db: ScratchDatabase;
  let dir: string;
  const write = (name: string, sql: string) => {
    mkdirSync(path.join(dir, name), { recursive: true });
    writeFileSync(path.join(dir, name, "migration.sql"), sql);
  };

  beforeAll(async () => {
    db = await createScratchDatabase("runner");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  afterAll(async () => {
    await db?.drop();
  });

  it("applies in name order, safely from concurrent starters", async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "migrations-"));
    write("20240102000000_second", `ALTER TABLE "Thing" ADD COLUMN "size" integer NOT NULL DEFAULT 0;`);
    write("20240101000000_first", `CREATE TABLE "Thing" ("id" serial PRIMARY KEY);`);
    // The barrier holds the runner's own advisory lock until all three starters wait for it at once.
    const { results, overlapped } = await raceBehindLock(
      { advisoryKey: ADVISORY_LOCK_KEY },
      [1, 2, 3].map(() => () => applyMigrations(db.url, { migrationsDir: dir })),
      3,
      { databaseUrl: db.url, waitingOn: "pg_advisory_lock" },
    );
    expect(overlapped).toBe(3);
    const runs = results.map((r) => {
      if (r.status === "rejected") throw r.reason;
      return r.value;
    });
    // One of them applied both migrations; the others found nothing left to do.
    expect(runs.map((r) => r.length).sort()).toEqual([0, 0, 2]);
    expect(runs.flat().sort()).toEqual(["20240101000000_first", "20240102000000_second"]);
    const rows = await query<{ migration_name: string }>(
      db.url,
      `SELECT migration_name FROM _prisma_migrations ORDER BY started_at`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(["20240101000000_first", "20240102000000_second"]);
  });

  it("rolls a failing migration back whole and records nothing", async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "migrations-"));
    write("20240101000000_first", `CREATE TABLE "Thing" ("id" serial PRIMARY KEY);`);
    write("20240102000000_second", `ALTER TABLE "Thing" ADD COLUMN "size" integer NOT NULL DEFAULT 0;`);
    write("20240103000000_broken", `CREATE TABLE "Half" ("id" integer);\nSELECT no_such_function();`);
    await expect(applyMigrations(db.url, { migrationsDir: dir })).rejects.toThrow(
      /20240103000000_broken failed \(migration\.sql line 2\)/,
    );
    expect(await query(db.url, `SELECT 1 FROM pg_tables WHERE tablename = 'Half'`)).toHaveLength(0);
    expect(
      await query(db.url, `SELECT 1 FROM _prisma_migrations WHERE migration_name = '20240103000000_broken'`),
    ).toHaveLength(0);
  });

  it("refuses a migration edited after it was applied", async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "migrations-"));
    write("20240101000000_first", `CREATE TABLE "Thing" ("id" bigserial PRIMARY KEY);`);
    await expect(applyMigrations(db.url, { migrationsDir: dir })).rejects.toThrow(
      /20240101000000_first was changed after it was applied/,
    );
  });

  it("refuses to go on after a migration recorded as failed", async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "migrations-"));
    write("20240101000000_first", `CREATE TABLE "Thing" ("id" serial PRIMARY KEY);`);
    write("20240102000000_second", `ALTER TABLE "Thing" ADD COLUMN "size" integer NOT NULL DEFAULT 0;`);
    await query(
      db.url,
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, logs) VALUES ('x', $1, 'manual_failed', 'boom')`,
      ["0".repeat(64)],
    );
    await expect(applyMigrations(db.url, { migrationsDir: dir })).rejects.toThrow(
      /manual_failed is recorded as failed/,
    );
  });
});
