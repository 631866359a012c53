// Counts the statements sent to PostgreSQL (each pg `query` call is one round trip), with their
// text, while a piece of code runs. Deterministic evidence of how much a request asks of the
// database, where timing would not be.
import pg from "pg";

export type RoundTrips = { count: number; statements: string[] };

/** Runs `work` and returns its result with the statements every pg connection sent meanwhile. */
export async function countRoundTrips<T>(work: () => Promise<T>): Promise<{ result: T } & RoundTrips> {
  const statements: string[] = [];
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const sql = typeof args[0] === "string" ? args[0] : ((args[0] as { text?: string } | undefined)?.text ?? "");
    statements.push(sql.replace(/\s+/g, " ").trim());
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
  try {
    const result = await work();
    return { result, count: statements.length, statements };
  } finally {
    pg.Client.prototype.query = query as typeof pg.Client.prototype.query;
  }
}
