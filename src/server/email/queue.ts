import type { QueueSpec } from "../jobs/scheduler";

/** "Deliver what is due in the outbox now": queued after a commit that wrote mail. */
export const DELIVER_EMAIL_QUEUE: QueueSpec = {
  name: "deliver-email",
  // The job only starts a sweep; a lost one is made good by the next minute's sweep.
  options: { retryLimit: 0, retryDelay: 0, expireInSeconds: 600 },
};
