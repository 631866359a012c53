import "server-only";
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "./env";
import { AppError } from "./errors";
import { logError } from "./log";

// Limits live in PostgreSQL (table rate_limits, created by the migrations) so
// they hold across every server process, not per process.

type LimitName =
  | "signInAccount"
  | "signInIp"
  | "twoStepAccount"
  | "twoStepIp"
  | "registerIp"
  | "registerAccount"
  | "post"
  | "reaction"
  | "paper"
  | "proposal"
  | "export"
  | "commission"
  | "invitationLink"
  | "slowRender"
  | "passwordResetIp"
  | "passwordResetAccount"
  | "confirmationEmail"
  | "emailChange"
  | "accountProof"
  | "preview";

const LIMITS: Record<LimitName, { points: number; duration: number; message: string }> = {
  signInAccount: { points: 5, duration: 15 * 60, message: "Too many failed sign-in attempts for this account." },
  signInIp: { points: 30, duration: 15 * 60, message: "Too many sign-in attempts from your network." },
  // Six digits are guessable in a million tries: five wrong codes per account per quarter hour.
  twoStepAccount: { points: 5, duration: 15 * 60, message: "Too many wrong codes for this account." },
  twoStepIp: { points: 30, duration: 15 * 60, message: "Too many two-step codes from your network." },
  registerIp: { points: 10, duration: 60 * 60, message: "Too many new accounts from your network." },
  registerAccount: { points: 3, duration: 60 * 60, message: "Too many registration attempts for this email address." },
  post: { points: 8, duration: 60, message: "You are posting very quickly." },
  // Each press rewrites the post's counts and empties the thread's signed-out page cache: thirty a
  // minute is more than reading and marking posts needs, and stops a script toggling in a loop.
  reaction: { points: 30, duration: 60, message: "You are reacting very quickly." },
  paper: { points: 5, duration: 60 * 60, message: "You have started several papers in the last hour." },
  proposal: { points: 20, duration: 60 * 60, message: "You have made many proposals in the last hour." },
  commission: { points: 5, duration: 24 * 60 * 60, message: "Your organisation has posted several commissions today." },
  invitationLink: {
    points: 30,
    duration: 24 * 60 * 60,
    message: "Your organisation has made many invitation links today.",
  },
  export: { points: 3, duration: 24 * 60 * 60, message: "You have asked for your data several times in the last day." },
  // Texts the render worker gave up on: a person writing policy meets this almost never.
  slowRender: { points: 3, duration: 60 * 60, message: "Several of your recent texts were too complex to format." },
  passwordResetIp: { points: 10, duration: 60 * 60, message: "Too many password reset requests from your network." },
  // Per address, whether or not it has an account: the answer must not tell which.
  passwordResetAccount: {
    points: 3,
    duration: 60 * 60,
    message: "Several reset links were asked for this address in the last hour; the latest one works.",
  },
  confirmationEmail: {
    points: 3,
    duration: 60 * 60,
    message: "We have sent several confirmation links in the last hour; the latest one works.",
  },
  emailChange: {
    points: 5,
    duration: 24 * 60 * 60,
    message: "You have asked to change your email several times today.",
  },
  // Proving it is you inside a session (the current password to change the address or the password,
  // a password or code to manage two-step): only wrong answers count, so a borrowed session cannot
  // guess its way further.
  accountProof: { points: 5, duration: 15 * 60, message: "Too many wrong passwords or codes for this account." },
  // The editors' Preview renders on the shared worker: one preview a second on average (a paper's
  // counts one, however many sections it shows) is more than anyone writing needs, and a script
  // cannot keep the worker busy with it.
  preview: { points: 60, duration: 60, message: "You have asked for many previews in the last minute." },
};

/** Limits used with refundLimit: an attempt counts only once it has turned out to be a failure. */
const COUNTS_FAILURES_ONLY: ReadonlySet<LimitName> = new Set(["signInAccount", "twoStepAccount", "accountProof"]);

let pool: pg.Pool | undefined;
const limiters = new Map<LimitName, RateLimiterPostgres>();

function limiter(name: LimitName) {
  let found = limiters.get(name);
  if (!found) {
    if (!pool) {
      pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 2 });
      // When PostgreSQL restarts it closes idle connections; the pool drops them, but without a
      // listener that 'error' event is an uncaught exception in the server process.
      pool.on("error", (error) => logError("rate-limit pool lost an idle connection", error));
    }
    found = new RateLimiterPostgres({
      storeClient: pool,
      tableName: "rate_limits",
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: name,
      // RATE_LIMIT_MULTIPLIER raises every limit, e.g. for end-to-end tests where all clients share 127.0.0.1.
      points: LIMITS[name].points * env().RATE_LIMIT_MULTIPLIER,
      duration: LIMITS[name].duration,
    });
    limiters.set(name, found);
  }
  return found;
}

/** The wait in words, as close as the Retry-After beside it: "10 seconds", "a minute", "12 minutes". */
function waitText(ms: number) {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 45) return seconds === 1 ? "a second" : `${seconds} seconds`;
  const minutes = Math.ceil(ms / 60_000);
  if (minutes > 90) return `${Math.ceil(minutes / 60)} hours`;
  return minutes <= 1 ? "a minute" : `${minutes} minutes`;
}

function limited(name: LimitName, res: RateLimiterRes) {
  const error = new AppError(
    "RATE_LIMITED",
    `${LIMITS[name].message} Please wait ${waitText(res.msBeforeNext)} and try again.`,
  );
  error.retryAfterSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return error;
}

/** Counts one attempt (or `points`, for work that comes in a batch); throws RATE_LIMITED once the limit is used up. */
export async function consumeLimit(name: LimitName, key: string, points = 1): Promise<void> {
  try {
    await limiter(name).consume(key.toLowerCase(), points);
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      // The store counts a refused attempt too. For limits that count failures only (reserved
      // before the work, refunded when it succeeds) a refusal is neither, so it is given back:
      // otherwise six texts sent at once, all fine, left the sender shut out for the window.
      if (COUNTS_FAILURES_ONLY.has(name)) await limiter(name).reward(key.toLowerCase(), points);
      throw limited(name, error);
    }
    throw error;
  }
}

/**
 * Refuses when the failures counted under a limit have used it up, without counting anything: for
 * work that is refused only after failing (a text the render worker gave up on). Many attempts at
 * once all go ahead; each failure is then counted by countFailure.
 */
export async function assertUnderLimit(name: LimitName, key: string): Promise<void> {
  const res = await limiter(name).get(key.toLowerCase());
  if (res && res.consumedPoints >= LIMITS[name].points * env().RATE_LIMIT_MULTIPLIER) throw limited(name, res);
}

/** Counts one failure under a limit (it may go past the limit: the next attempt is refused). */
export async function countFailure(name: LimitName, key: string): Promise<void> {
  await limiter(name).penalty(key.toLowerCase(), 1);
}

/**
 * Gives back one attempt that consumeLimit counted, for limits that count only failures: the
 * attempt is reserved before the work (so concurrent attempts can never exceed the limit between
 * a check and a count) and refunded when it turns out not to be a failure.
 */
export async function refundLimit(name: LimitName, key: string): Promise<void> {
  await limiter(name).reward(key.toLowerCase(), 1);
}

export async function resetLimit(name: LimitName, key: string): Promise<void> {
  await limiter(name).delete(key.toLowerCase());
}
