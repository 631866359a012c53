// Empties every table (except the migration history) so that each test file starts from a blank
// database: `beforeEach(resetDatabase)` or `beforeAll(resetDatabase)`.
import pg from "pg";

export async function resetDatabase(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("resetDatabase needs DATABASE_URL");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    if (rows.length === 0) return;
    const tables = rows.map((r) => `public.${client.escapeIdentifier(r.tablename)}`).join(", ");
    await client.query(`TRUNCATE TABLE ${tables} RESTART IDENTITY CASCADE`);
  } finally {
    await client.end();
  }
}
