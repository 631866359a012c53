import { createHash } from "node:crypto";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { persistentDataDir, throwawayBase } from "../../scripts/lib/embedded-postgres";

// Where `npm start` keeps the embedded database when run as root. PostgreSQL then runs as the
// postgres user, which cannot enter a 0700 folder such as /root or a `mktemp -d`: the default
// .data/postgres moves to /var/tmp/policy-commons-<hash of the project path>/postgres. (The binaries
// copy and a real start from such a folder are proven by .ci/run.) As another user nothing moves.

const asRoot = process.getuid?.() === 0;
const made: string[] = [];
const fallbackOf = (project: string) =>
  path.join("/var/tmp", `policy-commons-${createHash("sha256").update(project).digest("hex").slice(0, 12)}`);

function project(mode: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "policy-placement-"));
  chmodSync(dir, mode);
  made.push(dir, fallbackOf(dir));
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!asRoot)("embedded PostgreSQL data directory, as root", () => {
  it("stays in the project when the postgres user can reach it", () => {
    const root = project(0o755);
    expect(persistentDataDir(path.join(root, ".data", "postgres"), root)).toEqual({
      dataDir: path.join(root, ".data", "postgres"),
      relocated: false,
    });
    expect(existsSync(fallbackOf(root))).toBe(false);
  });

  it("moves to a root-owned folder of the project's own under /var/tmp from a 0700 folder, the same on every start", () => {
    const root = project(0o700);
    const first = persistentDataDir(path.join(root, ".data", "postgres"), root);
    expect(first).toEqual({ dataDir: path.join(fallbackOf(root), "postgres"), relocated: true });
    const parent = statSync(fallbackOf(root));
    expect(parent.uid).toBe(0);
    expect(parent.mode & 0o777).toBe(0o755);
    expect(persistentDataDir(path.join(root, ".data", "postgres"), root)).toEqual(first);
  });

  it("keeps using a database made there even once the project folder becomes reachable", () => {
    const root = project(0o700);
    const { dataDir } = persistentDataDir(path.join(root, ".data", "postgres"), root);
    mkdirSync(dataDir);
    writeFileSync(path.join(dataDir, "PG_VERSION"), "18\n");
    chmodSync(root, 0o755);
    expect(persistentDataDir(path.join(root, ".data", "postgres"), root)).toEqual({ dataDir, relocated: true });
  });

  it("refuses a folder under /var/tmp that another user made (it could plant a database or binaries)", () => {
    const root = project(0o700);
    mkdirSync(fallbackOf(root));
    chownSync(fallbackOf(root), 65534, 65534);
    expect(() => persistentDataDir(path.join(root, ".data", "postgres"), root)).toThrow(
      /is not a directory that only root may write/,
    );
  });

  it("gives throwaway servers a temporary directory the postgres user can reach", () => {
    expect(throwawayBase()).toBe(os.tmpdir());
  });
});

describe.skipIf(asRoot)("embedded PostgreSQL data directory, as a normal user", () => {
  it("is always the one asked for", () => {
    const root = project(0o700);
    expect(persistentDataDir(path.join(root, ".data", "postgres"), root)).toEqual({
      dataDir: path.join(root, ".data", "postgres"),
      relocated: false,
    });
  });
});
