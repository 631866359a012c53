// Would `npm install` work on a fresh clone, and leave package-lock.json as committed? Asked in a few
// seconds before the suite runs: package.json and package-lock.json (and a project .npmrc) are copied
// into an empty directory, which is what a fresh clone's `npm install` sees, and
// `npm install --package-lock-only --ignore-scripts --prefer-offline` runs there. It resolves the tree
// as that install would (a peer conflict is ERESOLVE there too) without downloading a package or
// touching this project's node_modules (registry metadata comes from npm's cache when it has it), and
// the lock it writes must be byte for byte the committed one (what CI's
// `git diff --exit-code package-lock.json` checks after its own `npm install`). When the registry
// cannot be reached and the answer needs it, the check is counted as skipped, not passed.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export type PreflightResult =
  | { status: "ok" | "cached" }
  /** `problem`: one line for the summary; `detail`: what npm said or what would change, and what to do. */
  | { status: "failed"; problem: string; detail: string }
  | { status: "skipped"; reason: string };

const NETWORK_ERRORS =
  /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|ERR_SOCKET_TIMEOUT)\b/;

interface Lock {
  packages?: Record<string, Record<string, unknown> & { version?: string }>;
}

/** What a rewritten lock changes: package.json's specs in its root entry, and the packages it adds, drops or moves. */
function describeLockChange(before: Lock, after: Lock): string {
  const was = before.packages ?? {};
  const now = after.packages ?? {};
  const lines: string[] = [];
  const rootWas = was[""] ?? {};
  const rootNow = now[""] ?? {};
  for (const field of new Set([...Object.keys(rootWas), ...Object.keys(rootNow)])) {
    const a = rootWas[field];
    const b = rootNow[field];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (a && b && typeof a === "object" && typeof b === "object") {
      const specsWas = a as Record<string, unknown>;
      const specsNow = b as Record<string, unknown>;
      for (const name of new Set([...Object.keys(specsWas), ...Object.keys(specsNow)])) {
        if (JSON.stringify(specsWas[name]) === JSON.stringify(specsNow[name])) continue;
        lines.push(
          `${field}.${name}: ${JSON.stringify(specsNow[name]) ?? "absent"} in package.json, ${JSON.stringify(specsWas[name]) ?? "absent"} in the lock`,
        );
      }
    } else
      lines.push(
        `${field}: ${JSON.stringify(b) ?? "absent"} in package.json, ${JSON.stringify(a) ?? "absent"} in the lock`,
      );
  }
  const name = (key: string) => key.replace(/^.*node_modules\//, "");
  for (const key of Object.keys(now))
    if (key && !(key in was)) lines.push(`would add ${name(key)}@${now[key]!.version}`);
  for (const key of Object.keys(was))
    if (key && !(key in now)) lines.push(`would drop ${name(key)}@${was[key]!.version}`);
  for (const key of Object.keys(now)) {
    if (key && key in was && was[key]!.version !== now[key]!.version)
      lines.push(`would move ${name(key)} from ${was[key]!.version} to ${now[key]!.version}`);
  }
  if (lines.length === 0) lines.push("only the file's layout or metadata would change");
  const shown = lines.slice(0, 10);
  if (lines.length > shown.length) shown.push(`…and ${lines.length - shown.length} more`);
  return shown.map((line) => `    ${line}`).join("\n");
}

/** npm's own error lines, without its usage text and log-file trailer. */
function npmErrors(output: string): string {
  const lines = output
    .split("\n")
    .filter((line) => line.startsWith("npm error"))
    .map((line) => line.replace(/^npm error ?/, ""))
    .filter((line) => line.trim() !== "" && !/^A complete log of this run|^For a full report see/.test(line));
  const shown = lines.slice(0, 14);
  if (lines.length > shown.length) shown.push("…");
  return shown.map((line) => `    ${line}`).join("\n");
}

function run(
  npm: { command: string; args: string[] },
  args: string[],
  cwd: string,
): Promise<{ code: number; output: string }> {
  const env = { ...process.env };
  // Left by the `npm test` that started us; the check must be about the scratch directory only.
  for (const key of Object.keys(env))
    if (/^npm_(config_local_prefix|package_|lifecycle_|command$)/.test(key)) delete env[key];
  return new Promise((resolve) => {
    execFile(
      npm.command,
      [...npm.args, ...args],
      { cwd, env, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({
          code,
          output: `${stdout}\n${stderr}${error && typeof error.code !== "number" ? `\n${error.message}` : ""}`,
        });
      },
    );
  });
}

/** The npm that runs us (npm test), else the one on PATH. */
function npmCommand(): { command: string; args: string[] } {
  const cli = process.env.npm_execpath;
  if (cli && /npm-cli\.js$/.test(cli) && existsSync(cli)) return { command: process.execPath, args: [cli] };
  return { command: "npm", args: [] };
}

/**
 * Checks that `npm install` resolves and would not change package-lock.json. A check that passed is
 * remembered (in `cacheFile`) for the same package.json, lock, npm and Node, so re-runs of a few
 * tests do not pay for it again.
 */
export async function checkInstall(root: string, cacheFile: string): Promise<PreflightResult> {
  const lockFile = path.join(root, "package-lock.json");
  if (!existsSync(lockFile))
    return {
      status: "failed",
      problem: "package-lock.json is missing",
      detail: "  Run `npm install` and commit package-lock.json.",
    };
  const npm = npmCommand();
  const files = ["package.json", "package-lock.json", ".npmrc"].filter((file) => existsSync(path.join(root, file)));
  const key = createHash("sha256");
  for (const file of files)
    key
      .update(`${file}\0`)
      .update(readFileSync(path.join(root, file)))
      .update("\0");
  // "npm/11.19.1 node/v20.20.2 linux x64 …" when npm runs us; the lock's layout depends on npm's version.
  const npmVersion =
    /^npm\/(\S+)/.exec(process.env.npm_config_user_agent ?? "")?.[1] ??
    (await run(npm, ["--version"], root)).output.trim();
  key.update(`npm ${npmVersion} node ${process.version}`);
  const fingerprint = key.digest("hex");
  if (existsSync(cacheFile) && readFileSync(cacheFile, "utf8").trim() === fingerprint) return { status: "cached" };

  const scratch = mkdtempSync(path.join(os.tmpdir(), "policy-npm-check-"));
  try {
    for (const file of files) copyFileSync(path.join(root, file), path.join(scratch, file));
    const { code, output } = await run(
      npm,
      ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline"],
      scratch,
    );
    if (code !== 0) {
      if (NETWORK_ERRORS.test(output) && !/ERESOLVE/.test(output)) {
        return {
          status: "skipped",
          reason: `the npm registry could not be reached (${NETWORK_ERRORS.exec(output)![1]})`,
        };
      }
      const eresolve = /ERESOLVE/.test(output);
      const said =
        npmErrors(output) ||
        output
          .trim()
          .split("\n")
          .slice(-8)
          .map((line) => `    ${line}`)
          .join("\n");
      return {
        status: "failed",
        problem: `\`npm install\` would fail on a fresh clone${eresolve ? " (ERESOLVE)" : ""}`,
        detail: `${said}\n  Fix it in package.json${eresolve ? ' (for a peer conflict, an "overrides" entry)' : ""}, not with --legacy-peer-deps or --force.`,
      };
    }
    const committed = readFileSync(lockFile, "utf8");
    const written = readFileSync(path.join(scratch, "package-lock.json"), "utf8");
    if (written !== committed) {
      return {
        status: "failed",
        problem: "package-lock.json does not match package.json: `npm install` would rewrite it",
        detail: `${describeLockChange(JSON.parse(committed) as Lock, JSON.parse(written) as Lock)}\n  Run \`npm install\` and commit package-lock.json with package.json.`,
      };
    }
    writeFileSync(cacheFile, `${fingerprint}\n`);
    return { status: "ok" };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
