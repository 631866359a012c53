import "server-only";
import { closeDueProposals } from "@/composition/decisions";
import { sendDeadlineReminders } from "@/features/commissions/reminders";
import { sendDigests } from "@/features/notifications/digest";
import { prepareDataExportJob } from "@/features/privacy/data-export/builder";
import { expireDataExports } from "@/features/privacy/data-export/expire";
import { PREPARE_DATA_EXPORT_QUEUE } from "@/features/privacy/data-export/queue";
import { sendClosingReminders } from "@/features/proposals/closing-reminders";
import { sendVoteDigests } from "@/features/proposals/vote-digest";
// The composition root's job list: what pg-boss runs, and when. src/server/jobs/scheduler.ts is
// the machinery (it knows no feature); src/instrumentation.ts starts it with this list.
import { db } from "@/server/db";
import { deliverDueEmails } from "@/server/email/deliver";
import { pruneOutbox } from "@/server/email/prune";
import type { JobList, OnDemandTask, PeriodicTask } from "@/server/jobs/scheduler";
import { pruneRenderedMarkdown } from "@/server/markdown/rendered";

export const PERIODIC_TASKS: PeriodicTask[] = [
  // Voting periods end on their own; the proposal and paper locks make each close happen once.
  { name: "close-due-proposals", cron: "* * * * *", run: () => closeDueProposals() },
  // Proposers hear of votes on their proposals: every few minutes, at most once an hour per proposal.
  { name: "proposal-vote-digests", cron: "*/5 * * * *", run: () => sendVoteDigests() },
  // A day before voting closes, followers who may vote and have not are reminded, once per proposal.
  { name: "proposal-closing-reminders", cron: "*/10 * * * *", run: () => sendClosingReminders() },
  // Rate-limit rows are only read while their window lasts; old ones are dead weight.
  {
    name: "prune-rate-limits",
    cron: "17 * * * *",
    run: () => db.$executeRaw`DELETE FROM rate_limits WHERE expire < (extract(epoch from now()) * 1000)::bigint`,
  },
  // An ended session's record (when and with what browser someone signed in) is kept 30 days, no longer.
  {
    name: "prune-ended-sessions",
    cron: "23 3 * * *",
    run: () =>
      db.$executeRaw`DELETE FROM "AuthSession" WHERE coalesce("revokedAt", "expiresAt") < now() - interval '30 days'`,
  },
  // Data archives are kept for a week; requests no worker finished within a day are given up.
  { name: "expire-data-exports", cron: "41 * * * *", run: () => expireDataExports() },
  // Commissioned papers: a week and a day before the deadline, and once it has passed; each reminder is claimed once.
  { name: "commission-deadline-reminders", cron: "17 * * * *", run: () => sendDeadlineReminders() },
  // HTML rendered by an older version of the Markdown renderer is never read again.
  { name: "prune-rendered-markdown", cron: "47 4 * * *", run: () => pruneRenderedMarkdown() },
  // Mail goes out as soon as it is queued (server/email/mailer.ts); this sweep sends what a process
  // without jobs, a retry after a temporary failure, or a process that died left behind.
  { name: "sweep-outbox", cron: "* * * * *", run: () => deliverDueEmails() },
  // Sent mail and used or expired links are kept a while for support questions, then removed.
  { name: "prune-outbox", cron: "31 4 * * *", run: () => pruneOutbox() },
  // Daily and weekly digests go out at most once per period per member, when there is something new.
  { name: "send-digests", cron: "7 * * * *", run: () => sendDigests() },
];

export const QUEUES = [
  // "Download my data": builds a member's archive in batches, saving progress as it goes.
  { ...PREPARE_DATA_EXPORT_QUEUE, run: (data) => prepareDataExportJob(data) },
] satisfies OnDemandTask[];

/** Everything startJobs runs in a process with jobs enabled. */
export const JOBS: JobList = { periodic: PERIODIC_TASKS, queues: QUEUES };
