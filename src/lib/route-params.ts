// The shapes of the values in the app's addresses (`/threads/[threadId]`, `/groups/[slug]`, …).
// A value of another shape names nothing: pages answer the 404 page and APIs a 400 before any query
// runs, so nothing malformed (a NUL byte, 5,000 characters, "../..", a number too big for a column)
// reaches the database, where it would fail as an error rather than as "not found".
// Pages use src/server/route-params.ts; the test e2e/malformed-addresses.spec.ts tries every route.

const SHAPES = {
  /** Row ids: threads, posts, proposals, commissions, notifications, exports, invitations. */
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /**
   * Group, organisation and paper addresses and section anchors: what slugify makes (lower-case
   * letters, digits, hyphens). Upper case is let through because the lookups lower-case it.
   */
  slug: /^[a-z0-9-]{1,100}$/i,
  /** Usernames: letters, digits and underscores (ZHandle), looked up lower-cased. */
  handle: /^[a-z0-9_]{1,60}$/i,
  /** Version numbers: a whole number from 1, small enough for an int column. */
  version: /^[1-9]\d{0,8}$/,
  /** Invitation link tokens: 32 random bytes, base64url (ZInvitationToken). */
  token: /^[A-Za-z0-9_-]{43}$/,
} as const;

export type ParamShape = keyof typeof SHAPES;

export function isParamOfShape(shape: ParamShape, value: unknown): value is string {
  return typeof value === "string" && SHAPES[shape].test(value);
}

/**
 * Whether some segment of a path cannot be percent-decoded (`/groups/%E0%A4%A`, `/groups/100%`).
 * Next.js fails on such a path before any route runs and answers 500, so src/proxy.ts answers it
 * first (src/server/malformed-address.ts).
 */
export function hasMalformedPercentEncoding(pathname: string): boolean {
  return pathname.split("/").some((segment) => {
    try {
      decodeURIComponent(segment);
      return false;
    } catch {
      return true;
    }
  });
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: this pattern exists to strip control characters (PostgreSQL refuses NUL)
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]+/g;

/**
 * Free text from a query string (`?q=`), made safe to search with: no NUL or other control
 * characters (PostgreSQL cannot take NUL in text), no broken Unicode, trimmed and bounded.
 * Junk is cleaned rather than refused: a search box should never answer with an error page.
 */
export function cleanSearchText(value: unknown, max = 100): string {
  if (typeof value !== "string") return "";
  return value.toWellFormed().replace(CONTROL_CHARACTERS, " ").trim().slice(0, max).toWellFormed().trim();
}
