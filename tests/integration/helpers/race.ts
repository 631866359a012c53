import pg from "pg";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the barrier holds: a table (ACCESS EXCLUSIVE, so even reads of it wait) or an advisory lock key. */
export type BarrierLock = { table: string } | { advisoryKey: number };

export type BarrierOptions = {
  /** Count only waiters whose statement contains this text (for code that also takes other locks on the way). */
  waitingOn?: string;
  /** The database to hold the lock in and watch (default DATABASE_URL). */
  databaseUrl?: string;
  /** Once `mustOverlap` requests wait, keep holding this long before letting go (to test queueing behind a busy lock). */
  holdMs?: number;
  /** How long to wait for `mustOverlap` waiters before failing (default 10 s). */
  timeoutMs?: number;
};

/**
 * A barrier for race tests. Takes `lock` on a separate connection (a table: ACCESS EXCLUSIVE, so even
 * reads of it wait; or an advisory lock), starts every request, and lets go only once `mustOverlap`
 * of them are blocked on PostgreSQL locks at the same moment. Every request under test reads that
 * table (or takes that advisory lock), so each one is held at its first read of it (or earlier,
 * behind a lock another request holds), whatever locking the code does itself. That proves the
 * requests really ran concurrently, and releases them together. If fewer than `mustOverlap` ever
 * wait at once, it throws (after the requests have settled): a race that did not happen fails.
 */
export async function raceBehindLock<T>(
  lock: BarrierLock,
  requests: (() => Promise<T>)[],
  mustOverlap: number,
  options: BarrierOptions = {},
): Promise<{ results: PromiseSettledResult<T>[]; overlapped: number }> {
  const connectionString = options.databaseUrl ?? process.env.DATABASE_URL;
  const holder = new pg.Client({ connectionString });
  // A second connection watches: inside the holder's transaction pg_stat_activity would stay frozen.
  const watcher = new pg.Client({ connectionString });
  await Promise.all([holder.connect(), watcher.connect()]);
  let overlapped = 0;
  let barrierError: Error | undefined;
  let settled: Promise<PromiseSettledResult<T>[]> | undefined;
  try {
    const { rows: me } = await holder.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    await holder.query("BEGIN");
    if ("table" in lock)
      await holder.query(`LOCK TABLE ${holder.escapeIdentifier(lock.table)} IN ACCESS EXCLUSIVE MODE`);
    else await holder.query("SELECT pg_advisory_xact_lock($1)", [lock.advisoryKey]);
    settled = Promise.allSettled(requests.map((request) => request()));
    const deadline = Date.now() + (options.timeoutMs ?? 10_000);
    for (;;) {
      const { rows } = await watcher.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1
           AND ($2::text IS NULL OR strpos(query, $2::text) > 0)`,
        [me[0]!.pid, options.waitingOn ?? null],
      );
      overlapped = rows[0]!.n;
      if (overlapped >= mustOverlap) break;
      if (Date.now() > deadline) {
        barrierError = new Error(`Only ${overlapped} of ${mustOverlap} requests were waiting at the barrier.`);
        break;
      }
      await sleep(5);
    }
    if (!barrierError && options.holdMs) await sleep(options.holdMs);
  } finally {
    await holder.query("COMMIT").catch(() => undefined);
    await Promise.all([holder.end(), watcher.end()]);
  }
  const results = await settled!;
  if (barrierError) throw barrierError;
  return { results, overlapped };
}

/** raceBehindLock on a table: see there. */
export function raceBehindTableLock<T>(
  table: string,
  requests: (() => Promise<T>)[],
  mustOverlap: number,
  waitingOn?: string,
): Promise<{ results: PromiseSettledResult<T>[]; overlapped: number }> {
  return raceBehindLock({ table }, requests, mustOverlap, { waitingOn });
}
