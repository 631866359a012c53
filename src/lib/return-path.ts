// Where a person may be sent back to after signing in or registering (callbackUrl, returnTo):
// only a path on this site. Pure, so pages, route handlers, next-auth's redirect callback and
// client components all use the same rule.

const BASE = "http://return-path.invalid";

/** Control characters (browsers drop tab and newline inside URLs, so "/\t/evil.example" becomes
 * "//evil.example"), DEL, and backslashes (browsers read "\" as "/"). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: this pattern exists to refuse control characters
const FORBIDDEN = /[\u0000-\u001f\u007f\\]/;

const MAX_LENGTH = 2000;

/**
 * The same-origin path `value` names, normalised (dot segments resolved, unsafe characters
 * percent-encoded), or `fallback` when it is anything else: not a string, too long, holding
 * control characters or backslashes, not starting with exactly one "/", or resolving to another
 * origin or to a path that starts with "//" (as "/..//evil.example" does).
 */
export function safeReturnPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  if (FORBIDDEN.test(value) || !value.startsWith("/") || value.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("/") && !path.startsWith("//") && !FORBIDDEN.test(path) ? path : fallback;
}

/**
 * For next-auth's redirect callback: `url` may be a path or an absolute URL (next-auth's client
 * sends the page's full address by default). Only this site's own addresses are kept; anything
 * else goes to the home page. Returns an absolute URL on `baseUrl`'s origin.
 */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  const origin = new URL(baseUrl).origin;
  let path = "/";
  if (url.startsWith("/")) path = safeReturnPath(url);
  else {
    try {
      const absolute = new URL(url);
      if (absolute.origin === origin && !FORBIDDEN.test(url))
        path = safeReturnPath(`${absolute.pathname}${absolute.search}${absolute.hash}`);
    } catch {
      // not a URL: home
    }
  }
  return `${origin}${path}`;
}

/** Pages that only make sense on the way in (or out): signing in again from them helps nobody. */
const AUTH_PAGES = [
  "/signin",
  "/register",
  "/forgot-password",
  "/reset-password",
  "/confirm-email",
  "/confirm-email-change",
  "/goodbye",
  "/api/auth",
];

function isAuthPage(path: string): boolean {
  const pathname = path.split(/[?#]/, 1)[0];
  return AUTH_PAGES.some((page) => pathname === page || pathname.startsWith(`${page}/`));
}

/**
 * Where a person goes once signed in or registered: `safeReturnPath`, and never back to a sign-in,
 * registration, password or confirmation page (which would greet them with a form they no longer
 * need, or a redirect loop).
 */
export function safeReturnPathAfterAuth(value: unknown, fallback = "/"): string {
  const path = safeReturnPath(value, fallback);
  return path !== fallback && isAuthPage(path) ? fallback : path;
}

/**
 * The return path for "Sign in" and "Register" links on the page at `pathname` + `search` (as
 * `location.search`, with or without its "?"): the page itself, or, on an auth page, the return
 * that page already carries. "/" when there is nothing better, which the links leave out.
 */
/** The request header src/proxy.ts sets to the page's path and query, for links back to it rendered on the server. */
export const PAGE_PATH_HEADER = "x-page-path";

export function returnPathFromPage(pathname: string, search: string): string {
  const query = search.startsWith("?") ? search.slice(1) : search;
  if (isAuthPage(pathname)) return safeReturnPathAfterAuth(new URLSearchParams(query).get("callbackUrl"));
  return safeReturnPathAfterAuth(query ? `${pathname}?${query}` : pathname);
}
