import { type NextRequest, NextResponse } from "next/server";
import { z } from "zod";
import { castVote } from "@/features/proposals/cast-vote";
import { ZVote } from "@/features/proposals/schemas";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/form-fields";
import { getCurrentUser } from "@/server/auth/current-user";
import { isAppError, isDatabaseUnavailable, UNAVAILABLE_MESSAGE } from "@/server/errors";
import { logError } from "@/server/log";
import { routeParams } from "@/server/route-params";
import { refuseCrossSite } from "@/server/same-origin";

// POST /api/proposals/:id/votes  {"version": 1, "choice": "SUPPORT", "reason": "..."}
// The same vote as the form on the proposal page, for scripts and the benchmark. It uses the
// session cookie, so it refuses cross-site requests the way Server Actions do.

export async function POST(request: NextRequest, { params }: { params: Promise<{ proposalId: string }> }) {
  const refusal = refuseCrossSite(request);
  if (refusal) return refusal;
  const valid = await routeParams(params, { proposalId: "uuid" });
  if (!valid) return NextResponse.json({ error: "proposalId must be a proposal's id (a UUID)." }, { status: 400 });
  const { proposalId } = valid;
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return NextResponse.json({ error: 'Send a JSON body: {"version": 1, "choice": "SUPPORT"}.' }, { status: 400 });
  }
  if (!body || typeof body !== "object" || Array.isArray(body))
    return NextResponse.json({ error: 'Send a JSON object: {"version": 1, "choice": "SUPPORT"}.' }, { status: 400 });
  const parsed = ZVote.safeParse({ ...body, proposalId });
  if (!parsed.success) return NextResponse.json({ error: z.prettifyError(parsed.error) }, { status: 400 });
  if (!isStorableText(parsed.data.reason))
    return NextResponse.json({ error: `reason: ${UNSTORABLE_TEXT_MESSAGE}` }, { status: 400 });
  try {
    await castVote(await getCurrentUser(), parsed.data);
    return NextResponse.json({ ok: true });
  } catch (error) {
    if (isAppError(error)) return NextResponse.json({ error: error.message }, { status: error.status });
    logError("vote failed", error);
    if (isDatabaseUnavailable(error))
      return NextResponse.json({ error: UNAVAILABLE_MESSAGE }, { status: 503, headers: { "Retry-After": "5" } });
    return NextResponse.json({ error: "Something went wrong on our side; please try again." }, { status: 500 });
  }
}
