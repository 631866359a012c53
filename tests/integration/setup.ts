// Runs before every integration test file. Integration tests use a real PostgreSQL; `npm test`
// creates a throwaway one and passes it in DATABASE_URL.
import pg from "pg";
import { afterEach } from "vitest";

if (!process.env.DATABASE_URL) {
  throw new Error(
    "Integration tests need a disposable PostgreSQL database in DATABASE_URL (its tables get truncated). " +
      "Run them through `npm test -- --integration`, which starts one.",
  );
}

// No concurrent queries on one connection, anywhere. pg deprecates a query sent while its client is
// still busy (pg 9 will refuse it), and warns only once per process and only from the third query
// in a queue; here every overlap is caught, from the second. The usual cause is Promise.all over
// `tx.…` calls inside a $transaction (one transaction is one connection): await them in turn.
type BusyClient = pg.Client & { _activeQuery?: unknown; _queryQueue?: unknown[] };
const overlaps: string[] = [];
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: BusyClient, ...args: unknown[]) {
  if (this._activeQuery || (this._queryQueue?.length ?? 0) > 0) {
    const sql = typeof args[0] === "string" ? args[0] : ((args[0] as { text?: string } | undefined)?.text ?? "");
    overlaps.push(`${sql.slice(0, 120)}\n${new Error("sent while the connection was busy").stack}`);
  }
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;

afterEach(() => {
  if (overlaps.length === 0) return;
  const found = overlaps.splice(0);
  throw new Error(
    `${found.length} quer${found.length === 1 ? "y was" : "ies were"} sent on a connection that was still running another (concurrent queries in one transaction?). First:\n${found[0]}`,
  );
});
