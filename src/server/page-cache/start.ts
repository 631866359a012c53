// Starts the page cache in a server process (src/server/caches-start.ts). No "server-only".
import type { NoticeSubscriber } from "../db-notices";
import { installPageCacheHook } from "./hook";
import { pageCacheSubscriber } from "./invalidation";
import { PageStore } from "./store";

/**
 * PAGE_CACHE_MB (default 64; 0 turns the cache off) bounds the memory the kept pages take;
 * PAGE_CACHE_TTL_SECONDS (default 60) bounds how long one is kept even if nothing changes, which is
 * as stale as a relative time ("5 minutes ago") or a closing countdown on a cached page can get.
 * Returns what must hear the database's notices, or null when the cache is off.
 */
export function startPageCache(settings: { megabytes: number; ttlSeconds: number }): NoticeSubscriber | null {
  if (!(settings.megabytes > 0) || !(settings.ttlSeconds > 0)) return null;
  const store = new PageStore({
    maxBytes: Math.round(settings.megabytes * 1024 * 1024),
    ttlMs: settings.ttlSeconds * 1000,
  });
  return installPageCacheHook(store) ? pageCacheSubscriber(store) : null;
}
