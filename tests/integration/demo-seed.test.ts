// The demo seed that `npm start` runs on a first start: it must work, and send no query on a
// connection that is still running one (pg deprecates that and pg 9 refuses it). In-process, the
// guard in setup.ts catches every overlap; as a child process, run exactly as `npm start` runs
// it, any deprecation at all fails it (--throw-deprecation).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { SerialisedPrismaPg } from "@/server/pg-adapter";
import { seedDemoDiscussionsAndPaper } from "../../prisma/seed/demo-content";
import { DEMO_GROUPS, DEMO_PEOPLE } from "../../prisma/seed/demo-data";
import { seedDemoContent } from "../../prisma/seed/index";
import { resetDatabase } from "./helpers/reset-db";

async function expectDemoContent() {
  expect(await db.user.count()).toBe(DEMO_PEOPLE.length);
  expect(await db.group.count()).toBe(DEMO_GROUPS.length);
  expect(await db.publication.count()).toBeGreaterThanOrEqual(1);
  expect(await db.commission.count()).toBeGreaterThanOrEqual(1);
}

describe("the demo seed", () => {
  beforeEach(resetDatabase);

  it("seeds through the data layer with one query at a time on every connection", async () => {
    const own = new PrismaClient({ adapter: new SerialisedPrismaPg({ connectionString: process.env.DATABASE_URL! }) });
    try {
      expect(await seedDemoContent(own)).toBe(true);
    } finally {
      await own.$disconnect();
    }
    await seedDemoDiscussionsAndPaper();
    await expectDemoContent();
  });

  it("runs as `npm start` runs it, with no deprecation warning", async () => {
    const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
    const run = spawnSync(tsx, ["--conditions=react-server", path.join("prisma", "seed", "index.ts")], {
      env: { ...process.env, NODE_OPTIONS: "--throw-deprecation" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.stderr).not.toMatch(/DeprecationWarning/);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Seeded demo content/);
    await expectDemoContent();
  }, 90_000);
});
