import "server-only";
import { db, type Tx } from "./db";
import { isUniqueViolation } from "./errors";

/**
 * Runs a transaction that picks free slugs, retrying when someone else took the same slug at
 * the same moment (the unique index rejects the loser, which then sees the taken slug).
 */
export async function withSlugRetry<T>(work: (tx: Tx) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(work);
    } catch (error) {
      if (attempt < attempts && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}
