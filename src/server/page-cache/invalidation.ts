import pg from "pg";
import type { PageStore } from "./store";
import { CHANNEL } from "./tags";

// Keeps one connection per process LISTENing for the notices the database's triggers send when a
// write commits (prisma/migrations/20261207090000_page_cache_notify). While it is down the cache
// serves and keeps nothing, and it starts empty when it is back, since notices sent meanwhile
// are lost. This connection must reach PostgreSQL directly: a pooler in transaction mode
// (PgBouncer) does not carry LISTEN.

export interface Logs {
  info: (message: string, fields?: Record<string, unknown>) => void;
  error: (message: string, error: unknown, fields?: Record<string, unknown>) => void;
}

export function listenForInvalidations(
  store: PageStore,
  databaseUrl: string,
  log: Logs,
): { stop: () => Promise<void> } {
  let client: pg.Client | null = null;
  let stopped = false;
  let retryMs = 500;
  let attempt = 0;
  let lostSince: number | null = null;

  const connect = async () => {
    if (stopped) return;
    const mine = ++attempt;
    const next = new pg.Client({ connectionString: databaseUrl, application_name: "policy-commons page cache" });
    client = next;
    const lost = (error?: Error) => {
      if (mine !== attempt || stopped) return;
      attempt += 1; // this connection is finished with; later events from it are ignored
      store.setListening(false);
      lostSince ??= Date.now();
      log.error(
        "page cache: lost its database connection; serving nothing from the cache until it is back",
        error ?? "the connection ended",
        {
          retryInMs: retryMs,
        },
      );
      void next.end().catch(() => undefined);
      setTimeout(() => void connect(), retryMs).unref();
      retryMs = Math.min(retryMs * 2, 30_000);
    };
    next.on("notification", (message) => {
      if (message.channel === CHANNEL && message.payload) store.invalidate(message.payload);
    });
    next.on("error", lost);
    next.on("end", () => lost());
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
      if (mine !== attempt || stopped) {
        await next.end().catch(() => undefined);
        return;
      }
      store.setListening(true);
      retryMs = 500;
      if (lostSince !== null)
        log.info("page cache: listening again; the cache starts empty", { downMs: Date.now() - lostSince });
      lostSince = null;
    } catch (error) {
      lost(error as Error);
    }
  };

  void connect();
  return {
    stop: async () => {
      stopped = true;
      store.setListening(false);
      await client?.end().catch(() => undefined);
    },
  };
}
