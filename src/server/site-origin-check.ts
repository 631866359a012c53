// Checks at start-up that a production server knows its public address. No "server-only":
// src/instrumentation.ts imports it.

/**
 * Why this environment cannot serve the site, or null when it can. In production NEXTAUTH_URL
 * must name the public address: links in citations, feeds, downloads and email are built from it,
 * and a guess from each request's Host would let a client choose them. `npm start` on one machine
 * without it sets AUTH_TRUST_HOST (next-auth's own switch for "take the address from the
 * request"), and then links follow the address each request came to.
 */
export function siteOriginProblem(env: NodeJS.ProcessEnv): string | null {
  const url = env.NEXTAUTH_URL?.trim();
  if (url) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return `NEXTAUTH_URL must be the site's public address, such as https://commons.example.org; it is ${JSON.stringify(url)}.`;
    }
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
      return `NEXTAUTH_URL must start with https:// (or http://); it is ${JSON.stringify(url)}.`;
    return null;
  }
  if (env.NODE_ENV !== "production" || env.AUTH_TRUST_HOST) return null;
  return [
    "NEXTAUTH_URL is not set. In production it must be the site's public address, such as",
    "https://commons.example.org: citations, feeds, downloads and email links are built from it.",
    "(`npm start` on one machine runs without it, taking the address from each request.)",
  ].join("\n");
}

/** For src/instrumentation.ts: stops the process with the reason when the address is missing or malformed. */
export function checkSiteOriginOrStop(env: NodeJS.ProcessEnv): void {
  const problem = siteOriginProblem(env);
  if (!problem) return;
  console.error(`\n${problem}\nThe server stops.\n`);
  process.exit(1);
}
