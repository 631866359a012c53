import pg from "pg";

// One connection per server process LISTENing for the notices database triggers send when a write
// commits (the page cache's, prisma/migrations/20261207090000_page_cache_notify; the session
// cache's, 20261211090000_session_cache_notify). Each subscriber is told when it can rely on the
// notices (listening) and when it cannot (the connection is down: notices sent meanwhile are lost,
// so whatever it kept may be stale). No "server-only": src/instrumentation.ts loads it. This
// connection must reach PostgreSQL directly: a pooler in transaction mode (PgBouncer) does not
// carry LISTEN.

export interface Logs {
  info: (message: string, fields?: Record<string, unknown>) => void;
  error: (message: string, error: unknown, fields?: Record<string, unknown>) => void;
}

export interface NoticeSubscriber {
  /** The channel the triggers notify on; a plain identifier. */
  channel: string;
  onNotice: (payload: string) => void;
  /** True once notices are heard; false whenever they may have been missed. */
  onListening: (listening: boolean) => void;
}

/**
 * How often the listening connection must show it still answers, and how long it has to: a
 * connection that hangs without closing (a stalled server, a firewall dropping an idle socket)
 * would otherwise leave the caches trusting notices that never come.
 */
const HEARTBEAT_MS = 2_000;
const HEARTBEAT_TIMEOUT_MS = 2_000;

export function listenForNotices(
  subscribers: NoticeSubscriber[],
  databaseUrl: string,
  log: Logs,
): { stop: () => Promise<void> } {
  let client: pg.Client | null = null;
  let stopped = false;
  let retryMs = 500;
  let attempt = 0;
  let lostSince: number | null = null;
  let heartbeat: NodeJS.Timeout | undefined;
  const what = subscribers.map((s) => s.channel).join(", ");
  const tellAll = (listening: boolean) => {
    for (const subscriber of subscribers) subscriber.onListening(listening);
  };

  const connect = async () => {
    if (stopped) return;
    const mine = ++attempt;
    const next = new pg.Client({
      connectionString: databaseUrl,
      application_name: "policy-commons notices",
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
    });
    client = next;
    const lost = (error?: Error) => {
      if (mine !== attempt || stopped) return;
      attempt += 1; // this connection is finished with; later events from it are ignored
      clearInterval(heartbeat);
      tellAll(false);
      // Once per outage: the retries that follow fail the same way.
      if (lostSince === null)
        log.error(
          `database notices (${what}): lost the connection; the caches keep and serve nothing until it is back`,
          error ?? "the connection ended",
        );
      lostSince ??= Date.now();
      void next.end().catch(() => undefined);
      setTimeout(() => void connect(), retryMs).unref();
      retryMs = Math.min(retryMs * 2, 30_000);
    };
    const beat = () => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("the listening connection stopped answering")), HEARTBEAT_TIMEOUT_MS);
      });
      Promise.race([next.query("SELECT 1"), late])
        .catch((error: Error) => lost(error))
        .finally(() => clearTimeout(timer));
    };
    next.on("notification", (message) => {
      if (!message.payload) return;
      for (const subscriber of subscribers)
        if (subscriber.channel === message.channel) subscriber.onNotice(message.payload);
    });
    next.on("error", lost);
    next.on("end", () => lost());
    try {
      await next.connect();
      for (const { channel } of subscribers) await next.query(`LISTEN ${channel}`);
      if (mine !== attempt || stopped) {
        await next.end().catch(() => undefined);
        return;
      }
      tellAll(true);
      heartbeat = setInterval(beat, HEARTBEAT_MS).unref();
      retryMs = 500;
      if (lostSince !== null)
        log.info(`database notices (${what}): listening again; the caches start empty`, {
          downMs: Date.now() - lostSince,
        });
      lostSince = null;
    } catch (error) {
      lost(error as Error);
    }
  };

  void connect();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(heartbeat);
      tellAll(false);
      await client?.end().catch(() => undefined);
    },
  };
}
