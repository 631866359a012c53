import { type NextRequest, NextResponse } from "next/server";
import { z } from "zod";
import { PreviewRefused, previewMarkdown, ZMarkdownPreview } from "@/features/papers/markdown-preview";
import { getCurrentUser } from "@/server/auth/current-user";
import { isAppError, isDatabaseUnavailable, UNAVAILABLE_MESSAGE } from "@/server/errors";
import { logError } from "@/server/log";
import { refuseCrossSite } from "@/server/same-origin";

// POST /api/markdown/preview  {"kind": "post" | "section" | "text", "texts": ["**Markdown**", …]}
// → {"html": ["<p><strong>Markdown</strong></p>", …]}: the editors' Preview, rendered as sending
// the text would render it, and never stored. Signed-in members only (the session cookie), so it
// refuses cross-site requests the way Server Actions do.

const noStore = { "Cache-Control": "no-store" };

export async function POST(request: NextRequest) {
  const refusal = refuseCrossSite(request);
  if (refusal) return refusal;
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return NextResponse.json({ error: 'Send a JSON body: {"kind": "post", "texts": ["…"]}.' }, { status: 400 });
  }
  const parsed = ZMarkdownPreview.safeParse(body);
  if (!parsed.success) {
    const problems = Array.isArray((body as { texts?: unknown })?.texts)
      ? (body as { texts: unknown[] }).texts.map(
          (_, i) =>
            parsed.error.issues.find((issue) => issue.path[0] === "texts" && issue.path[1] === i)?.message ?? null,
        )
      : [];
    return NextResponse.json({ error: z.prettifyError(parsed.error), problems }, { status: 400, headers: noStore });
  }
  try {
    const html = await previewMarkdown(await getCurrentUser(), parsed.data);
    return NextResponse.json({ html }, { headers: noStore });
  } catch (error) {
    if (error instanceof PreviewRefused)
      return NextResponse.json({ error: error.message, problems: error.problems }, { status: 422, headers: noStore });
    if (isAppError(error))
      return NextResponse.json({ error: error.message }, { status: error.status, headers: noStore });
    logError("markdown preview failed", error);
    if (isDatabaseUnavailable(error))
      return NextResponse.json({ error: UNAVAILABLE_MESSAGE }, { status: 503, headers: { "Retry-After": "5" } });
    return NextResponse.json({ error: "Something went wrong on our side; please try again." }, { status: 500 });
  }
}
