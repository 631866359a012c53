// What a cached public page depends on. The same strings are sent by the triggers of
// prisma/migrations/20261207090000_page_cache_notify when a write commits.

/**
 * Anything a public page may show that is not a thread's or paper's own (names, groups,
 * moderation…). Every kept page depends on it: pages need not name it.
 */
export const SITE = "site";
/** Some thread or post changed: pages that list threads or search them. */
export const ANY_THREAD = "threads";
/** Some paper, proposal or vote changed: pages that list papers or search them. */
export const ANY_PAPER = "papers";

export const threadTag = (threadId: string) => `thread:${threadId}`;
export const paperTag = (paperId: string) => `paper:${paperId}`;

/** The channel the triggers notify on. */
export const CHANNEL = "page_cache";
