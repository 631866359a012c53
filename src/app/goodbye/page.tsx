import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/server/auth/current-user";

export const metadata = { title: "Your account is deleted", robots: { index: false } };

export default async function GoodbyePage({ searchParams }: { searchParams: Promise<{ posts?: string }> }) {
  // Only someone who is signed out can have just deleted their account.
  if (await getCurrentUser()) redirect("/");
  const { posts } = await searchParams;
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Your account is deleted</h1>
      <div className="mt-4 space-y-3">
        <p>
          Your email address, password and profile are erased, and you are signed out everywhere. No one can sign in to
          this account again.
        </p>
        {posts === "remove" ? (
          <p>The text of your posts is removed. A “deleted” marker keeps each discussion in order.</p>
        ) : posts === "keep" ? (
          <p>Your posts stay in their discussions, shown as by “Former member”.</p>
        ) : null}
        <p>
          Your votes on decided proposals still count, without your name; those on proposals still open were withdrawn.
          Thank you for taking part.
        </p>
      </div>
      <p className="mt-6 flex flex-wrap gap-4">
        <Link href="/" className="font-medium text-accent underline">
          Go to the home page
        </Link>
        <Link href="/privacy" className="font-medium text-accent underline">
          What we keep, and why
        </Link>
      </p>
    </div>
  );
}
