"use client";

import { usePathname } from "next/navigation";
import { type MouseEvent, type ReactNode, useEffect, useRef, useState } from "react";

const PANEL_ID = "site-menu";

const toggleClass =
  "flex min-h-11 min-w-11 items-center justify-center gap-1.5 rounded-md border border-line px-3 text-sm font-semibold text-ink hover:bg-accent-soft aria-expanded:bg-accent-soft lg:hidden";

function MenuIcon({ open }: { open: boolean }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="2">
      {open ? <path d="M5 5l10 10M15 5L5 15" /> : <path d="M3 5h14M3 10h14M3 15h14" />}
    </svg>
  );
}

/**
 * Below the `lg` breakpoint the header's links fold into a panel under the bar; from `lg` up the
 * panel is simply the rest of the row. The panel's contents are rendered on the server and passed
 * in. Without JavaScript the toggle is a link to the panel, which CSS :target shows. Between `lg`
 * and `xl` the search box is a link to the search page, so the row fits the longest name too.
 */
export function SiteHeaderMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const [hydrated, setHydrated] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const pathname = usePathname();

  useEffect(() => setHydrated(true), []);

  // A new page closes the menu (the header stays mounted across client-side navigation).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path changing is the event
  useEffect(() => setOpen(false), [pathname]);

  useEffect(() => {
    if (!open) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    }
    const outside = (target: EventTarget | null) =>
      target instanceof Node && !panel.current?.contains(target) && !button.current?.contains(target);
    function onPointerDown(event: PointerEvent) {
      if (outside(event.target)) setOpen(false);
    }
    // Tab past the last link (or Shift+Tab before the button) leaves the menu: it closes, as a click outside does.
    function onFocusIn(event: FocusEvent) {
      if (outside(event.target)) setOpen(false);
    }
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("focusin", onFocusIn);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("focusin", onFocusIn);
    };
  }, [open]);

  // A link to the page already shown changes no path: close on the click itself.
  function closeOnLink(event: MouseEvent<HTMLDivElement>) {
    if ((event.target as Element).closest("a")) setOpen(false);
  }

  return (
    <>
      {hydrated ? (
        <button
          ref={button}
          type="button"
          aria-expanded={open}
          aria-controls={PANEL_ID}
          onClick={() => setOpen((was) => !was)}
          className={toggleClass}
        >
          <MenuIcon open={open} />
          <span className="max-[359px]:sr-only">Menu</span>
        </button>
      ) : (
        <a href={`#${PANEL_ID}`} className={toggleClass}>
          <MenuIcon open={false} />
          <span className="max-[359px]:sr-only">Menu</span>
        </a>
      )}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: only listens for clicks on the links inside, which keyboards activate too */}
      <div
        id={PANEL_ID}
        ref={panel}
        onClick={closeOnLink}
        onSubmit={() => setOpen(false)}
        className={`${open ? "flex" : "hidden target:flex"} mt-2 w-full basis-full flex-col gap-3 border-t border-line pt-2 pb-3 lg:mt-0 lg:flex lg:w-auto lg:min-w-0 lg:flex-1 lg:basis-auto lg:flex-row lg:flex-wrap lg:items-center lg:justify-between lg:gap-x-4 lg:gap-y-1 lg:border-0 lg:p-0 xl:flex-nowrap`}
      >
        {children}
      </div>
    </>
  );
}
