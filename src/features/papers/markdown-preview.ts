import "server-only";
import { z } from "zod";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/form-fields";
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

export const ZMarkdownPreview = z
  .object({
    kind: z.enum(["post", "section", "text"], { error: 'kind must be "post", "section" or "text".' }),
    texts: z
      .array(z.string({ error: "Each text must be a string." }), { error: "texts must be a list of strings." })
      .min(1, "Send at least one text.")
      .max(PAPER_LIMITS.sections, `Send at most ${PAPER_LIMITS.sections} texts at once.`),
  })
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
  await consumeLimit("preview", me.id, input.texts.length);
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
