import { CORS } from "@/features/publishing/api/http";
import { openApiDocument } from "@/features/publishing/api/openapi";
import { requestOrigin } from "@/server/site-origin";

// GET /api/openapi.json: the OpenAPI 3.1 description of the public papers API.
export function GET(request: Request) {
  return Response.json(openApiDocument(requestOrigin(request)), {
    headers: { ...CORS, "Cache-Control": "public, max-age=3600" },
  });
}
