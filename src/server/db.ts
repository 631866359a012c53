import "server-only";
import { PrismaClient } from "@/generated/prisma/client";
import { env } from "./env";
import { SerialisedPrismaPg } from "./pg-adapter";

// One client per server process. pg's pool ignores Prisma URL parameters such as
// connection_limit, so the pool is sized here (DATABASE_POOL_SIZE). Transactions send their
// queries one at a time, Prisma's own included (pg-adapter.ts).
function createClient() {
  const adapter = new SerialisedPrismaPg({ connectionString: env().DATABASE_URL, max: env().DATABASE_POOL_SIZE });
  // Password hashes never leave the data layer unless a query asks for them by name.
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
}

const globalForPrisma = globalThis as unknown as { prisma?: ReturnType<typeof createClient> };

export const db = globalForPrisma.prisma ?? createClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = db;

export type Db = typeof db;

/**
 * Options for transactions that queue on a row lock many people share (votes on one proposal,
 * changes to one paper). Each waiter holds a pooled connection, so in a burst the wait for a
 * connection, not the work, is what takes time: Prisma's default 2 s maxWait failed votes in a
 * burst of 60 with an internal error.
 */
export const QUEUED_TRANSACTION = { maxWait: 15_000, timeout: 15_000 };
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
