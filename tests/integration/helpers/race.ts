import pg from "pg";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A barrier for race tests. Locks `table` (ACCESS EXCLUSIVE, so even reads of it wait) on a separate
 * connection, starts every request, and lets go only once `mustOverlap` of them are blocked on
 * PostgreSQL locks at the same moment. Every request under test reads that table, so each one is
 * held at its first read of it (or earlier, behind a lock another request holds), whatever locking
 * the code does itself. That proves the requests really ran concurrently, and releases them together.
 * `waitingOn`, when given, counts only waiters whose statement contains that text (for code that
 * also takes other locks on the way, such as the rate-limit table's row locks).
 */
export async function raceBehindTableLock<T>(
  table: string,
  requests: (() => Promise<T>)[],
  mustOverlap: number,
  waitingOn?: string,
): Promise<{ results: PromiseSettledResult<T>[]; overlapped: number }> {
  const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
  // A second connection watches: inside the holder's transaction pg_stat_activity would stay frozen.
  const watcher = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await Promise.all([holder.connect(), watcher.connect()]);
  let overlapped = 0;
  let barrierError: Error | undefined;
  let settled: Promise<PromiseSettledResult<T>[]> | undefined;
  try {
    const { rows: me } = await holder.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    await holder.query("BEGIN");
    await holder.query(`LOCK TABLE ${holder.escapeIdentifier(table)} IN ACCESS EXCLUSIVE MODE`);
    settled = Promise.allSettled(requests.map((request) => request()));
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { rows } = await watcher.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1
           AND ($2::text IS NULL OR strpos(query, $2::text) > 0)`,
        [me[0]!.pid, waitingOn ?? null],
      );
      overlapped = rows[0]!.n;
      if (overlapped >= mustOverlap) break;
      if (Date.now() > deadline) {
        barrierError = new Error(`Only ${overlapped} of ${mustOverlap} requests were waiting at the barrier.`);
        break;
      }
      await sleep(5);
    }
  } finally {
    await holder.query("COMMIT").catch(() => undefined);
    await Promise.all([holder.end(), watcher.end()]);
  }
  const results = await settled!;
  if (barrierError) throw barrierError;
  return { results, overlapped };
}
