// `npm run db:backup [-- file]`: the whole database at DATABASE_URL (tables, the migration history
// and pg-boss's queued jobs) in pg_dump's compressed custom format. Restore: `npm run db:restore`.
//   PG_BIN   directory of pg_dump, when it is not on PATH
import { mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { connection, pgTool, requireDatabaseUrl, runTool, serverMajor, withClient } from "./lib/pg-tools";

const url = requireDatabaseUrl("npm run db:backup");
const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
const file = path.resolve(process.argv[2] ?? path.join("backups", `policy-${stamp}.dump`));

try {
  const pgDump = pgTool("pg_dump");
  const { dbname, env, shown } = connection(url);
  const server = await withClient(url, serverMajor);
  if (pgDump.major < server) {
    throw new Error(
      `pg_dump ${pgDump.major} cannot dump a PostgreSQL ${server} server (pg_dump must be the server's major version or newer). ` +
        `Install postgresql-client-${server}, or set PG_BIN to the directory of a newer pg_dump.`,
    );
  }
  mkdirSync(path.dirname(file), { recursive: true });
  // Written beside the target and renamed at the end, so that a failed run leaves no file that looks complete.
  const partial = `${file}.partial`;
  console.log(`Backing up ${shown} to ${path.relative(process.cwd(), file)}…`);
  const started = Date.now();
  const code = await runTool(pgDump.command, ["--format=custom", "--file", partial, "--dbname", dbname], env);
  if (code !== 0) {
    rmSync(partial, { force: true });
    throw new Error(`pg_dump failed (exit ${code}); no backup was written.`);
  }
  renameSync(partial, file);
  const mb = (statSync(file).size / 1_048_576).toFixed(1);
  console.log(
    `Done: ${mb} MB in ${((Date.now() - started) / 1000).toFixed(1)} s. Restore with: npm run db:restore -- ${path.relative(process.cwd(), file)}`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
