"use client";

import { MARKDOWN_PREVIEW_PATH } from "@/lib/paths";

// The browser's side of the preview endpoint (src/app/api/markdown/preview): texts go to the
// server, which renders them through the same worker and sanitiser as posting, and stores nothing.

/** How a text will be shown: as a post (and most texts), or as a paper's section. */
export type PreviewKind = "post" | "section" | "text";

export type PreviewAnswer = { ok: true; html: string[] } | { ok: false; message: string; problems: (string | null)[] };

const OFFLINE = "The preview could not reach the server. Check your connection; your text is still here.";

export async function fetchPreview(kind: PreviewKind, texts: string[], signal?: AbortSignal): Promise<PreviewAnswer> {
  try {
    const response = await fetch(MARKDOWN_PREVIEW_PATH, {
      method: "POST",
      headers: { "content-type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify({ kind, texts: texts.map((t) => t.replace(/\r\n?/g, "\n")) }),
      signal,
    });
    const body = (await response.json().catch(() => ({}))) as {
      html?: string[];
      error?: string;
      problems?: (string | null)[];
    };
    if (response.ok && Array.isArray(body.html)) return { ok: true, html: body.html };
    return {
      ok: false,
      message: body.error ?? "The preview is not available just now; your text is still here.",
      problems: body.problems ?? [],
    };
  } catch (error) {
    if ((error as Error)?.name === "AbortError") throw error;
    return { ok: false, message: OFFLINE, problems: [] };
  }
}
