import { LRUCache } from "lru-cache";
import type { NoticeSubscriber } from "../db-notices";

// What resolveSession (session-store.ts) read for a session, remembered by this server process so
// that a signed-in request need not read it again: one SQL statement fewer on every page, vote and
// reply. Kept only while the process hears the database's notices
// (prisma/migrations/20261211090000_session_cache_notify): a session revoked, a person suspended,
// deleted, renamed or given another role is forgotten by every process as that write commits. A
// row read while a notice arrived is not kept (it may be older than the notice). Off outside
// production, where nothing listens. No "server-only": src/instrumentation.ts starts it.
//
// The state lives on globalThis: Next's route bundles and src/instrumentation.ts each load their
// own copy of this module, and both must see the one cache the listener keeps fresh.

/** The channel the triggers notify on. */
export const SESSION_CACHE_CHANNEL = "session_cache";
/** The longest a session is remembered without being read again, notices or not. */
const KEEP_MS = 60_000;

export interface RememberedSession {
  userId: string;
}

interface State {
  entries: LRUCache<string, RememberedSession> | null;
  /** The sessions remembered for each person, so a notice about a person forgets them all. */
  byUser: Map<string, Set<string>>;
  listening: boolean;
  /** Counts notices; a read remembers the count when it starts. */
  sequence: number;
}

const KEY = Symbol.for("policy-commons.session-cache");
const root = globalThis as typeof globalThis & { [KEY]?: State };

function state(): State {
  root[KEY] ??= { entries: null, byUser: new Map(), listening: false, sequence: 0 };
  return root[KEY];
}

/** Turns the cache on with room for `maxEntries` sessions (0: stays off); it keeps nothing until notices are heard. */
export function enableSessionCache(maxEntries: number) {
  const s = state();
  if (s.entries || !(maxEntries > 0)) return;
  s.entries = new LRUCache<string, RememberedSession>({
    max: maxEntries,
    ttl: KEEP_MS,
    dispose: (session, sessionId) => {
      const ids = s.byUser.get(session.userId);
      ids?.delete(sessionId);
      if (ids?.size === 0) s.byUser.delete(session.userId);
    },
  });
}

/** A mark to give `rememberSession`: taken before the row is read. */
export function sessionCacheMark(): number {
  return state().sequence;
}

export function rememberedSession<T extends RememberedSession>(sessionId: string): T | undefined {
  const s = state();
  return s.listening ? (s.entries?.get(sessionId) as T | undefined) : undefined;
}

/** Keeps what was read for `sessionId`, unless a notice arrived since `mark` (the row may predate it). */
export function rememberSession(sessionId: string, session: RememberedSession, mark: number) {
  const s = state();
  if (!s.entries || !s.listening || s.sequence !== mark) return;
  s.entries.set(sessionId, session);
  const ids = s.byUser.get(session.userId) ?? new Set<string>();
  s.byUser.set(session.userId, ids.add(sessionId));
}

/** Forgets what a notice names: "session:<id>", "user:<id>", or anything else (all). */
export function forget(notice: string) {
  const s = state();
  s.sequence += 1;
  const [kind, id] = notice.split(":", 2);
  if (kind === "session" && id) s.entries?.delete(id);
  else if (kind === "user" && id) for (const sessionId of [...(s.byUser.get(id) ?? [])]) s.entries?.delete(sessionId);
  else s.entries?.clear();
}

/**
 * Forgets a person's sessions in this process at once, for a write this process just made to them:
 * their next request (often a prefetch the answer itself triggers) may come before the database's
 * notice does. The notice still tells every other process.
 */
export function forgetSessionsOf(userId: string) {
  forget(`user:${userId}`);
}

export function setSessionCacheListening(listening: boolean) {
  const s = state();
  s.sequence += 1;
  s.entries?.clear();
  s.listening = listening;
}

export const sessionCacheSubscriber: NoticeSubscriber = {
  channel: SESSION_CACHE_CHANNEL,
  onNotice: forget,
  onListening: setSessionCacheListening,
};
