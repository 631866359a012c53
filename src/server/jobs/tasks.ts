import "server-only";
import { db } from "@/server/db";
import { closeDueProposals } from "@/features/papers/closing";

/** Work the platform does on a clock, whoever is (or is not) looking at a page. */
export type PeriodicTask = { name: string; cron: string; run: () => Promise<unknown> };

export const PERIODIC_TASKS: PeriodicTask[] = [
  // Voting periods end on their own; the proposal and paper locks make each close happen once.
  { name: "close-due-proposals", cron: "* * * * *", run: () => closeDueProposals() },
  // Rate-limit rows are only read while their window lasts; old ones are dead weight.
  { name: "prune-rate-limits", cron: "17 * * * *", run: () => db.$executeRaw`DELETE FROM rate_limits WHERE expire < (extract(epoch from now()) * 1000)::bigint` },
];
