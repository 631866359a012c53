// When a message that failed is tried again, and when it is given up: pure, so it is unit-tested.

/** Attempts before a message that keeps failing temporarily is given up (about 8½ hours of retries). */
export const MAX_ATTEMPTS = 10;

/** Minutes to wait before attempt n + 1: 1, 2, 4 … capped at 3 hours. */
export function retryDelayMinutes(attempts: number): number {
  return Math.min(2 ** Math.max(0, attempts - 1), 180);
}

/**
 * A permanent failure is the server's 5xx answer ("no such mailbox", "message refused"); anything
 * else (a 4xx, a refused or broken connection, a timeout, failed authentication, which is the
 * operator's to fix) may pass, so it is tried again.
 */
export function isPermanentFailure(error: unknown): boolean {
  const e = error as { responseCode?: unknown; code?: unknown };
  return typeof e?.responseCode === "number" && e.responseCode >= 500 && e.responseCode < 600 && e.code !== "EAUTH";
}
