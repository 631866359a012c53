import { apiFailure, apiInvalid, apiJson, apiPreflight, CACHE } from "@/features/publishing/api/http";
import { presentPaperList } from "@/features/publishing/api/present";
import { listPublishedPapers } from "@/features/publishing/api/queries";
import { ZPaperListQuery } from "@/features/publishing/api/schemas";
import { requestOrigin } from "@/server/site-origin";

// GET /api/papers?page=&group=: published papers, newest publication first.
export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  // An empty parameter (?page=) means "not given".
  const parsed = ZPaperListQuery.safeParse({
    page: params.get("page") || undefined,
    group: params.get("group") || undefined,
  });
  if (!parsed.success) return apiInvalid(parsed.error);
  try {
    const origin = requestOrigin(request);
    return apiJson(
      presentPaperList(origin, parsed.data.page, parsed.data.group, await listPublishedPapers(parsed.data)),
      { cache: CACHE.list },
    );
  } catch (error) {
    return apiFailure(error);
  }
}

export const OPTIONS = apiPreflight;
