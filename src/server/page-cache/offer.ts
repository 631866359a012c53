import "server-only";
import { headers } from "next/headers";
import { CAPTURE_HEADER, pageCacheState } from "./shared";

/**
 * Called by a page that signed-out readers may all be shown alike: offers the page being rendered
 * to the page cache, to be kept until a write touches one of `tags` (./tags.ts) or the whole site
 * (SITE, which every page depends on). Does nothing for a
 * signed-in viewer, or when the request is not one the cache captures (src/server/page-cache/hook.ts
 * decides that: a GET without a session cookie). Call it only once the page knows it will show its
 * content, not a refusal.
 */
export async function offerToPageCache(viewer: unknown, tags: string[]): Promise<void> {
  if (viewer) return;
  const capture = (await headers()).get(CAPTURE_HEADER);
  if (!capture) return;
  const { captures } = pageCacheState();
  if (captures.has(capture)) captures.set(capture, tags);
}
