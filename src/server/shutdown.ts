// Graceful shutdown of a server process.
//
// `next start` handles SIGTERM and SIGINT itself: it stops accepting connections, waits for the
// requests in flight, then calls process.exit. It has no deadline and knows nothing of our
// background jobs or database pools. This adds, in order:
//   on the signal      readiness turns 503 (/api/health/ready), pg-boss stops taking jobs and
//                      lets the running ones finish;
//   when Next exits    (every request has been answered) wait for the jobs, close the pools, exit 0;
//   after 25 s         exit 1 whatever is still running (orchestrators kill at 30 s by default).

/** Longest a shutdown may take; keep the orchestrator's grace period (Kubernetes: 30 s) above it. */
export const SHUTDOWN_DEADLINE_MS = 25_000;

// On globalThis: Next may load this module once for instrumentation and again for the routes.
type State = { since?: number; installed?: boolean };
const KEY = Symbol.for("policy-commons.shutdown");
const shared = globalThis as Record<symbol, State>;
shared[KEY] ??= {};
const state: State = shared[KEY];

/** True from the first SIGTERM/SIGINT on: the load balancer should stop sending requests here. */
export function isShuttingDown(): boolean {
  return state.since !== undefined;
}

export interface ShutdownSteps {
  /** Stops background work; starts at the signal, runs alongside the HTTP drain. */
  stopWork: () => Promise<void>;
  /** Closes database pools; runs only once no request can need them. */
  closeConnections: () => Promise<void>;
}

interface Options {
  exit: (code: number) => void;
  deadlineMs?: number;
  log?: (message: string, fields?: Record<string, unknown>) => void;
}

/** The order of a shutdown, apart from the process: `begin` at the signal, `finish` when HTTP has drained. */
export function shutdownSequence(
  steps: ShutdownSteps,
  { exit, deadlineMs = SHUTDOWN_DEADLINE_MS, log = () => {} }: Options,
) {
  let workStopped: Promise<boolean> | undefined;
  let finishing: Promise<void> | undefined;
  const attempt = (what: string, step: () => Promise<void>) =>
    step().then(
      () => true,
      (error: unknown) => {
        log(`shutdown: ${what} failed`, { error: error instanceof Error ? error.message : String(error) });
        return false;
      },
    );

  return {
    begin(signal: string) {
      if (workStopped) return;
      state.since = Date.now();
      log("shutting down: draining requests", { signal, deadlineMs });
      workStopped = attempt("stopping background jobs", steps.stopWork);
      setTimeout(() => {
        log("shutdown deadline passed: exiting with work unfinished");
        exit(1);
      }, deadlineMs).unref?.();
    },
    /** Runs once; later calls wait for the first. */
    finish(): Promise<void> {
      finishing ??= (async () => {
        const stopped = await (workStopped ?? Promise.resolve(true));
        const closed = await attempt("closing database connections", steps.closeConnections);
        log("shut down", { clean: stopped && closed });
        exit(stopped && closed ? 0 : 1);
      })();
      return finishing;
    },
  };
}

/**
 * Installs the sequence in this process (once). Next's signal handler calls process.exit when the
 * last request is answered; from the signal on, that call runs `finish` first.
 */
export function handleShutdownSignals(steps: ShutdownSteps, log?: Options["log"]) {
  if (state.installed) return;
  state.installed = true;
  const realExit = process.exit.bind(process) as (code: number) => never;
  const sequence = shutdownSequence(steps, { exit: realExit, log });
  const onSignal = (signal: NodeJS.Signals) => {
    sequence.begin(signal);
    process.exit = (() => void sequence.finish()) as typeof process.exit;
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
