// Runs once when a server process starts (Next.js instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Markdown renders on worker threads: start them now, so no member waits for one to load.
  const { warmMarkdownWorkers } = await import("./server/markdown/worker-pool");
  warmMarkdownWorkers();
  const { startJobs } = await import("./server/jobs/scheduler");
  await startJobs();
}
