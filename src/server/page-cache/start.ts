// Starts the page cache in a server process (src/instrumentation.ts). No "server-only".
import { installPageCacheHook } from "./hook";
import type { Logs } from "./invalidation";
import { listenForInvalidations } from "./invalidation";
import { PageStore } from "./store";

/**
 * PAGE_CACHE_MB (default 64; 0 turns the cache off) bounds the memory the kept pages take;
 * PAGE_CACHE_DATABASE_URL (default DATABASE_URL) is where it LISTENs for invalidations;
 * PAGE_CACHE_TTL_SECONDS (default 60) bounds how long one is kept even if nothing changes, which is
 * as stale as a relative time ("5 minutes ago") or a closing countdown on a cached page can get.
 * Off under `next dev`, where pages change as the code does.
 */
export function startPageCache(env: NodeJS.ProcessEnv, log: Logs) {
  const megabytes = setting(env, "PAGE_CACHE_MB", 64);
  const ttlSeconds = setting(env, "PAGE_CACHE_TTL_SECONDS", 60);
  // LISTEN needs a session of its own: a transaction-mode pooler cannot carry it.
  const listenUrl = env.PAGE_CACHE_DATABASE_URL || env.DATABASE_URL;
  if (env.NODE_ENV !== "production" || !listenUrl || !(megabytes > 0) || !(ttlSeconds > 0)) return;
  const store = new PageStore({ maxBytes: Math.round(megabytes * 1024 * 1024), ttlMs: ttlSeconds * 1000 });
  if (installPageCacheHook(store)) listenForInvalidations(store, listenUrl, log);
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
