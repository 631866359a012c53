import type { QueueSpec } from "@/server/jobs/scheduler";

/**
 * The queue behind "Download my data": mutations.ts queues a build, builder.ts runs it (wired in
 * src/composition/jobs.ts). A build still active after 15 minutes (its process died) is retried twice.
 */
export const PREPARE_DATA_EXPORT_QUEUE = {
  name: "prepare-data-export",
  options: { retryLimit: 2, retryDelay: 30, expireInSeconds: 15 * 60 },
} as const satisfies QueueSpec;
