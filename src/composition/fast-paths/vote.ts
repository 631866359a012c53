import "server-only";
import { answerVoteRequest } from "@/features/proposals/vote-api";
import { installFastPath } from "@/server/fast-path";

// POST /api/proposals/:id/votes (the JSON vote API) answered before Next (src/server/fast-path.ts),
// with the answer the route handler sends (features/proposals/vote-api.ts).

export const VOTE_PATH =
  /^\/api\/proposals\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/votes(?:\?.*)?$/i;

export function installVoteFastPath() {
  installFastPath("vote", VOTE_PATH, ({ match, who, body }) =>
    answerVoteRequest((match[1] ?? "").toLowerCase(), body?.toString("utf8") ?? null, who),
  );
}
