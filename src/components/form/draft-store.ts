// Unsent drafts, kept in this browser's localStorage so that a reload, a crash or a stray link
// loses nothing. One entry per form and page, keyed by the signed-in account too, so that on a
// shared computer one person's draft is never shown to the next (and signing out clears them all).
// Storage may be full, switched off or throw on every call (private windows, quotas): each function
// here then does nothing, and the form goes on working as if drafts did not exist.

/** Every key starts with this, so drafts can be found and cleared without touching anything else. */
export const DRAFT_PREFIX = "pc-draft:v1:";
/** A draft older than this is dropped unread. */
export const DRAFT_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** At most this many drafts are kept; the oldest go first. */
export const MAX_DRAFTS = 40;
/** Characters of one draft (the server refuses forms over 1 MB anyway). */
export const MAX_DRAFT_CHARS = 200_000;

export type DraftFields = Record<string, string>;
export type Draft = { savedAt: number; fields: DraftFields };

/** The part of Storage used here, so tests can pass a fake one. */
export type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;

/** The key of one form's draft: account, page and form. */
export function draftKey(account: string, page: string, form: string): string {
  return `${DRAFT_PREFIX}${account}:${page}#${form}`;
}

/** Query parameters that say where a list or a notice is, not which form the page shows. */
const VOLATILE_QUERY = new Set(["page", "posted", "created", "updated", "saved", "sent", "callbackUrl"]);

/**
 * The page part of a draft's key: the path and the query parameters that choose what the form is
 * about (`?kind=AMEND_SECTION&section=…`), sorted so their order does not matter. Paging and
 * one-off notices are left out, so a draft follows the form, not the screen it was typed on.
 */
export function draftPage(pathname: string, search: string): string {
  const params = [...new URLSearchParams(search)].filter(([name]) => !VOLATILE_QUERY.has(name));
  if (params.length === 0) return pathname;
  params.sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1));
  return `${pathname}?${new URLSearchParams(params).toString()}`;
}

/** The browser's localStorage, or null where it cannot be reached (blocked, server side). */
export function browserStorage(): DraftStorage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

function parse(raw: string | null): Draft | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Draft>;
    if (typeof value.savedAt !== "number" || !value.fields || typeof value.fields !== "object") return null;
    const fields: DraftFields = {};
    for (const [name, text] of Object.entries(value.fields)) if (typeof text === "string") fields[name] = text;
    return { savedAt: value.savedAt, fields };
  } catch {
    return null;
  }
}

function draftKeys(storage: DraftStorage): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i += 1) {
    const key = storage.key(i);
    if (key?.startsWith(DRAFT_PREFIX)) keys.push(key);
  }
  return keys;
}

/** Drops expired and unreadable drafts, then the oldest beyond `keep`. Returns how many remain. */
export function pruneDrafts(storage: DraftStorage, now: number, keep = MAX_DRAFTS): number {
  try {
    const live: { key: string; savedAt: number }[] = [];
    for (const key of draftKeys(storage)) {
      const draft = parse(storage.getItem(key));
      if (!draft || now - draft.savedAt > DRAFT_TTL_MS) storage.removeItem(key);
      else live.push({ key, savedAt: draft.savedAt });
    }
    live.sort((a, b) => a.savedAt - b.savedAt);
    while (live.length > keep) {
      const oldest = live.shift();
      if (oldest) storage.removeItem(oldest.key);
    }
    return live.length;
  } catch {
    return 0;
  }
}

/** The draft under `key`, unless it has expired (then it is removed). */
export function loadDraft(storage: DraftStorage | null, key: string, now: number): Draft | null {
  if (!storage) return null;
  try {
    const draft = parse(storage.getItem(key));
    if (draft && now - draft.savedAt <= DRAFT_TTL_MS) return draft;
    if (draft) storage.removeItem(key);
    return null;
  } catch {
    return null;
  }
}

/**
 * Keeps the fields under `key`. A full storage makes room by dropping the oldest drafts and tries
 * once more; a draft too large to keep is not kept. Returns whether it was stored.
 */
export function saveDraft(storage: DraftStorage | null, key: string, fields: DraftFields, now: number): boolean {
  if (!storage || stopped) return false;
  const size = Object.values(fields).reduce((sum, text) => sum + text.length, 0);
  if (size > MAX_DRAFT_CHARS) return false;
  const value = JSON.stringify({ savedAt: now, fields } satisfies Draft);
  try {
    storage.setItem(key, value);
  } catch {
    // Full: drop other drafts, oldest first, until this one fits (or none are left to drop).
    try {
      storage.removeItem(key);
      let others = pruneDrafts(storage, now);
      for (;;) {
        try {
          storage.setItem(key, value);
          break;
        } catch {
          if (others === 0) return false;
          others = pruneDrafts(storage, now, others - 1);
        }
      }
    } catch {
      return false;
    }
  }
  // Keep the number bounded (this draft is the newest, so it stays).
  if (draftKeys(storage).length > MAX_DRAFTS) pruneDrafts(storage, now);
  return true;
}

export function removeDraft(storage: DraftStorage | null, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // Nothing to do: a draft that cannot be removed expires.
  }
}

/** Set by signing out: from then on this page keeps nothing (its unload must not write a draft back). */
let stopped = false;

/** No draft is saved any more until the page is loaded again (signing out). */
export function stopKeepingDrafts(): void {
  stopped = true;
}

/** Removes every draft in this browser, whoever wrote it (signing out). */
export function clearAllDrafts(storage: DraftStorage | null = browserStorage()): void {
  if (!storage) return;
  try {
    for (const key of draftKeys(storage)) storage.removeItem(key);
  } catch {
    // As above.
  }
}
