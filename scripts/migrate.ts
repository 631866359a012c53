// `npm run db:migrate`: applies prisma/migrations to the database at DATABASE_URL.
import { applyMigrations } from "./lib/migrations";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    "DATABASE_URL is not set. Example: DATABASE_URL=postgresql://user:pass@localhost:5432/policy npm run db:migrate",
  );
  process.exit(1);
}
try {
  const applied = await applyMigrations(url, { log: (line) => console.log(line) });
  console.log(
    applied.length === 0
      ? "Database is up to date."
      : `Applied ${applied.length} migration${applied.length === 1 ? "" : "s"}.`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
