import type { z } from "zod";
import { isAppError } from "@/server/errors";
import { logError } from "@/server/log";
import { originVaryHeaders } from "@/server/site-origin";

// Responses of the public API: JSON, readable from any site (the data is public), with cache
// lifetimes that match how often each answer can change.

export const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type",
};

/** Lists move when something is published; a version's text never does (names of people may). */
export const CACHE = {
  list: "public, max-age=60, stale-while-revalidate=300",
  version: "public, max-age=3600, stale-while-revalidate=86400",
  notFound: "public, max-age=60",
  invalid: "no-store",
} as const;

export function apiJson(body: unknown, { status = 200, cache }: { status?: number; cache: string }) {
  return Response.json(body, { status, headers: { ...CORS, ...originVaryHeaders(), "Cache-Control": cache } });
}

export function apiInvalid(error: z.ZodError) {
  return apiJson(
    { error: { code: "VALIDATION", message: error.issues.map((i) => i.message).join(" ") } },
    { status: 400, cache: CACHE.invalid },
  );
}

/** Not-found and other known errors as JSON; anything else is logged and reported without details. */
export function apiFailure(error: unknown) {
  if (isAppError(error) && error.code === "NOT_FOUND")
    return apiJson({ error: { code: "NOT_FOUND", message: error.message } }, { status: 404, cache: CACHE.notFound });
  logError("public API failed", error);
  return apiJson(
    { error: { code: "INTERNAL", message: "Something went wrong on our side; please try again." } },
    { status: 500, cache: CACHE.invalid },
  );
}

export function apiPreflight() {
  return new Response(null, { status: 204, headers: { ...CORS, "Access-Control-Max-Age": "86400" } });
}
