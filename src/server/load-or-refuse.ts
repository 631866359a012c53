import "server-only";
import { notFound } from "next/navigation";
import { isAppError, type AppErrorCode } from "./errors";

export type Loaded<T> = { ok: true; data: T } | { ok: false; message: string };

/**
 * For pages that show a refusal instead of their form: the data, or the reason to show (for the
 * codes in `show`: FORBIDDEN by default, CONFLICT where a state stops it too). NOT_FOUND renders
 * the 404 page; anything else is thrown on. Render `{ ok: false }` with <RefusalPage>.
 */
export async function loadOrRefuse<T>(work: Promise<T>, show: readonly AppErrorCode[] = ["FORBIDDEN"]): Promise<Loaded<T>> {
  try {
    return { ok: true, data: await work };
  } catch (error) {
    if (isAppError(error) && show.includes(error.code)) return { ok: false, message: error.message };
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
