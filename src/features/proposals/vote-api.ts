import "server-only";
import { z } from "zod";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/form-fields";
import type { CurrentUser } from "@/server/auth/session-store";
import { isAppError, isDatabaseUnavailable, UNAVAILABLE_MESSAGE } from "@/server/errors";
import type { JsonAnswer as FastPathAnswer } from "@/server/fast-path";
import { logError } from "@/server/log";
import { castVote } from "./cast-vote";
import { ZVote } from "./schemas";

// What POST /api/proposals/:id/votes answers, whoever serves it: the route handler
// (src/app/api/proposals/[proposalId]/votes/route.ts) or the fast path in front of Next
// (src/composition/fast-paths/vote.ts). Both send exactly this, so they cannot drift apart.

/** The fast path's answer (src/server/fast-path.ts), with the two bodies this API sends. */
export type JsonAnswer = FastPathAnswer & { body: { ok: true } | { error: string } };

const error = (status: number, message: string, headers?: Record<string, string>): JsonAnswer => ({
  status,
  body: { error: message },
  ...(headers ? { headers } : {}),
});

/**
 * Casts the vote a request's body asks for. `proposalId` has been checked as a UUID; `body` is the
 * request's text (null when it could not be read); `who` says who is signed in, asked only once
 * the body is valid, as before.
 */
export async function answerVoteRequest(
  proposalId: string,
  body: string | null,
  who: () => Promise<CurrentUser | null>,
): Promise<JsonAnswer> {
  let parsedBody: unknown;
  try {
    parsedBody = JSON.parse(body ?? "");
  } catch {
    return error(400, 'Send a JSON body: {"version": 1, "choice": "SUPPORT"}.');
  }
  if (!parsedBody || typeof parsedBody !== "object" || Array.isArray(parsedBody))
    return error(400, 'Send a JSON object: {"version": 1, "choice": "SUPPORT"}.');
  const parsed = ZVote.safeParse({ ...parsedBody, proposalId });
  if (!parsed.success) return error(400, z.prettifyError(parsed.error));
  if (!isStorableText(parsed.data.reason)) return error(400, `reason: ${UNSTORABLE_TEXT_MESSAGE}`);
  try {
    await castVote(await who(), parsed.data);
    return { status: 200, body: { ok: true } };
  } catch (failure) {
    if (isAppError(failure)) return error(failure.status, failure.message);
    logError("vote failed", failure);
    if (isDatabaseUnavailable(failure)) return error(503, UNAVAILABLE_MESSAGE, { "Retry-After": "5" });
    return error(500, "Something went wrong on our side; please try again.");
  }
}
