// The header on every page. It is composed here, in app/, because it reads the session, the
// notifications count and the account's suspension, and src/components may import no feature.
import Link from "next/link";
import { SignOutButton } from "@/features/accounts/components/sign-out-button";
import { getOwnSuspension } from "@/features/accounts/queries";
import { countUnreadNotifications } from "@/features/notifications/queries";
import { formatDate } from "@/lib/dates";
import { personPath } from "@/lib/paths";
import { getCurrentUser } from "@/server/auth/current-user";
import { isDatabaseUnavailable } from "@/server/errors";

const navLink = "rounded px-2 py-1 text-sm font-medium text-ink hover:bg-accent-soft";

/** The signed-in account, or "unavailable" while the database cannot be reached (the page below says so). */
async function accountState() {
  try {
    const user = await getCurrentUser();
    return {
      user,
      unread: await countUnreadNotifications(user),
      suspension: await getOwnSuspension(user),
      unavailable: false,
    };
  } catch (error) {
    // The header is on every page, including the error page: it must not turn an outage into a blank page.
    if (!isDatabaseUnavailable(error)) throw error;
    return { user: null, unread: 0, suspension: null, unavailable: true };
  }
}

/** Until the address is confirmed the account reads but takes no part (permissions.ts, UNCONFIRMED): every page says why. */
function UnconfirmedNotice() {
  return (
    <div className="border-t border-amber-300 bg-amber-50">
      <p className="mx-auto max-w-5xl px-4 py-2 text-sm">
        <strong>Confirm your email address to post, propose and vote.</strong> Follow the link we emailed you. Until
        then you can read, join groups and set up your profile.{" "}
        <Link href="/settings/email" className="font-medium underline">
          Send the link again or change the address
        </Link>
      </p>
    </div>
  );
}

/** A suspended account is read-only (src/server/authz/permissions.ts): it says so on every page, with what is still open. */
function SuspensionNotice({ until, reason }: { until: Date; reason: string | null }) {
  return (
    <div className="border-t border-danger bg-danger-soft">
      <p className="mx-auto max-w-5xl px-4 py-2 text-sm">
        <strong>Your account is suspended until {formatDate(until)}</strong>
        {reason ? `: ${reason.replace(/[.!?]+$/, "")}.` : "."} Until then you can read, see your notifications,{" "}
        <Link href="/settings/data" className="font-medium underline">
          download your data
        </Link>{" "}
        or{" "}
        <Link href="/settings/account" className="font-medium underline">
          delete your account
        </Link>
        , but not post, vote or change anything.
      </p>
    </div>
  );
}

export async function SiteHeader() {
  const { user, unread, suspension, unavailable } = await accountState();
  return (
    <header className="border-b border-line bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <Link href="/" className="text-lg font-bold tracking-tight text-accent-dark">
            Policy Commons
          </Link>
          <nav aria-label="Main">
            <ul className="flex gap-1">
              <li>
                <Link href="/groups" className={navLink}>
                  Groups
                </Link>
              </li>
              <li>
                <Link href="/library" className={navLink}>
                  Library
                </Link>
              </li>
              <li>
                <Link href="/organisations" className={navLink}>
                  Organisations
                </Link>
              </li>
            </ul>
          </nav>
          {/* biome-ignore lint/a11y/useSemanticElements: <form role="search"> is the ARIA search landmark every browser and screen reader knows; <search> would need a wrapper element and is unknown to pre-2023 browsers */}
          <form role="search" action="/search" className="flex items-center gap-1">
            <label htmlFor="site-search" className="sr-only">
              Search papers and discussions
            </label>
            <input
              id="site-search"
              type="search"
              name="q"
              maxLength={500}
              placeholder="Search"
              className="w-28 rounded-md border border-line bg-white px-2 py-1 text-sm sm:w-40"
            />
            <button type="submit" className={navLink}>
              Search
            </button>
          </form>
        </div>
        <nav aria-label="Account">
          {user ? (
            <ul className="flex flex-wrap items-center gap-1">
              <li>
                <Link href="/notifications" className={navLink}>
                  Notifications
                  {unread > 0 ? (
                    <span className="ml-1 rounded-full bg-danger px-1.5 py-0.5 text-xs font-bold text-white">
                      {unread}
                      <span className="sr-only"> unread</span>
                    </span>
                  ) : null}
                </Link>
              </li>
              <li>
                <Link href={personPath(user.handle)} className={navLink}>
                  {user.displayName}
                </Link>
              </li>
              <li>
                <Link href="/settings/profile" className={navLink}>
                  Settings
                </Link>
              </li>
              {user.siteRole === "ADMIN" ? (
                <li>
                  <Link href="/admin/users" className={navLink}>
                    Admin
                  </Link>
                </li>
              ) : null}
              <li>
                <SignOutButton className={navLink} />
              </li>
            </ul>
          ) : unavailable ? null : (
            <ul className="flex items-center gap-2">
              <li>
                <Link href="/signin" className={navLink}>
                  Sign in
                </Link>
              </li>
              <li>
                <Link
                  href="/register"
                  className="rounded-md bg-accent px-3 py-1.5 text-sm font-semibold text-white hover:bg-accent-dark"
                >
                  Register
                </Link>
              </li>
            </ul>
          )}
        </nav>
      </div>
      {suspension ? <SuspensionNotice until={suspension.until} reason={suspension.reason} /> : null}
      {user?.unconfirmed && !suspension ? <UnconfirmedNotice /> : null}
    </header>
  );
}
