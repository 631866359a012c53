"use client";

import { signOut } from "next-auth/react";
import { forgetDraftAccount } from "@/components/form/draft-account";
import { clearAllDrafts } from "@/components/form/draft-store";

export function SignOutButton({ className }: { className?: string }) {
  const signOutHere = () => {
    // Unsent drafts stay in this browser until sent; on a shared computer the next person must not find them.
    clearAllDrafts();
    forgetDraftAccount();
    void signOut({ callbackUrl: "/" });
  };
  return (
    <button type="button" className={className} onClick={signOutHere}>
      Sign out
    </button>
  );
}
