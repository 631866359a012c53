import Link from "next/link";
import { ActionForm } from "@/components/form/action-form";
import { Hidden } from "@/components/form/fields";
import { formatDate } from "@/lib/dates";
import { personPath } from "@/lib/paths";
import { removeAdminAction } from "../actions";

type Admin = { userId: string; handle: string; displayName: string; since: Date };

/** The admins, each with remove (or, for yourself, leave) when `manage` is set and another admin would remain. */
export function AdminList({
  organisation,
  admins,
  viewerId,
  manage,
}: {
  organisation: { id: string; slug: string };
  admins: Admin[];
  viewerId: string | null;
  manage: boolean;
}) {
  return (
    <ul className="divide-y divide-line rounded-lg border border-line bg-white">
      {admins.map((admin) => {
        const isMe = admin.userId === viewerId;
        return (
          <li key={admin.userId} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
            <div className="min-w-0">
              <Link href={personPath(admin.handle)} className="font-medium text-accent underline">
                {admin.displayName}
              </Link>{" "}
              <span className="text-sm break-all text-muted">@{admin.handle}</span>
              {isMe ? <span className="text-sm font-medium"> (you)</span> : null}
              <p className="text-sm text-muted">Admin since {formatDate(admin.since)}</p>
            </div>
            {manage && admins.length > 1 ? (
              // A second step, so nobody removes an admin (or themselves) by a stray click.
              <details className="text-right">
                <summary className="cursor-pointer py-2 text-sm font-medium">{isMe ? "Leave…" : "Remove…"}</summary>
                <ActionForm
                  action={removeAdminAction}
                  submitLabel={isMe ? "Stop being an admin" : `Remove ${admin.displayName}`}
                  buttonVariant="danger"
                  className="mt-2"
                  ariaLabel={isMe ? "Stop being an admin" : `Remove ${admin.displayName} as admin`}
                >
                  <Hidden name="organisationId" value={organisation.id} />
                  <Hidden name="userId" value={admin.userId} />
                  <Hidden name="slug" value={organisation.slug} />
                </ActionForm>
              </details>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
