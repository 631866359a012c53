"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import type { ReactNode } from "react";
import { registerLinkPath, signInLinkPath } from "@/lib/paths";
import { returnPathFromPage } from "@/lib/return-path";

// The header is rendered once in the root layout and kept across client-side navigation, so what
// depends on the page (the current link, where "Sign in" returns to) is read here, in the browser's
// router, rather than on the server.

/** A header link that marks itself as the current page, and as the current section below `section` (itself by default). */
export function HeaderNavLink({
  href,
  section = href,
  className,
  sectionClassName,
  children,
}: {
  href: string;
  section?: string;
  className: string;
  sectionClassName: string;
  children: ReactNode;
}) {
  const pathname = usePathname();
  const current = pathname === href;
  const inSection = current || pathname === section || pathname.startsWith(`${section}/`);
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={`${className} ${inSection ? sectionClassName : ""}`}
    >
      {children}
    </Link>
  );
}

/**
 * "Sign in" and "Register", returning to this page afterwards. Rendered inside a <Suspense> whose
 * fallback is the same links without a return (useSearchParams needs one).
 */
export function HeaderAuthLinks({
  signInClassName,
  registerClassName,
}: {
  signInClassName: string;
  registerClassName: string;
}) {
  const pathname = usePathname();
  const search = useSearchParams();
  const back = returnPathFromPage(pathname, search.toString());
  return (
    <AuthLinks
      signInHref={signInLinkPath(back)}
      registerHref={registerLinkPath(back)}
      signInClassName={signInClassName}
      registerClassName={registerClassName}
    />
  );
}

export function AuthLinks({
  signInHref,
  registerHref,
  signInClassName,
  registerClassName,
}: {
  signInHref: string;
  registerHref: string;
  signInClassName: string;
  registerClassName: string;
}) {
  return (
    <>
      <li>
        <Link href={signInHref} className={signInClassName}>
          Sign in
        </Link>
      </li>
      <li>
        <Link href={registerHref} className={registerClassName}>
          Register
        </Link>
      </li>
    </>
  );
}
