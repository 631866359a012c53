import "server-only";
import { z } from "zod";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/form-fields";
import { MAX_FORM_BYTES } from "@/lib/request-limits";
import type { Actor } from "@/server/authz/permissions";
import { requireActor } from "@/server/authz/refusals";
import { isAppError } from "@/server/errors";
import { renderForWrite } from "@/server/markdown/rendered";
import { consumeLimit } from "@/server/rate-limit";
import { MAX_POST_LENGTH } from "../discussions/policy";
import { PAPER_LIMITS } from "./limits";
import { sectionMarkdown } from "./text/heading-offset";

// The editors' Preview: Markdown rendered by the same worker, limits and sanitiser as when it is
// sent (renderForWrite), whose HTML is then thrown away: nothing is stored, not even the cache of
// rendered text. It lives with papers, the lowest feature that knows both how posts and how a
// paper's sections are shown.

/** How the text will be shown, which sets its length limit and where its headings start. */
const KINDS = {
  post: {
    max: MAX_POST_LENGTH,
    tooLong: `Posts can be at most ${MAX_POST_LENGTH.toLocaleString("en-GB")} characters.`,
  },
  section: {
    max: PAPER_LIMITS.sectionBody,
    tooLong: `Section text can be at most ${PAPER_LIMITS.sectionBody.toLocaleString("en-GB")} characters.`,
  },
  // Other Markdown fields (proposals' reasons, commission briefs, responses) are all shorter.
  text: {
    max: PAPER_LIMITS.sectionBody,
    tooLong: `A text can be at most ${PAPER_LIMITS.sectionBody.toLocaleString("en-GB")} characters.`,
  },
} as const;

/**
 * The largest body a preview may have. A preview sends what the form beside it would send, and no
 * form of this site may send more than MAX_FORM_BYTES (the new-paper form with all its sections
 * included); JSON quotes texts much as multipart frames them, so a little room covers the framing.
 */
export const MAX_PREVIEW_BYTES = MAX_FORM_BYTES + 16 * 1024;

/**
 * Characters rendered for one point of the preview limit. A post or a whole paper (any number of
 * sections) usually costs one; only a very long paper costs a few more, so the limit still bounds
 * the work a script can give the shared worker.
 */
export const PREVIEW_CHARS_PER_POINT = 200_000;

/** The points one preview request costs: at least one, one more per PREVIEW_CHARS_PER_POINT characters. */
export function previewCost(texts: string[]): number {
  const chars = texts.reduce((sum, text) => sum + text.length, 0);
  return Math.max(1, Math.ceil(chars / PREVIEW_CHARS_PER_POINT));
}

export const ZMarkdownPreview = z
  .object(
    {
      kind: z.enum(["post", "section", "text"], { error: 'kind must be "post", "section" or "text".' }),
      texts: z
        .array(z.string({ error: "Each text must be a string." }), { error: "texts must be a list of strings." })
        .min(1, "Send at least one text.")
        .max(PAPER_LIMITS.sections, `Send at most ${PAPER_LIMITS.sections} texts at once.`),
    },
    { error: 'Send a JSON object: {"kind": "post", "texts": ["…"]}.' },
  )
  .superRefine((input, ctx) => {
    input.texts.forEach((text, i) => {
      const message = !isStorableText(text)
        ? UNSTORABLE_TEXT_MESSAGE
        : text.length > KINDS[input.kind].max
          ? KINDS[input.kind].tooLong
          : null;
      if (message) ctx.addIssue({ code: "custom", path: ["texts", i], message });
    });
  });
export type MarkdownPreviewInput = z.infer<typeof ZMarkdownPreview>;

/**
 * What was wrong with a refused request, in plain words: each problem's own message, with the
 * text it is about ("texts[2]: Section text can be at most 40,000 characters.").
 */
export function previewProblemsText(error: z.ZodError): string {
  const lines = error.issues.slice(0, 3).map((issue) => {
    const [field, index] = issue.path;
    return field === "texts" && typeof index === "number" ? `texts[${index}]: ${issue.message}` : issue.message;
  });
  const more = error.issues.length - lines.length;
  return [...new Set(lines)].join(" ") + (more > 0 ? ` (${more} more problems.)` : "");
}

/** Refused texts: the message, and the problem with each text (null where it was fine). */
export class PreviewRefused extends Error {
  constructor(
    message: string,
    readonly problems: (string | null)[],
  ) {
    super(message);
  }
}

/**
 * The HTML each text would be stored with, for a signed-in person. Throws UNAUTHENTICATED,
 * RATE_LIMITED, BUSY, or PreviewRefused with the very messages sending the text would give.
 */
export async function previewMarkdown(actor: Actor, input: MarkdownPreviewInput): Promise<string[]> {
  const me = requireActor(actor);
  await consumeLimit("preview", me.id, previewCost(input.texts));
  const texts = input.texts.map((text) => text.replace(/\r\n?/g, "\n"));
  const fields = Object.fromEntries(
    texts.map((text, i) => [`t${i}`, input.kind === "section" ? sectionMarkdown(text) : text]),
  );
  try {
    // Never `save()`d: the preview leaves nothing behind.
    const rendered = await renderForWrite(fields, { by: me.id });
    return texts.map((_, i) => rendered.fields[`t${i}`].html);
  } catch (error) {
    if (isAppError(error) && error.code === "VALIDATION" && error.fieldErrors)
      throw new PreviewRefused(
        error.message,
        texts.map((_, i) => error.fieldErrors?.[`t${i}`] ?? null),
      );
    throw error;
  }
}
