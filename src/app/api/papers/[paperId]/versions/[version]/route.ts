import { z } from "zod";
import { apiFailure, apiInvalid, apiJson, apiPreflight, CACHE } from "@/features/publishing/api/http";
import { presentPublishedVersion } from "@/features/publishing/api/present";
import { loadPublishedVersion } from "@/features/publishing/api/queries";
import { ZPaperIdParam, ZVersionParam } from "@/features/publishing/api/schemas";
import { requestOrigin } from "@/server/site-origin";

const ZParams = z.object({ paperId: ZPaperIdParam, version: ZVersionParam });

// GET /api/papers/{paperId}/versions/{version}: one published version with its sections and their provenance.
export async function GET(request: Request, { params }: { params: Promise<{ paperId: string; version: string }> }) {
  const parsed = ZParams.safeParse(await params);
  if (!parsed.success) return apiInvalid(parsed.error);
  try {
    return apiJson(
      presentPublishedVersion(
        requestOrigin(request),
        await loadPublishedVersion(parsed.data.paperId, parsed.data.version),
      ),
      { cache: CACHE.version },
    );
  } catch (error) {
    return apiFailure(error);
  }
}

export const OPTIONS = apiPreflight;
