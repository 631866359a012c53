import { type NextRequest, NextResponse } from "next/server";
import {
  MAX_PREVIEW_BYTES,
  PreviewRefused,
  previewMarkdown,
  previewProblemsText,
  ZMarkdownPreview,
} from "@/features/papers/markdown-preview";
import { readBoundedBody } from "@/lib/bounded-body";
import { getCurrentUser } from "@/server/auth/current-user";
import { isAppError, isDatabaseUnavailable, UNAVAILABLE_MESSAGE, unauthenticated } from "@/server/errors";
import { logError } from "@/server/log";
import { refuseCrossSite } from "@/server/same-origin";

// POST /api/markdown/preview  {"kind": "post" | "section" | "text", "texts": ["**Markdown**", …]}
// → {"html": ["<p><strong>Markdown</strong></p>", …]}: the editors' Preview, rendered as sending
// the text would render it, and never stored. Signed-in members only (the session cookie), so it
// refuses cross-site requests the way Server Actions do. The cheap checks come first (same site,
// signed in, declared size), so nobody can make the server read a body it would then refuse.

/** The preview limit's window (rate-limit.ts): a refused preview can be asked again within it. */
const PREVIEW_WINDOW_SECONDS = 60;

const noStore = { "Cache-Control": "no-store" };

function refuse(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return NextResponse.json(body, { status, headers: { ...noStore, ...headers } });
}

const TOO_LARGE = `This is more than a preview can take at once (${Math.floor(MAX_PREVIEW_BYTES / 1024 / 1024)} MB). Shorten the text; it is still in the form.`;

export async function POST(request: NextRequest) {
  const refusal = refuseCrossSite(request);
  if (refusal) return refusal;
  try {
    const actor = await getCurrentUser();
    if (!actor) return refuse(401, { error: unauthenticated().message });
    const read = await readBoundedBody(request, MAX_PREVIEW_BYTES);
    if (!read.ok)
      return read.reason === "too-large"
        ? refuse(413, { error: TOO_LARGE }, { Connection: "close" })
        : refuse(400, { error: "The request's body could not be read. Please try again." });
    let body: unknown;
    try {
      body = JSON.parse(read.text);
    } catch {
      return refuse(400, { error: 'Send a JSON body: {"kind": "post", "texts": ["…"]}.' });
    }
    const parsed = ZMarkdownPreview.safeParse(body);
    if (!parsed.success) {
      const texts = (body as { texts?: unknown } | null)?.texts;
      const problems = Array.isArray(texts)
        ? texts.map(
            (_, i) =>
              parsed.error.issues.find((issue) => issue.path[0] === "texts" && issue.path[1] === i)?.message ?? null,
          )
        : [];
      return refuse(400, { error: previewProblemsText(parsed.error), problems });
    }
    const html = await previewMarkdown(actor, parsed.data);
    return NextResponse.json({ html }, { headers: noStore });
  } catch (error) {
    if (error instanceof PreviewRefused) return refuse(422, { error: error.message, problems: error.problems });
    if (isAppError(error))
      return refuse(
        error.status,
        { error: error.message },
        error.code === "RATE_LIMITED"
          ? { "Retry-After": String(error.retryAfterSeconds ?? PREVIEW_WINDOW_SECONDS) }
          : error.code === "BUSY"
            ? { "Retry-After": "5" }
            : {},
      );
    logError("markdown preview failed", error);
    if (isDatabaseUnavailable(error)) return refuse(503, { error: UNAVAILABLE_MESSAGE }, { "Retry-After": "5" });
    return refuse(500, { error: "Something went wrong on our side; please try again." });
  }
}
