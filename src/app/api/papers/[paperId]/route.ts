import { apiFailure, apiInvalid, apiJson, apiPreflight, CACHE } from "@/features/publishing/api/http";
import { presentPaperVersions } from "@/features/publishing/api/present";
import { listPaperVersions } from "@/features/publishing/api/queries";
import { ZPaperIdParam } from "@/features/publishing/api/schemas";
import { requestOrigin } from "@/server/site-origin";

// GET /api/papers/{paperId}: a published paper's versions, newest first.
export async function GET(request: Request, { params }: { params: Promise<{ paperId: string }> }) {
  const parsed = ZPaperIdParam.safeParse((await params).paperId);
  if (!parsed.success) return apiInvalid(parsed.error);
  try {
    return apiJson(presentPaperVersions(requestOrigin(request), await listPaperVersions(parsed.data)), {
      cache: CACHE.list,
    });
  } catch (error) {
    return apiFailure(error);
  }
}

export const OPTIONS = apiPreflight;
