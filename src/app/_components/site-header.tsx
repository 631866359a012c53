// The header on every page. It is composed here, in app/, because it reads the session, the
// notifications count and the account's suspension, and src/components may import no feature.
import { headers } from "next/headers";
import Link from "next/link";
import { Suspense } from "react";
import { SignOutButton } from "@/features/accounts/components/sign-out-button";
import { getOwnSuspension } from "@/features/accounts/queries";
import { countUnreadNotifications } from "@/features/notifications/queries";
import { formatDate } from "@/lib/dates";
import { personPath, registerLinkPath, signInLinkPath } from "@/lib/paths";
import { PAGE_PATH_HEADER, returnPathFromPage } from "@/lib/return-path";
import { getCurrentUser } from "@/server/auth/current-user";
import { isDatabaseUnavailable } from "@/server/errors";
import { AuthLinks, HeaderAuthLinks, HeaderNavLink } from "./site-header-links";
import { SiteHeaderMenu } from "./site-header-menu";

// In the folded menu (phones, tablets) every link is a full-width row 44 px high; from `lg` up they
// sit in one row, still 44 px tall for touch screens on laptops.
const navLink =
  "flex min-h-11 w-full items-center rounded px-3 py-2 text-base font-medium text-ink hover:bg-accent-soft lg:w-auto lg:px-2 lg:py-0 lg:text-sm";
const currentSection = "bg-accent-soft";
const registerLink =
  "flex min-h-11 items-center justify-center rounded-md bg-accent px-3 text-base font-semibold text-white hover:bg-accent-dark lg:min-h-9 lg:text-sm";
const iconLink = "relative flex size-11 shrink-0 items-center justify-center rounded-md text-ink hover:bg-accent-soft";

function SearchIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="2">
      <circle cx="8.5" cy="8.5" r="5.5" />
      <path d="M13 13l4.5 4.5" />
    </svg>
  );
}

function BellIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="2">
      <path d="M5 8a5 5 0 0110 0c0 4 1.5 5.5 2 6H3c.5-.5 2-2 2-6zM8 17a2 2 0 004 0" strokeLinejoin="round" />
    </svg>
  );
}

/** The bell, with the unread count; its name reads "Notifications 3 unread". */
function NotificationsLink({ unread }: { unread: number }) {
  return (
    <HeaderNavLink href="/notifications" className={iconLink} sectionClassName={currentSection}>
      <BellIcon />
      <span className="sr-only">Notifications</span>
      {unread > 0 ? (
        <>
          <span
            aria-hidden="true"
            className="absolute top-0.5 right-0 min-w-5 rounded-full bg-danger px-1 text-center text-xs leading-5 font-bold text-white"
          >
            {unread > 99 ? "99+" : unread}
          </span>
          <span className="sr-only"> {unread} unread</span>
        </>
      ) : null}
    </HeaderNavLink>
  );
}

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
  // Where "Sign in" returns to before the browser's router takes over (and without JavaScript).
  const here = (await headers()).get(PAGE_PATH_HEADER) ?? "/";
  const back = returnPathFromPage(here.split("?")[0] ?? "/", here.includes("?") ? here.slice(here.indexOf("?")) : "");
  return (
    <header className="border-b border-line bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-1 px-4 py-1 lg:flex-nowrap lg:gap-x-4 lg:py-2">
        <Link
          href="/"
          className="mr-auto flex min-h-11 shrink-0 items-center text-base font-bold tracking-tight whitespace-nowrap text-accent-dark min-[360px]:text-lg lg:mr-0"
        >
          Policy Commons
        </Link>
        {/* The folded bar's own shortcuts; from `lg` up the same links are in the row. */}
        <HeaderNavLink href="/search" className={`${iconLink} lg:hidden`} sectionClassName={currentSection}>
          <SearchIcon />
          <span className="sr-only">Search</span>
        </HeaderNavLink>
        {user ? (
          <span className="lg:hidden">
            <NotificationsLink unread={unread} />
          </span>
        ) : null}
        <SiteHeaderMenu>
          <div className="flex flex-col gap-3 lg:flex-row lg:items-center lg:gap-4">
            <nav aria-label="Main">
              <ul className="flex flex-col gap-1 lg:flex-row">
                <li>
                  <HeaderNavLink href="/groups" className={navLink} sectionClassName={currentSection}>
                    Groups
                  </HeaderNavLink>
                </li>
                <li>
                  <HeaderNavLink href="/library" className={navLink} sectionClassName={currentSection}>
                    Library
                  </HeaderNavLink>
                </li>
                <li>
                  <HeaderNavLink href="/organisations" className={navLink} sectionClassName={currentSection}>
                    Organisations
                  </HeaderNavLink>
                </li>
              </ul>
            </nav>
            {/* Between `lg` and `xl` the row has no room for the box: a link to the search page instead. */}
            <HeaderNavLink
              href="/search"
              className={`${iconLink} hidden lg:flex xl:hidden`}
              sectionClassName={currentSection}
            >
              <SearchIcon />
              <span className="sr-only">Search</span>
            </HeaderNavLink>
            {/* biome-ignore lint/a11y/useSemanticElements: <form role="search"> is the ARIA search landmark every browser and screen reader knows; <search> would need a wrapper element and is unknown to pre-2023 browsers */}
            <form role="search" action="/search" className="flex items-center gap-1 lg:hidden xl:flex">
              <label htmlFor="site-search" className="sr-only">
                Search papers and discussions
              </label>
              <input
                id="site-search"
                type="search"
                name="q"
                maxLength={500}
                placeholder="Search"
                className="min-h-11 min-w-0 flex-1 rounded-md border border-line bg-white px-3 text-base xl:min-h-9 xl:w-44 xl:flex-none xl:px-2 xl:text-sm"
              />
              <button type="submit" className={`${iconLink} border border-line xl:size-9`}>
                <SearchIcon />
                <span className="sr-only">Search</span>
              </button>
            </form>
          </div>
          <nav aria-label="Account" className="border-t border-line pt-2 lg:border-0 lg:pt-0">
            {user ? (
              <ul className="flex flex-col gap-1 lg:flex-row lg:items-center">
                <li className="hidden lg:block">
                  <NotificationsLink unread={unread} />
                </li>
                <li className="min-w-0">
                  <HeaderNavLink href={personPath(user.handle)} className={navLink} sectionClassName={currentSection}>
                    {/* A long name is cut short in the row; its link still reads in full. */}
                    <span className="min-w-0 [overflow-wrap:anywhere] lg:max-w-40 lg:truncate xl:max-w-56">
                      {user.displayName}
                    </span>
                  </HeaderNavLink>
                </li>
                <li>
                  <HeaderNavLink
                    href="/settings/profile"
                    section="/settings"
                    className={navLink}
                    sectionClassName={currentSection}
                  >
                    Settings
                  </HeaderNavLink>
                </li>
                {user.siteRole === "ADMIN" ? (
                  <li>
                    <HeaderNavLink
                      href="/admin/users"
                      section="/admin"
                      className={navLink}
                      sectionClassName={currentSection}
                    >
                      Admin
                    </HeaderNavLink>
                  </li>
                ) : null}
                <li>
                  <SignOutButton className={`${navLink} whitespace-nowrap`} />
                </li>
              </ul>
            ) : unavailable ? null : (
              <ul className="flex flex-col gap-2 lg:flex-row lg:items-center">
                <Suspense
                  fallback={
                    <AuthLinks
                      signInHref={signInLinkPath(back)}
                      registerHref={registerLinkPath(back)}
                      signInClassName={navLink}
                      registerClassName={registerLink}
                    />
                  }
                >
                  <HeaderAuthLinks signInClassName={navLink} registerClassName={registerLink} />
                </Suspense>
              </ul>
            )}
          </nav>
        </SiteHeaderMenu>
      </div>
      {suspension ? <SuspensionNotice until={suspension.until} reason={suspension.reason} /> : null}
      {user?.unconfirmed && !suspension ? <UnconfirmedNotice /> : null}
    </header>
  );
}
