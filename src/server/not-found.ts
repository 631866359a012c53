import "server-only";
import { notFound } from "next/navigation";
import { type AppErrorCode, isAppError } from "./errors";

// How pages answer a refusal from the data layer, in one place. NOT_FOUND is always the 404 page.
// - orNotFound: pages that show nothing of what they may not show; FORBIDDEN is a 404 too.
// - loadOrRefuse: pages that say why instead of showing their form; render `{ ok: false }` with
//   <RefusalPage> (components/ui/refusal.tsx).

export type Loaded<T> = { ok: true; data: T } | { ok: false; message: string };

/** The data, or the reason to show for the codes in `show` (FORBIDDEN by default; CONFLICT where a state stops it too). */
export async function loadOrRefuse<T>(
  work: Promise<T>,
  show: readonly AppErrorCode[] = ["FORBIDDEN"],
): Promise<Loaded<T>> {
  try {
    return { ok: true, data: await work };
  } catch (error) {
    if (isAppError(error) && show.includes(error.code)) return { ok: false, message: error.message };
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/** "Not found" and "not yours to see" both render the 404 page, nothing more. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
}
