import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Runs one periodic task now (scripts/run-task.ts) against the e2e database, as `npm run task` would. */
export function runTask(name: string): unknown {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const out = execFileSync(
    path.join(root, "node_modules/.bin/tsx"),
    ["--conditions=react-server", path.join(root, "scripts/run-task.ts"), name],
    { cwd: root, env: process.env, encoding: "utf8", timeout: 60_000 },
  );
  const line = out.trim().split("\n").at(-1) ?? "{}";
  return JSON.parse(line).result;
}
