// Runs once when a server process starts (Next.js instrumentation hook), in the same process
// as the HTTP server of `next start` and `next dev`, before Next handles any request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First: from here on every request carries the client address we believe (see the file).
  const { installClientAddressHook } = await import("./server/client-address-hook");
  try {
    installClientAddressHook();
  } catch (error) {
    // A TRUST_PROXY that is not a number of proxies: stop rather than serve with the wrong trust
    // (Next would keep the process up, answering every request with a 500).
    console.error(`\n${error instanceof Error ? error.message : String(error)}\nThe server stops.\n`);
    process.exit(1);
  }
  const { startJobs } = await import("./server/jobs/scheduler");
  await startJobs();
}
