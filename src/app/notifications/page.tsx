import Link from "next/link";
import { ActionForm } from "@/components/form/action-form";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { RelativeTime } from "@/components/ui/relative-time";
import { markAllReadAction } from "@/features/notifications/actions";
import { OpenNotification } from "@/features/notifications/components/open-notification";
import { categoryLabel } from "@/features/notifications/kinds";
import { listNotifications } from "@/features/notifications/queries";
import { zPage } from "@/lib/form-fields";
import { requirePageUser } from "@/server/auth/page-guard";

export const metadata = { title: "Notifications" };

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requirePageUser("/notifications");
  const page = zPage.parse((await searchParams).page);
  const result = await listNotifications(user, page);
  const anyUnread = result.items.some((n) => !n.readAt);
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader
        title="Notifications"
        intro={
          <>
            Everything appears here. Which of it is also emailed, at once or in a daily or weekly digest, is up to you:{" "}
            <Link href="/settings/notifications" className="underline">
              email preferences
            </Link>
            .
          </>
        }
      />
      {anyUnread ? (
        <div className="mb-4">
          <ActionForm action={markAllReadAction} submitLabel="Mark all as read" buttonVariant="secondary" />
        </div>
      ) : null}
      {result.items.length === 0 ? (
        <p className="text-muted">
          Nothing yet. You will hear here about replies to you, mentions, new posts in threads you follow, proposals
          opening and closing on papers you follow, votes on your proposals, and changes to your groups.
        </p>
      ) : (
        <ul className="divide-y divide-line rounded-lg border border-line bg-white">
          {result.items.map((n) => (
            <li key={n.id} className="flex items-start gap-3 px-4 py-3">
              {!n.readAt ? (
                <span className="mt-2 size-2 shrink-0 rounded-full bg-accent" aria-hidden />
              ) : (
                <span className="size-2 shrink-0" aria-hidden />
              )}
              <div className="min-w-0">
                <OpenNotification id={n.id} text={n.text} unread={!n.readAt} />
                <p className="text-sm text-muted">
                  {categoryLabel(n.kind)} · <RelativeTime date={n.createdAt} />
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={result.page} pageCount={result.pageCount} basePath="/notifications" />
    </div>
  );
}
