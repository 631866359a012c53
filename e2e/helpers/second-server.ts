// A second production server from the same build and database as the one `npm test` started,
// for tests of running more than one server process (e2e/multi-server.spec.ts).
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { productionServerEnv } from "../../scripts/lib/server-env";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** What the first server got from scripts/test.ts and a second one must share (see its runE2e). */
export const SHARED_ENV = ["DATABASE_URL", "NEXTAUTH_SECRET", "NEXTAUTH_URL", "RATE_LIMIT_MULTIPLIER"] as const;

export interface SecondServer {
  url: string;
  /** The server's recent output (its JSON logs), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

// Runs `next start` and stops it when its stdin closes, i.e. when the Playwright worker that
// started it is gone, however it went (even SIGKILL): no server outlives the test run.
const WATCHDOG = `
const { spawn } = require("node:child_process");
const server = spawn(process.argv[1], process.argv.slice(2), { stdio: ["ignore", "inherit", "inherit"] });
const stop = () => server.kill("SIGTERM");
process.stdin.on("end", stop).on("error", stop).resume();
process.on("SIGTERM", stop);
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
`;

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Starts `next start` on a free port with the first server's environment (and `overrides`, e.g.
 * another TRUST_PROXY or RATE_LIMIT_MULTIPLIER; "" unsets a variable) and waits until it answers.
 */
export async function startSecondServer(
  timeoutMs = 90_000,
  overrides: Record<string, string> = {},
): Promise<SecondServer> {
  const missing = SHARED_ENV.filter((name) => name !== "RATE_LIMIT_MULTIPLIER" && !process.env[name]);
  if (missing.length) throw new Error(`A second server needs ${missing.join(", ")} as npm test passes them.`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const next = path.join(ROOT, "node_modules", ".bin", "next");
  // The same environment as the first server, NEXTAUTH_URL included: behind a load balancer
  // every replica has the one public address.
  const env: NodeJS.ProcessEnv = productionServerEnv({ ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...overrides });
  const child = spawn(process.execPath, ["-e", WATCHDOG, next, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env,
    detached: true, // its own process group, so stop() takes next and its workers down together
    stdio: ["pipe", "pipe", "pipe"],
  });
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const killOnExit = () => signalGroup(child, "SIGKILL");
  process.once("exit", killOnExit);

  const stop = async () => {
    process.removeListener("exit", killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      signalGroup(child, "SIGTERM");
      const timer = setTimeout(() => signalGroup(child, "SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    signalGroup(child, "SIGKILL"); // anything left in the group
  };

  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    try {
      const response = await fetch(`${url}/`, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
      await response.body?.cancel();
      return { url, output: () => log, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  await stop();
  throw new Error(`The second server did not answer on ${url}.\n${log}`);
}
