"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signInPath } from "@/lib/paths";

/**
 * On the "not found" page, for signed-out visitors: members-only pages answer "not found" to
 * anyone who may not see them (so nobody learns they exist), so a member who is signed out is
 * offered to sign in and come back here. Shown for every missing page, so it reveals nothing.
 */
export function SignInToSee() {
  const path = usePathname() || "/";
  return (
    <p className="mt-4">
      Some discussions and papers are for a group&apos;s members only. If you are a member,{" "}
      <Link href={signInPath(path)} className="font-medium text-accent underline">
        sign in
      </Link>{" "}
      to see this page.
    </p>
  );
}
