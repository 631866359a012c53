import "server-only";
import { installReplyFastPath } from "./reply";
import { installVoteFastPath } from "./vote";

/** Every fast path (src/server/fast-path.ts), for src/instrumentation.ts. */
export function installFastPaths() {
  installVoteFastPath();
  installReplyFastPath();
}
