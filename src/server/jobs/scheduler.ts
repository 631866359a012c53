import "server-only";
import PgBoss from "pg-boss";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { logError, logInfo } from "@/server/log";
import { handleShutdownSignals } from "@/server/shutdown";

/** Work the platform does on a clock, whoever is (or is not) looking at a page. */
export type PeriodicTask = { name: string; cron: string; run: () => Promise<unknown> };

/**
 * An on-demand queue: `enqueue(queue, data)` queues a job from any process, and one worker in a
 * process that runs jobs calls `run(data)`. `options` are pg-boss queue options: a job still
 * active after expireInSeconds (its process died) is retried up to retryLimit times.
 */
export type QueueSpec = { name: string; options: { retryLimit: number; retryDelay: number; expireInSeconds: number } };
export type OnDemandTask = QueueSpec & { run: (data: unknown) => Promise<unknown> };

/** The tasks to run: handed in by the composition root (src/composition/jobs.ts); this file knows no feature. */
export type JobList = { periodic: PeriodicTask[]; queues: OnDemandTask[] };

// pg-boss keeps its queues and cron schedules in PostgreSQL (schema "pgboss"), so every server
// process can run this: a scheduled task is queued once per tick across all of them, and each
// queued job is handed to exactly one worker. On-demand jobs (queues) may be queued by any
// process, also one with JOBS_ENABLED=0; they wait in PostgreSQL until a process that runs jobs
// takes them, so at least one server process must run with jobs enabled.

// Next.js bundles instrumentation (which starts the jobs) apart from pages and Server Actions, so
// each bundle has its own copy of this module: the running instance lives on globalThis, where
// a Server Action (enqueue, jobsRunHere) finds the one instrumentation started.
const shared = globalThis as typeof globalThis & { __policyCommonsBoss?: PgBoss };
const running = {
  get boss() {
    return shared.__policyCommonsBoss;
  },
  set boss(instance: PgBoss | undefined) {
    shared.__policyCommonsBoss = instance;
  },
};

/** Starts the jobs in this process; pages keep working if it fails (pages close due proposals too). */
export async function startJobs(jobs: JobList) {
  // Every Next.js server process comes through here (src/instrumentation.ts), with jobs or without.
  // The sequence relies on Next's own signal handler to drain HTTP, so only under Next.
  if (process.env.NEXT_RUNTIME === "nodejs")
    handleShutdownSignals({ stopWork: stopJobs, closeConnections: () => db.$disconnect() }, logInfo);
  try {
    await startBoss(jobs);
  } catch (error) {
    logError("background jobs did not start", error);
  }
}

async function startBoss({ periodic, queues }: JobList) {
  if (running.boss || env().JOBS_ENABLED === "0") return;
  const instance = new PgBoss({ ...connection(), max: 2, application_name: "policy-commons-jobs" });
  instance.on("error", (error) => logError("job queue error", error));
  await instance.start();
  for (const task of periodic) {
    await instance.createQueue(task.name);
    await instance.schedule(task.name, task.cron, {}, { singletonKey: task.name, retryLimit: 0, expireInSeconds: 300 });
    await instance.work(task.name, async () => {
      const result = await task.run();
      logInfo("job ran", { job: task.name, result: Array.isArray(result) ? result.length : result });
    });
  }
  for (const queue of queues) {
    await instance.createQueue(queue.name, { name: queue.name, ...queue.options });
    // One job at a time per process: an archive build holds a batch and the compressed archive in memory.
    await instance.work<object>(queue.name, { batchSize: 1 }, async (jobs) => {
      for (const job of jobs) {
        const result = await queue.run(job.data);
        logInfo("job ran", { job: queue.name, id: job.id, result });
      }
    });
  }
  running.boss = instance;
  logInfo("background jobs started", { tasks: periodic.map((t) => t.name), queues: queues.map((q) => q.name) });
}

const connection = () => ({ connectionString: env().DATABASE_URL, schema: "pgboss" });

/**
 * Queues one run of an on-demand task and returns the job id; throws if it could not be queued.
 * A process that runs jobs sends through its own pg-boss; any other (JOBS_ENABLED=0, or its jobs
 * failed to start) opens a short-lived sender that runs no workers and no schedules.
 */
export async function enqueue(queue: QueueSpec, data: object): Promise<string> {
  if (running.boss) return send(running.boss, queue, data);
  const sender = new PgBoss({
    ...connection(),
    max: 1,
    schedule: false,
    supervise: false,
    application_name: "policy-commons-sender",
  });
  sender.on("error", (error) => logError("job queue error", error));
  await sender.start();
  try {
    // The queue may not exist yet if no process has run jobs on this database.
    await sender.createQueue(queue.name, { name: queue.name, ...queue.options });
    return await send(sender, queue, data);
  } finally {
    await sender.stop({ graceful: false });
  }
}

/** Whether this process runs the background jobs (pg-boss started here). */
export function jobsRunHere(): boolean {
  return !!running.boss;
}

async function send(instance: PgBoss, queue: QueueSpec, data: object) {
  // pg-boss quietly drops jobs for queues it does not know; that must not pass for success.
  const id = await instance.send(queue.name, data);
  if (!id) throw new Error(`The job queue did not accept a "${queue.name}" job.`);
  return id;
}

/**
 * Stops taking jobs and waits up to 15 s for the running ones (within the 25 s shutdown deadline);
 * pg-boss then marks any still running as failed, so that another process retries them.
 */
export async function stopJobs() {
  const instance = running.boss;
  running.boss = undefined;
  await instance?.stop({ graceful: true, timeout: 15_000 });
}
