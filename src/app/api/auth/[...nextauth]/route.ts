import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { authOptions } from "@/composition/auth";
import { logError } from "@/server/log";
import { refuseCrossSite } from "@/server/same-origin";

const handler = NextAuth(authOptions);
type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth answers addresses it has no handler for (GET /api/auth/callback/credentials, an
 * undecodable ?error=) with a 500, one of them with its stack trace in the body. Such an address
 * is a bad request; the reason goes to our log, not to the client.
 */
async function guarded(request: NextRequest, context: Context): Promise<Response> {
  try {
    const response: Response = await handler(request, context);
    if (response.status < 500) return response;
    logError("next-auth answered a request with an error", new Error(`status ${response.status}`), {
      path: request.nextUrl.pathname,
    });
  } catch (error) {
    logError("next-auth could not handle a request", error, { path: request.nextUrl.pathname });
  }
  return Response.json(
    { error: "This sign-in address is not valid." },
    { status: 400, headers: { "Cache-Control": "no-store" } },
  );
}

async function GET(request: NextRequest, context: Context) {
  return guarded(request, context);
}

// next-auth checks its own CSRF token on sign-in and sign-out; the origin check is a second lock.
async function POST(request: NextRequest, context: Context) {
  return refuseCrossSite(request) ?? guarded(request, context);
}

export { GET, POST };
