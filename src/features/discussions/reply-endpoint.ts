import "server-only";
import { UNREADABLE_FORM_MESSAGE } from "@/lib/request-limits";
import { answerScripted, type FormState } from "@/server/action";
import type { CurrentUser } from "@/server/auth/session-store";
import { postReply } from "./post-reply";
import { ZReply } from "./schemas";

// POST /api/forms/reply (REPLY_FORM_ENDPOINT): the reply composer's form, sent by the page's script (useWatchedAction)
// as multipart/form-data, answered with the FormState the Server Action would give. Served
// before Next (src/composition/fast-paths/reply.ts) when it can be, else by the route handler
// (src/app/api/forms/reply/route.ts); both call this.

/** The composer's answer to a request body of `contentType`. */
export async function answerReplyForm(
  body: Buffer | string | null,
  contentType: string,
  who: () => Promise<CurrentUser | null>,
): Promise<{ status: number; body: FormState }> {
  const formData = await formDataOf(body, contentType);
  if (!formData) return { status: 400, body: { ok: false, message: UNREADABLE_FORM_MESSAGE } };
  return { status: 200, body: await answerScripted(ZReply, postReply, who, formData) };
}

async function formDataOf(body: Buffer | string | null, contentType: string): Promise<FormData | null> {
  if (body === null || !/^multipart\/form-data;.*boundary=/i.test(contentType)) return null;
  try {
    return await new Response(typeof body === "string" ? body : new Uint8Array(body), {
      headers: { "content-type": contentType },
    }).formData();
  } catch {
    return null;
  }
}
