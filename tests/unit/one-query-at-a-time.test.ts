// A Prisma interactive transaction is one connection, which runs one query at a time. pg deprecates
// a query sent while another is running (pg 9 refuses it). The adapter queues a transaction's
// queries (src/server/pg-adapter.ts) and the integration setup fails any test that overlaps two;
// this test keeps the code itself honest, so nobody writes Promise.all over a transaction's queries.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { oneQueryAtATime } from "@/server/pg-adapter";

const ROOTS = ["src", "prisma", "scripts"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "node_modules" || name === "generated") return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** The text of the call starting at `open` (an opening parenthesis), up to its matching close. */
function callText(source: string, open: number): string {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === "(") depth++;
    else if (source[i] === ")" && --depth === 0) return source.slice(open, i + 1);
  }
  return source.slice(open);
}

describe("no concurrent queries on one connection", () => {
  it("no Promise.all (or allSettled, race, any) runs a transaction's queries at once", () => {
    const offenders: string[] = [];
    for (const file of ROOTS.flatMap(sourceFiles)) {
      const source = readFileSync(file, "utf8");
      for (const match of source.matchAll(/Promise\.(all|allSettled|race|any)\s*\(/g)) {
        const call = callText(source, match.index + match[0].length - 1);
        // `tx` is what every $transaction callback and Tx-taking helper here calls its client.
        if (/\btx\s*\.\s*(\$?\w+)/.test(call))
          offenders.push(`${file}:${source.slice(0, match.index).split("\n").length}`);
      }
    }
    expect(offenders, "await these one after the other").toEqual([]);
  });

  it("the adapter runs a transaction's queries one after the other, in the order they were sent", async () => {
    const log: string[] = [];
    let running = 0;
    const fake = {
      other: 1,
      async queryRaw(sql: string) {
        running++;
        log.push(`start ${sql} (${running} running)`);
        await new Promise((resolve) => setTimeout(resolve, sql === "a" ? 20 : 1));
        running--;
        log.push(`end ${sql}`);
        if (sql === "b") throw new Error("b failed");
        return sql;
      },
      async createSavepoint(name: string) {
        // Calls another queued method on itself: must not wait for its own turn.
        return this.queryRaw(`SAVEPOINT ${name}`);
      },
    };
    const tx = oneQueryAtATime(fake);
    const results = await Promise.allSettled([
      tx.queryRaw("a"),
      tx.queryRaw("b"),
      tx.createSavepoint("c"),
      tx.queryRaw("d"),
    ]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual([
      "a",
      "b failed",
      "SAVEPOINT c",
      "d",
    ]);
    expect(log).toEqual([
      "start a (1 running)",
      "end a",
      "start b (1 running)",
      "end b",
      "start SAVEPOINT c (1 running)",
      "end SAVEPOINT c",
      "start d (1 running)",
      "end d",
    ]);
    expect(tx.other).toBe(1);
  });
});
