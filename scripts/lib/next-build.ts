// `next build`, skipped when .next holds a build of exactly the current sources.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { bin, ROOT, run } from "./processes";

/** Everything a production build depends on, besides node_modules (covered by package-lock.json). */
const INPUTS = [
  "src",
  "public",
  "prisma/schema.prisma",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "next.config.ts",
  "next.config.js",
  "next.config.mjs",
  "postcss.config.mjs",
  "postcss.config.js",
  "postcss.config.cjs",
];
/** Generated from prisma/schema.prisma, which is hashed already. */
const SKIP = new Set(["src/generated"]);
const STAMP = path.join(ROOT, ".next", "source-hash");

function addFiles(relative: string, out: string[]) {
  if (SKIP.has(relative)) return;
  const full = path.join(ROOT, relative);
  if (!existsSync(full)) return;
  if (statSync(full).isDirectory()) {
    for (const entry of readdirSync(full).sort()) addFiles(path.posix.join(relative, entry), out);
  } else {
    out.push(relative);
  }
}

export function sourceHash(): string {
  const files: string[] = [];
  for (const input of INPUTS) addFiles(input, files);
  const hash = createHash("sha256");
  for (const file of files)
    hash
      .update(`${file}\0`)
      .update(readFileSync(path.join(ROOT, file)))
      .update("\0");
  // NEXT_PUBLIC_* values are inlined into the browser bundle at build time.
  for (const [key, value] of Object.entries(process.env).sort())
    if (key.startsWith("NEXT_PUBLIC_")) hash.update(`${key}=${value}\0`);
  return hash.digest("hex");
}

/**
 * Runs `next build` unless the existing build was made from the same sources.
 * Returns "skipped" or "built"; throws when the build fails.
 */
export async function buildIfChanged(
  env: NodeJS.ProcessEnv,
  say: (line: string) => void,
): Promise<"built" | "skipped"> {
  const hash = sourceHash();
  const current =
    existsSync(path.join(ROOT, ".next", "BUILD_ID")) &&
    existsSync(STAMP) &&
    readFileSync(STAMP, "utf8").trim() === hash;
  if (current) {
    say(`Build is up to date (sources unchanged since the last build, ${hash.slice(0, 8)}): skipping next build.`);
    return "skipped";
  }
  say(
    existsSync(path.join(ROOT, ".next", "BUILD_ID")) ? "Building… (sources changed since the last build)" : "Building…",
  );
  rmSync(STAMP, { force: true }); // an interrupted build must not pass for the old one
  const code = await run(bin("next"), ["build"], env);
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  writeFileSync(STAMP, `${hash}\n`);
  return "built";
}
