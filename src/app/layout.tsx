import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { SiteHeader } from "./_components/site-header";
import "./globals.css";

// The icons and the web app manifest are files in public/ (scripts/make-icons.ts draws the PNGs from
// public/icon.svg). The theme colour is the theme's --color-accent and the manifest's background its
// --color-paper (src/app/globals.css); tests/unit/public-files.test.ts keeps them in step.
export const metadata: Metadata = {
  title: { default: "Policy Commons", template: "%s · Policy Commons" },
  description: "Practitioners and the people who use public services write policy together.",
  applicationName: "Policy Commons",
  manifest: "/manifest.webmanifest",
  icons: {
    // The .ico for clients that read no SVG; "32x32" rather than "any", or Chrome prefers it to the SVG.
    icon: [
      { url: "/favicon.ico", sizes: "32x32" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: [{ url: "/apple-touch-icon.png", sizes: "180x180" }],
  },
  appleWebApp: { capable: true, title: "Commons", statusBarStyle: "default" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0f5e5a" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-GB">
      <body className="min-h-screen font-sans antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" tabIndex={-1} className="mx-auto max-w-5xl px-4 py-8">
          {children}
        </main>
        <footer className="mt-12 border-t border-line px-4 py-6 text-center text-sm text-muted">
          <p>Policy Commons: policy written by the people who run and use public services.</p>
          <p className="mt-2">
            <Link href="/privacy" className="font-medium text-ink underline">
              Privacy: what we store and why
            </Link>
          </p>
        </footer>
      </body>
    </html>
  );
}
