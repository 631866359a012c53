import type { CurrentUser } from "@/server/auth/session-store";
import type { getThreadHeader } from "@/features/discussions/queries";
import type { PostSlots } from "@/features/discussions/components/thread-view";

type Header = Awaited<ReturnType<typeof getThreadHeader>>;

/** What other features add to a thread page for this viewer: moderation controls and report forms. */
export function threadPageExtras(header: Header, viewer: CurrentUser | null): { slots: PostSlots; threadControls?: React.ReactNode } {
  void header;
  void viewer;
  return { slots: () => ({}) };
}
