// The app that `npm run bench` measures is built in a copy of the working tree, never in the
// checkout itself: `next build` replaces .next, which would pull the build out from under a
// server (or another engineer's) running from this checkout.
//
// node_modules is hard-linked into the copy, not symlinked: Turbopack refuses to resolve packages
// through a symlink that leads outside the project root. Hard links take a second or two and no
// space; across filesystems (EXDEV) the files are copied instead (slower, ~1 GB).
import { constants } from "node:fs";
import { copyFile, link, mkdir, readdir, readlink, symlink } from "node:fs/promises";
import path from "node:path";
import { ROOT, type Running, run, start } from "../lib/processes";
import { productionServerEnv } from "../lib/server-env";

/** Top-level entries of the checkout that the build does not need (or must not see). */
const SKIP_TOP = new Set([
  ".git",
  ".next",
  ".data",
  "node_modules",
  "test-results",
  "playwright-report",
  "bench-results",
  "coverage",
  "tsconfig.tsbuildinfo",
]);
/** .env files: Next.js would load them from the copy; the bench sets everything it needs itself. */
const isEnvFile = (name: string) => /^\.env(\..+)?$/.test(name) && name !== ".env.example";

async function copyTree(from: string, to: string, skip: (name: string) => boolean = () => false): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (skip(entry.name)) continue;
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) await copyTree(source, target);
    else if (entry.isSymbolicLink()) await symlink(await readlink(source), target);
    else await copyFile(source, target, constants.COPYFILE_FICLONE);
  }
}

let linkFallback = false;

async function linkTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  const entries = await readdir(from, { withFileTypes: true });
  await Promise.all(
    entries.map(async (entry) => {
      const source = path.join(from, entry.name);
      const target = path.join(to, entry.name);
      if (entry.isDirectory()) return linkTree(source, target);
      if (entry.isSymbolicLink()) return symlink(await readlink(source), target); // relative links stay inside the copy
      if (!linkFallback) {
        try {
          return await link(source, target);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code !== "EXDEV" && code !== "EPERM" && code !== "EMLINK") throw error;
          linkFallback = true;
        }
      }
      return copyFile(source, target, constants.COPYFILE_FICLONE);
    }),
  );
}

/** Copies the working tree (with uncommitted changes) to `dir`; returns whether node_modules had to be copied. */
export async function copyCheckout(dir: string): Promise<{ copiedNodeModules: boolean }> {
  await copyTree(ROOT, dir, (name) => SKIP_TOP.has(name) || isEnvFile(name));
  await linkTree(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  return { copiedNodeModules: linkFallback };
}

/** The copy's own Next.js, so that the server and the app it loads share one set of modules. */
const nextBin = (dir: string) => path.join(dir, "node_modules", ".bin", "next");

export async function buildCopy(dir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const code = await run(nextBin(dir), ["build", dir], env);
  if (code !== 0) throw new Error(`next build of the copy in ${dir} failed (exit ${code})`);
}

/** Starts `next start` on the copy; with `profileDir`, under `node --cpu-prof` (not allowed in NODE_OPTIONS). */
export function startCopy(dir: string, port: number, env: NodeJS.ProcessEnv, profileDir?: string): Running {
  const args = ["start", dir, "-p", String(port), "-H", "127.0.0.1"];
  const serverEnv = productionServerEnv(env);
  if (!profileDir) return start(nextBin(dir), args, serverEnv);
  const script = path.join(dir, "node_modules", "next", "dist", "bin", "next");
  return start(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, script, ...args], serverEnv);
}
