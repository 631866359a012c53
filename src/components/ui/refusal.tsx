import Link from "next/link";
import type { ReactNode } from "react";
import { PageHeader } from "./page-header";

// How a page says "you cannot do this here": one panel, the reason in the words of
// server/authz/refusals.ts, and the next step as a link (back, join the group, sign in).

/** The step after a refusal: a link, and words after it ("Join the group" … "first."). */
export type NextStep = { href: string; label: ReactNode; after?: string };

/**
 * Why the person cannot do this, and what they can do instead. `role="alert"` where the refusal
 * takes the place of the form they came for; `compact` inside a card or a sidebar.
 */
export function Refusal({
  children,
  next,
  role,
  compact = false,
  className = "",
}: {
  children: ReactNode;
  next?: NextStep;
  role?: "alert" | "status";
  compact?: boolean;
  className?: string;
}) {
  const size = compact ? "px-3 py-2 text-sm" : "px-4 py-3";
  return (
    <p role={role} className={`rounded-md border border-line bg-warn-soft ${size} ${className}`.trim()}>
      {children}
      {next ? (
        <>
          {" "}
          <Link href={next.href} className="font-medium underline">
            {next.label}
          </Link>
          {next.after ? ` ${next.after}` : null}
        </>
      ) : null}
    </p>
  );
}

/** A page that is all refusal: its title (the page's one heading), then the reason and the way back. */
export function RefusalPage({
  title,
  children,
  next,
  width = "max-w-2xl",
}: {
  title: string;
  children: ReactNode;
  next?: NextStep;
  width?: "max-w-2xl" | "max-w-3xl";
}) {
  return (
    <div className={`mx-auto ${width}`}>
      <PageHeader title={title} />
      <Refusal next={next}>{children}</Refusal>
    </div>
  );
}
