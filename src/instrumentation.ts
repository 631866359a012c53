// Runs once when a server process starts (Next.js instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startJobs, stopJobs } = await import("./server/jobs/scheduler");
  const { logError } = await import("./server/log");
  try {
    await startJobs();
  } catch (error) {
    // Pages still work without the jobs (proposals also close when their page is read); say so loudly.
    logError("background jobs did not start", error);
  }
  process.once("SIGTERM", () => void stopJobs());
}
