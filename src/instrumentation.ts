// Runs once when a server process starts (Next.js instrumentation hook), in the same process
// as the HTTP server of `next start` and `next dev`, before Next handles any request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Production needs its public address (NEXTAUTH_URL) before it builds a single link.
  const { checkSiteOriginOrStop } = await import("./server/site-origin-check");
  checkSiteOriginOrStop(process.env);
  // The page cache for signed-out readers sees each request after the client-address hook below
  // has rewritten its forwarding headers (the hook installed last runs first). Signed-in requests
  // find their session remembered; the database tells both caches what changed.
  const { startCaches } = await import("./server/caches-start");
  const { logError, logInfo } = await import("./server/log");
  startCaches(process.env, { info: logInfo, error: logError });
  // Votes through the JSON API and replies from the composer are answered before Next.js too
  // (src/server/fast-path.ts says which requests, and why).
  const { installFastPaths } = await import("./composition/fast-paths/install");
  installFastPaths();
  // A write that declares more than 1 MB is refused before anything waits for its body.
  const { installBodyLimitHook } = await import("./server/body-limit-hook");
  installBodyLimitHook();
  // From here on every request carries the client address we believe (see the file).
  // A TRUST_PROXY that is not a number of proxies stops the server here.
  const { installClientAddressHookOrStop } = await import("./server/client-address-hook");
  installClientAddressHookOrStop();
  // Markdown renders on worker threads: start them now, so no member waits for one to load.
  const { warmMarkdownWorkers } = await import("./server/markdown/worker-pool");
  warmMarkdownWorkers();
  const { startJobs } = await import("./server/jobs/scheduler");
  const { JOBS } = await import("./composition/jobs");
  await startJobs(JOBS);
}
