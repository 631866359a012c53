// Child processes for scripts/start.ts and scripts/test.ts. Each child gets its own process group,
// so that Ctrl-C reaches the script, which then stops things in order (Next.js, then PostgreSQL)
// and can stop a child together with the workers it started.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** A binary installed in node_modules/.bin (next, vitest, playwright, tsx). */
export const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);

const running = new Set<ChildProcess>();

export interface Running {
  child: ChildProcess;
  /** Exit code; a child ended by a signal counts as 128 + signal number. */
  exited: Promise<number>;
}

export function start(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Running {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "inherit", "inherit"], detached: true });
  running.add(child);
  const exited = new Promise<number>((resolve) => {
    child.once("error", (error) => {
      console.error(`Could not run ${command}: ${error.message}`);
      running.delete(child);
      resolve(127);
    });
    child.once("exit", (code, signal) => {
      running.delete(child);
      resolve(code ?? 128 + (signal === "SIGKILL" ? 9 : signal === "SIGINT" ? 2 : 15));
    });
  });
  return { child, exited };
}

/** Runs a command to completion; resolves to its exit code. */
export function run(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<number> {
  return start(command, args, env).exited;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Stops one child and everything it started: SIGTERM, then SIGKILL after `graceMs`. */
export async function stop(proc: Running, graceMs = 10_000): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
    signalGroup(proc.child, "SIGKILL"); // stray grandchildren
    return;
  }
  signalGroup(proc.child, "SIGTERM");
  const timer = setTimeout(() => signalGroup(proc.child, "SIGKILL"), graceMs);
  await proc.exited;
  clearTimeout(timer);
  signalGroup(proc.child, "SIGKILL");
}

/** Stops every child still running. */
export async function stopAll(graceMs = 10_000): Promise<void> {
  await Promise.all(
    [...running].map((child) =>
      stop(
        {
          child,
          exited: new Promise((r) =>
            child.exitCode !== null || child.signalCode !== null ? r(0) : child.once("exit", () => r(0)),
          ),
        },
        graceMs,
      ),
    ),
  );
}

// If a script dies without cleaning up, take its children down with it.
process.on("exit", () => {
  for (const child of running) signalGroup(child, "SIGKILL");
});

/**
 * Calls `shutdown` once on the first SIGINT/SIGTERM/SIGHUP; `shutdown` is expected to stop
 * everything and exit. Ctrl-C often arrives twice at once (from the terminal, and relayed by tsx),
 * so only a signal more than two seconds after the first forces an immediate exit.
 */
export function onSignal(shutdown: (signal: NodeJS.Signals) => void | Promise<void>) {
  let firstAt: number | undefined;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (firstAt !== undefined) {
        if (Date.now() - firstAt < 2_000) return;
        console.error("Stopping now, without cleaning up.");
        process.exit(130);
      }
      firstAt = Date.now();
      void shutdown(signal);
    });
  }
}

/** Waits until an HTTP server answers (any status), or throws when `proc` exits or time runs out. */
export async function waitForHttp(url: string, proc: Running, timeoutMs = 120_000): Promise<void> {
  let exitCode: number | undefined;
  void proc.exited.then((code) => (exitCode = code));
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (exitCode !== undefined) throw new Error(`the server exited with code ${exitCode} before it answered on ${url}`);
    try {
      const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
      await response.body?.cancel();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  throw new Error(`no answer from ${url} within ${Math.round(timeoutMs / 1000)} s`);
}

/** True when nothing listens on `port` (checked the way Next.js listens: all interfaces). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/**
 * Calls `shutdown` when the process that started this script goes away. `npm start` runs us under
 * `sh -c`, and on SIGTERM npm signals only that shell, which dies without passing it on; without
 * this the app and its database would keep running, orphaned. (Linux; elsewhere it does nothing.)
 */
export function onParentExit(shutdown: () => void | Promise<void>) {
  const parentOf = (pid: number): number | undefined => {
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may contain spaces and parentheses.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    } catch {
      return undefined;
    }
  };
  const ancestors = [process.ppid];
  const grandparent = parentOf(process.ppid);
  if (grandparent && grandparent > 1) ancestors.push(grandparent);
  if (!existsSync("/proc/self/stat")) return;
  const timer = setInterval(() => {
    // Gone, or a zombie nobody has reaped yet.
    const gone = ancestors.some((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
      } catch {
        return true;
      }
    });
    if (gone) {
      clearInterval(timer);
      void shutdown();
    }
  }, 1000);
  timer.unref();
}
