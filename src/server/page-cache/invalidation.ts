import { type Logs, listenForNotices, type NoticeSubscriber } from "../db-notices";
import type { PageStore } from "./store";
import { CHANNEL } from "./tags";

// The page cache hears of committed writes through the notices of the database's triggers
// (prisma/migrations/20261207090000_page_cache_notify). While they cannot be heard the cache
// serves and keeps nothing, and it starts empty when they can again, since notices sent meanwhile
// are lost.

export function pageCacheSubscriber(store: PageStore): NoticeSubscriber {
  return {
    channel: CHANNEL,
    onNotice: (tag) => store.invalidate(tag),
    onListening: (listening) => store.setListening(listening),
  };
}

/** A listening connection for this store alone (tests stand for several processes with it). */
export function listenForInvalidations(store: PageStore, databaseUrl: string, log: Logs) {
  return listenForNotices([pageCacheSubscriber(store)], databaseUrl, log);
}
