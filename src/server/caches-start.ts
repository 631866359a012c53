// Starts the caches a server process keeps in memory, and the one connection that tells them what
// changed (db-notices.ts). Called by src/instrumentation.ts; no "server-only". Off under
// `next dev`, where pages change as the code does.
import { enableSessionCache, sessionCacheSubscriber } from "./auth/session-cache";
import { type Logs, listenForNotices, type NoticeSubscriber } from "./db-notices";
import { startPageCache } from "./page-cache/start";

/**
 * PAGE_CACHE_MB, PAGE_CACHE_TTL_SECONDS: the page cache for signed-out readers (page-cache/start.ts).
 * SESSION_CACHE_ENTRIES (default 20000; 0 turns it off): sessions remembered (auth/session-cache.ts).
 * PAGE_CACHE_DATABASE_URL (default DATABASE_URL): where both LISTEN; a transaction-mode pooler
 * cannot carry LISTEN.
 */
export function startCaches(env: NodeJS.ProcessEnv, log: Logs) {
  const listenUrl = env.PAGE_CACHE_DATABASE_URL || env.DATABASE_URL;
  if (env.NODE_ENV !== "production" || !listenUrl) return;
  const subscribers: NoticeSubscriber[] = [];
  const pages = startPageCache({
    megabytes: setting(env, "PAGE_CACHE_MB", 64),
    ttlSeconds: setting(env, "PAGE_CACHE_TTL_SECONDS", 60),
  });
  if (pages) subscribers.push(pages);
  const sessions = Math.round(setting(env, "SESSION_CACHE_ENTRIES", 20_000));
  if (sessions > 0) {
    enableSessionCache(sessions);
    subscribers.push(sessionCacheSubscriber);
  }
  if (subscribers.length > 0) listenForNotices(subscribers, listenUrl, log);
}

/** A number of 0 or more from the environment; a typo stops the server rather than silently choosing. */
function setting(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (Number.isFinite(value) && value >= 0) return value;
  console.error(`\n${name} must be a number of 0 or more; it is ${JSON.stringify(raw)}.\nThe server stops.\n`);
  process.exit(1);
}
