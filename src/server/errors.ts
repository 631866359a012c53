// One error type for everything a person can be told about. Anything else is a
// bug: it is logged with an id and shown as a generic message.

export type AppErrorCode =
  | "VALIDATION"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "BUSY";

const STATUS: Record<AppErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  /** The server cannot take this now (nothing was done); trying again shortly will work. */
  BUSY: 503,
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Messages for individual form fields, keyed by field name. */
  readonly fieldErrors?: Record<string, string>;

  /** For RATE_LIMITED: seconds until the limit lets the next attempt through (an HTTP Retry-After). */
  retryAfterSeconds?: number;

  constructor(code: AppErrorCode, message: string, fieldErrors?: Record<string, string>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }

  get status() {
    return STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} was not found.`);
export const forbidden = (message = "You do not have permission to do that.") => new AppError("FORBIDDEN", message);
export const unauthenticated = () => new AppError("UNAUTHENTICATED", "Please sign in to do that.");
export const conflict = (message: string, fieldErrors?: Record<string, string>) =>
  new AppError("CONFLICT", message, fieldErrors);
export const invalid = (message: string, fieldErrors?: Record<string, string>) =>
  new AppError("VALIDATION", message, fieldErrors);

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Postgres unique violation surfaced by Prisma (P2002) or by pg directly (23505). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return e?.code === "P2002" || e?.code === "23505" || e?.cause?.code === "23505";
}

/** Connection-level failures (database restarting or unreachable): nothing was done; retrying is right. */
const UNAVAILABLE_CODES = new Set([
  "P1001",
  "P1002",
  "P1017",
  "P2024",
  "57P01",
  "57P02",
  "57P03",
  "53300", // too many connections
  "08000",
  "08001",
  "08003",
  "08006",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; cause?: unknown; message?: unknown } | null | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.code === "string" && UNAVAILABLE_CODES.has(e.code)) return true;
    if (
      typeof e.message === "string" &&
      /Connection terminated|terminating connection|the database system is (starting up|shutting down)|Can't reach database server|is not (currently|yet) accepting connections|too many clients|remaining connection slots|is not queryable/i.test(
        e.message,
      )
    )
      return true;
  }
  return false;
}

export const UNAVAILABLE_MESSAGE =
  "We could not reach the database just now, so nothing was saved. Please try again in a few seconds.";
