import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/form/action-form";
import { Hidden, TextField } from "@/components/form/fields";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { suspendUserAction, unsuspendUserAction } from "@/features/accounts/actions";
import { listUsersForAdmin } from "@/features/accounts/queries";
import { ZGroupListQuery } from "@/features/groups/schemas";
import { formatDate } from "@/lib/dates";
import { personPath } from "@/lib/paths";
import { requirePageUser } from "@/server/auth/page-guard";
import { canOnSite } from "@/server/authz/permissions";

export const metadata = { title: "Members (admin)" };

export default async function AdminUsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const user = await requirePageUser("/admin/users");
  if (!canOnSite(user, "admin.view")) notFound();
  const { q, page } = ZGroupListQuery.parse(await searchParams);
  const result = await listUsersForAdmin(user, { query: q, page });
  return (
    <div>
      <PageHeader
        title="Members"
        intro="Suspend an account site-wide: its sessions end at once, and until the suspension lapses it is read-only (it may sign in to read, see its notifications, download its data or delete itself). Every suspension is recorded in the moderation log."
      />
      {/* biome-ignore lint/a11y/useSemanticElements: <form role="search"> is the ARIA search landmark every browser and screen reader knows; <search> would need a wrapper element and is unknown to pre-2023 browsers */}
      <form role="search" className="mb-6 flex gap-2" action="/admin/users">
        <label htmlFor="admin-q" className="sr-only">
          Search members
        </label>
        <input
          id="admin-q"
          name="q"
          defaultValue={q}
          placeholder="Name or username"
          className="w-full max-w-sm rounded-md border border-line bg-white px-3 py-2"
        />
        <button type="submit" className="rounded-md border border-line bg-white px-4 py-2 font-medium">
          Search
        </button>
      </form>
      <ul className="space-y-3">
        {result.users.map((u) => {
          const suspendedUntil = u.suspendedUntil && u.suspendedUntil > new Date() ? u.suspendedUntil : null;
          return (
            <li key={u.id}>
              <Card className="grid gap-4 md:grid-cols-[1fr_22rem]">
                <div className="min-w-0">
                  <Link href={personPath(u.handle)} className="font-medium text-accent underline">
                    {u.displayName}
                  </Link>
                  <span className="ml-2 text-sm text-muted">
                    @{u.handle} · joined {formatDate(u.createdAt)}
                    {u.siteRole === "ADMIN" ? " · admin" : ""}
                  </span>
                  {suspendedUntil ? (
                    <p className="mt-1 text-sm text-danger">
                      Suspended until {formatDate(suspendedUntil)}: {u.suspensionReason}
                    </p>
                  ) : null}
                </div>
                {u.siteRole === "ADMIN" || u.id === user.id ? null : suspendedUntil ? (
                  <ActionForm action={unsuspendUserAction} submitLabel="Lift suspension" buttonVariant="secondary">
                    <Hidden name="userId" value={u.id} />
                  </ActionForm>
                ) : (
                  <details>
                    <summary className="cursor-pointer text-sm font-medium">Suspend…</summary>
                    <ActionForm
                      action={suspendUserAction}
                      submitLabel="Suspend account"
                      buttonVariant="danger"
                      className="mt-3 space-y-3"
                    >
                      <Hidden name="userId" value={u.id} />
                      <TextField name="days" label="Days" type="number" defaultValue="7" />
                      <TextField name="reason" label="Reason (shown to them and in the log)" maxLength={500} />
                    </ActionForm>
                  </details>
                )}
              </Card>
            </li>
          );
        })}
      </ul>
      <Pagination page={result.page} pageCount={result.pageCount} basePath="/admin/users" params={{ q }} />
    </div>
  );
}
