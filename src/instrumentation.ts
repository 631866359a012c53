// Runs once when a server process starts (Next.js instrumentation hook), in the same process
// as the HTTP server of `next start` and `next dev`, before Next handles any request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First: from here on every request carries the client address we believe (see the file).
  // A TRUST_PROXY that is not a number of proxies stops the server here.
  const { installClientAddressHookOrStop } = await import("./server/client-address-hook");
  installClientAddressHookOrStop();
  const { startJobs } = await import("./server/jobs/scheduler");
  await startJobs();
}
