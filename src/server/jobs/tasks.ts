import "server-only";
import { db } from "@/server/db";
import { pruneRenderedMarkdown } from "@/server/markdown/rendered";
import { closeDueProposals } from "@/features/papers/closing";
import { sendDeadlineReminders } from "@/features/commissions/reminders";
import { prepareDataExportJob } from "@/features/privacy/data-export/builder";
import { expireDataExports } from "@/features/privacy/data-export/expire";

/** Work the platform does on a clock, whoever is (or is not) looking at a page. */
export type PeriodicTask = { name: string; cron: string; run: () => Promise<unknown> };

export const PERIODIC_TASKS: PeriodicTask[] = [
  // Voting periods end on their own; the proposal and paper locks make each close happen once.
  { name: "close-due-proposals", cron: "* * * * *", run: () => closeDueProposals() },
  // Rate-limit rows are only read while their window lasts; old ones are dead weight.
  { name: "prune-rate-limits", cron: "17 * * * *", run: () => db.$executeRaw`DELETE FROM rate_limits WHERE expire < (extract(epoch from now()) * 1000)::bigint` },
  // An ended session's record (when and with what browser someone signed in) is kept 30 days, no longer.
  {
    name: "prune-ended-sessions",
    cron: "23 3 * * *",
    run: () => db.$executeRaw`DELETE FROM "AuthSession" WHERE coalesce("revokedAt", "expiresAt") < now() - interval '30 days'`,
  },
  // Data archives are kept for a week; requests no worker finished within a day are given up.
  { name: "expire-data-exports", cron: "41 * * * *", run: () => expireDataExports() },
  // Commissioned papers: a week and a day before the deadline, and once it has passed; each reminder is claimed once.
  { name: "commission-deadline-reminders", cron: "17 * * * *", run: () => sendDeadlineReminders() },
  // HTML rendered by an older version of the Markdown renderer is never read again.
  { name: "prune-rendered-markdown", cron: "47 4 * * *", run: () => pruneRenderedMarkdown() },
];

/**
 * Work the platform does when someone asks for it: `enqueue(name, data)` (scheduler.ts) queues a
 * job from any process, and one worker in a process that runs jobs calls `run(data)`. `options`
 * are pg-boss queue options: a job still active after expireInSeconds (its process died) is
 * retried up to retryLimit times.
 */
export type OnDemandTask = {
  name: string;
  options: { retryLimit: number; retryDelay: number; expireInSeconds: number };
  run: (data: unknown) => Promise<unknown>;
};

export const QUEUES = [
  // "Download my data": builds a member's archive in batches, saving progress as it goes.
  { name: "prepare-data-export", options: { retryLimit: 2, retryDelay: 30, expireInSeconds: 15 * 60 }, run: (data) => prepareDataExportJob(data) },
] as const satisfies readonly OnDemandTask[];

export type QueueName = (typeof QUEUES)[number]["name"];
