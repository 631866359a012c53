"use client";

import { signOut } from "next-auth/react";
import { forgetDraftAccount } from "@/components/form/draft-account";
import { clearAllDrafts, stopKeepingDrafts } from "@/components/form/draft-store";
import { confirmLeaving } from "@/components/form/leave-guard";

export function SignOutButton({ className }: { className?: string }) {
  const signOutHere = () => {
    // Unsent text on this page is lost by signing out (its draft goes too): ask first, as leaving does.
    if (!confirmLeaving("sign-out")) return;
    // Unsent drafts stay in this browser until sent; on a shared computer the next person must not find them.
    // Nothing typed on this page may be kept again while it unloads either.
    stopKeepingDrafts();
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
