import { type NextRequest, NextResponse } from "next/server";
import { answerReplyForm } from "@/features/discussions/reply-endpoint";
import { getCurrentUser } from "@/server/auth/current-user";
import { refuseCrossSite } from "@/server/same-origin";

// POST /api/forms/reply: the reply composer's form as its script sends it (features/discussions/
// reply-endpoint.ts). In a production server most are answered before Next sees them
// (src/composition/fast-paths/reply.ts); this handler takes the rest (signed out, a database
// away for a moment, `next dev`), with the same answers.

export async function POST(request: NextRequest) {
  const refusal = refuseCrossSite(request);
  if (refusal) return refusal;
  const body = await request
    .arrayBuffer()
    .then((bytes) => Buffer.from(bytes))
    .catch(() => null);
  const answer = await answerReplyForm(body, request.headers.get("content-type") ?? "", getCurrentUser);
  return NextResponse.json(answer.body, { status: answer.status, headers: { "Cache-Control": "no-store" } });
}
