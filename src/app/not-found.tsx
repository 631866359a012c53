import Link from "next/link";
import { SignInToSee } from "@/components/layout/sign-in-to-see";
import { getCurrentUser } from "@/server/auth/current-user";

async function signedIn(): Promise<boolean> {
  try {
    return (await getCurrentUser()) !== null;
  } catch {
    return true; // the database is unreachable: offer no sign-in that could not work
  }
}

export default async function NotFound() {
  return (
    <div className="mx-auto max-w-xl text-center">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="mt-2 text-muted">The page may have moved, or you may not have access to it.</p>
      {(await signedIn()) ? null : <SignInToSee />}
      <p className="mt-4">
        <Link href="/" className="font-medium text-accent underline">
          Go to the home page
        </Link>
      </p>
    </div>
  );
}
