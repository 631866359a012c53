import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "./errors";

/** For pages: "not found" and "not yours to see" both render the 404 page, nothing more. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
}
