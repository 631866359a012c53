import "server-only";
import PgBoss from "pg-boss";
import { env } from "@/server/env";
import { logError, logInfo } from "@/server/log";
import { PERIODIC_TASKS } from "./tasks";

// pg-boss keeps its queues and cron schedules in PostgreSQL (schema "pgboss"), so every server
// process can run this: a scheduled task is queued once per tick across all of them, and each
// queued job is handed to exactly one worker.

let boss: PgBoss | undefined;

/** Starts the jobs in this process; pages keep working if it fails (proposals also close on read). */
export async function startJobs() {
  try {
    await startBoss();
  } catch (error) {
    logError("background jobs did not start", error);
  }
}

async function startBoss() {
  if (boss || env().JOBS_ENABLED === "0") return;
  const instance = new PgBoss({ connectionString: env().DATABASE_URL, schema: "pgboss", max: 2, application_name: "policy-commons-jobs" });
  instance.on("error", (error) => logError("job queue error", error));
  await instance.start();
  for (const task of PERIODIC_TASKS) {
    await instance.createQueue(task.name);
    await instance.schedule(task.name, task.cron, {}, { singletonKey: task.name, retryLimit: 0, expireInSeconds: 300 });
    await instance.work(task.name, async () => {
      const result = await task.run();
      logInfo("job ran", { job: task.name, result: Array.isArray(result) ? result.length : result });
    });
  }
  boss = instance;
  process.once("SIGTERM", () => void stopJobs());
  logInfo("background jobs started", { tasks: PERIODIC_TASKS.map((t) => t.name) });
}

export async function stopJobs() {
  const running = boss;
  boss = undefined;
  await running?.stop({ graceful: true, timeout: 10_000 });
}
