import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/server/auth/options";
import { refuseCrossSite } from "@/server/same-origin";

const handler = NextAuth(authOptions);

// next-auth checks its own CSRF token on sign-in and sign-out; the origin check is a second lock.
async function POST(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  return refuseCrossSite(request) ?? handler(request, context);
}

export { handler as GET, POST };
