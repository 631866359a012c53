import "server-only";
import { answerReplyForm } from "@/features/discussions/reply-endpoint";
import { REPLY_FORM_ENDPOINT } from "@/lib/paths";
import { installFastPath } from "@/server/fast-path";

// The reply composer's form (POST /api/forms/reply) answered before Next (src/server/fast-path.ts),
// with the answer the route handler and the Server Action give (features/discussions/post-reply.ts).

const REPLY_PATH = new RegExp(`^${REPLY_FORM_ENDPOINT}(?:\\?.*)?$`);

export function installReplyFastPath() {
  installFastPath("reply", REPLY_PATH, ({ who, body, contentType }) => answerReplyForm(body, contentType, who));
}
