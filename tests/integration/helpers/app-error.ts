import { AppError } from "@/server/errors";

/** Awaits a call that must fail with an AppError and returns that error; anything else fails the test. */
export async function appError(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("Expected an AppError, but the call succeeded.");
}
