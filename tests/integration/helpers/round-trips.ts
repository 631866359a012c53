// Counts the statements sent to PostgreSQL (each pg `query` call is one round trip), with their
// text and values, while a piece of code runs. Deterministic evidence of how much a request asks
// of the database, where timing would not be.
import pg from "pg";
import { expect } from "vitest";

export type Sent = { sql: string; values: string };
export type RoundTrips = { count: number; statements: string[]; sent: Sent[] };

/** Runs `work` and returns its result with the statements every pg connection sent meanwhile. */
export async function countRoundTrips<T>(work: () => Promise<T>): Promise<{ result: T } & RoundTrips> {
  const sent: Sent[] = [];
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string; values?: unknown[] } | undefined;
    const sql = typeof config === "string" ? config : (config?.text ?? "");
    const values = typeof config === "string" ? args[1] : config?.values;
    sent.push({ sql: sql.replace(/\s+/g, " ").trim(), values: JSON.stringify(values ?? []) });
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
  try {
    const result = await work();
    return { result, count: sent.length, statements: sent.map((s) => s.sql), sent };
  } finally {
    pg.Client.prototype.query = query as typeof pg.Client.prototype.query;
  }
}

/**
 * The statements one request would send, when a test calls a page's loaders one after another:
 * outside a React render `cache()` memoises nothing, so a statement asked again with the same
 * values counts once, and only those matching `mayRepeat` (the cached lookups) may be asked again.
 * `sameValues` makes values equal that differ by nature (the time a statement was asked).
 */
export function perRequest(sent: Sent[], mayRepeat: RegExp, sameValues = (values: string) => values): string[] {
  const seen = new Set<string>();
  const once: string[] = [];
  for (const s of sent) {
    const key = `${s.sql}\n${sameValues(s.values)}`;
    if (seen.has(key)) {
      expect(s.sql).toMatch(mayRepeat);
      continue;
    }
    seen.add(key);
    once.push(s.sql);
  }
  return once;
}
