// `npm run db:restore -- file [--force]`: loads a backup made by `npm run db:backup` into the
// database at DATABASE_URL, in one transaction (all or nothing). It refuses a database that already
// has tables unless --force, which drops and replaces the objects in the backup. Stop the app first.
//   PG_BIN   directory of pg_restore, when it is not on PATH
import { existsSync } from "node:fs";
import { connection, pgTool, requireDatabaseUrl, runTool, withClient } from "./lib/pg-tools";

const args = process.argv.slice(2);
const force = args.includes("--force");
const file = args.find((a) => !a.startsWith("--"));
const url = requireDatabaseUrl("npm run db:restore -- backups/policy.dump");

const USER_TABLES = `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`;

try {
  if (!file || !existsSync(file))
    throw new Error(`Usage: npm run db:restore -- <backup file> [--force]${file ? `\nNo such file: ${file}` : ""}`);
  const pgRestore = pgTool("pg_restore");
  const { dbname, env, shown } = connection(url);
  const tables = await withClient(url, async (c) => (await c.query<{ n: number }>(USER_TABLES)).rows[0]!.n);
  if (tables > 0 && !force) {
    throw new Error(
      `${shown} is not empty (${tables} tables). Restoring replaces its contents: stop the app, then run again with --force, ` +
        `or restore into a new, empty database.`,
    );
  }
  console.log(`Restoring ${file} into ${shown}${tables > 0 ? " (replacing what is there)" : ""}…`);
  const code = await runTool(
    pgRestore.command,
    ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", "--dbname", dbname, file],
    env,
  );
  if (code !== 0)
    throw new Error(`pg_restore failed (exit ${code}); the transaction was rolled back and the database is as it was.`);
  const newest = await withClient(
    url,
    async (c) =>
      (
        await c.query<{ name: string }>(
          `SELECT max(migration_name) AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`,
        )
      ).rows[0]?.name,
  );
  console.log(
    `Done. Newest migration in the backup: ${newest ?? "none"}. Run \`npm run db:migrate\` if this release has newer ones.`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
