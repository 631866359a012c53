import { beforeAll, describe, expect, it } from "vitest";
import { GET as ready } from "@/app/api/health/ready/route";
import { GET as live } from "@/app/api/health/route";
import { db } from "@/server/db";
import { databaseReady, expectedMigration, notShuttingDown, readiness } from "@/server/health";
import { readMigrations } from "../../scripts/lib/migrations";

// /api/health (liveness) and /api/health/ready (readiness) against the real database that
// `npm test` migrated. Failures that cannot be caused on a shared database (an outage, a hung
// connection) are injected as checks into the same readiness function the route runs.

describe("health endpoints", () => {
  // A cold Prisma client's first query can outlast the 2 s check on a busy machine; a load
  // balancer just asks again, a test must not.
  beforeAll(() => db.$queryRaw`SELECT 1`);

  it("liveness answers ok, uncached, without a database", async () => {
    const response = live();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("readiness is 200 on a migrated database, naming each check and the version", async () => {
    const response = await ready();
    expect(await response.json()).toMatchObject({
      status: "ready",
      checks: { process: "ok", database: "ok" },
      version: expect.any(String),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("expects the newest migration on disk", async () => {
    const migrations = await readMigrations();
    expect(expectedMigration()).toBe(migrations.at(-1)!.name);
  });

  it("fails the database check when this code's newest migration is not applied, and passes with none to compare", async () => {
    await expect(databaseReady("29991231000000_from_the_future")).rejects.toThrow(
      /29991231000000_from_the_future is not applied/,
    );
    await expect(databaseReady(null)).resolves.toBeUndefined();
  });

  it("reports a failing check as not ready, with its reason, and the others still run", async () => {
    const result = await readiness({
      process: notShuttingDown,
      database: async () => {
        throw new Error("database unreachable");
      },
    });
    expect(result).toEqual({ ready: false, checks: { process: "ok", database: "database unreachable" } });
  });

  it("gives up on a check that hangs, after the timeout", async () => {
    const result = await readiness({ database: () => new Promise(() => {}) }, 50);
    expect(result).toEqual({ ready: false, checks: { database: "no answer within 50 ms" } });
  });
});
