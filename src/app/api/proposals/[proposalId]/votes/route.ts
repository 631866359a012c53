import { type NextRequest, NextResponse } from "next/server";
import { answerVoteRequest } from "@/features/proposals/vote-api";
import { getCurrentUser } from "@/server/auth/current-user";
import { routeParams } from "@/server/route-params";
import { refuseCrossSite } from "@/server/same-origin";

// POST /api/proposals/:id/votes  {"version": 1, "choice": "SUPPORT", "reason": "..."}
// The same vote as the form on the proposal page, for scripts and the benchmark. It uses the
// session cookie, so it refuses cross-site requests the way Server Actions do. In a production
// server most of these are answered before Next sees them (src/composition/fast-paths/vote.ts),
// with the same answers (features/proposals/vote-api.ts); this handler takes the rest.

export async function POST(request: NextRequest, { params }: { params: Promise<{ proposalId: string }> }) {
  const refusal = refuseCrossSite(request);
  if (refusal) return refusal;
  const valid = await routeParams(params, { proposalId: "uuid" });
  if (!valid) return NextResponse.json({ error: "proposalId must be a proposal's id (a UUID)." }, { status: 400 });
  const body = await request.text().catch(() => null);
  const answer = await answerVoteRequest(valid.proposalId, body, getCurrentUser);
  return NextResponse.json(answer.body, { status: answer.status, headers: answer.headers });
}
