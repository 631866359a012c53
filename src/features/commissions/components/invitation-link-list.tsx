import { formatDate } from "@/lib/dates";
import { INVITATION_STATE_LABELS } from "../invitation-schemas";
import type { InvitationLinkRow } from "../queries/invitations";
import { InvitationCopyField } from "./invitation-copy-field";
import { InvitationRevokeForm } from "./invitation-revoke-form";

type Link = InvitationLinkRow & { url?: string; organisationName?: string | null };

function usesOf(link: Link) {
  return link.maxUses === null
    ? `${link.uses} joined (no limit)`
    : `${link.uses} of ${link.maxUses} ${link.maxUses === 1 ? "place" : "places"} used`;
}

const shorten = (note: string) => (note.length > 60 ? `${note.slice(0, 59).trimEnd()}…` : note);

/** Invitation links with who made them and how far they have been used; a working one can be copied and revoked. */
export function InvitationLinkList({
  links,
  from,
  empty,
  showGroup = true,
}: {
  links: Link[];
  from: string;
  empty: string;
  showGroup?: boolean;
}) {
  if (links.length === 0) return <p className="text-muted">{empty}</p>;
  return (
    <ul className="space-y-4">
      {links.map((link) => (
        <li key={link.id} className="rounded-lg border border-line bg-white p-4 shadow-sm">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <p className="font-semibold break-words">{link.note}</p>
            <span
              className={`rounded-full border px-2 py-0.5 text-xs font-semibold ${link.state === "ACTIVE" ? "border-accent text-accent" : "border-line text-muted"}`}
            >
              {INVITATION_STATE_LABELS[link.state]}
            </span>
          </div>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            {showGroup ? (
              <>
                <dt className="text-muted">Group</dt>
                <dd className="min-w-0 break-words">{link.group.name}</dd>
              </>
            ) : null}
            {link.organisationName ? (
              <>
                <dt className="text-muted">Organisation</dt>
                <dd>{link.organisationName}</dd>
              </>
            ) : null}
            <dt className="text-muted">Made by</dt>
            <dd>
              {link.createdByName} on {formatDate(link.createdAt)}
            </dd>
            <dt className="text-muted">Used</dt>
            <dd>{usesOf(link)}</dd>
            <dt className="text-muted">{link.expiresAt && link.expiresAt <= new Date() ? "Expired" : "Expires"}</dt>
            <dd>{link.expiresAt ? formatDate(link.expiresAt) : "Never"}</dd>
            {link.revokedAt ? (
              <>
                <dt className="text-muted">Revoked</dt>
                <dd>
                  {formatDate(link.revokedAt)}
                  {link.revokedByName ? ` by ${link.revokedByName}` : ""}
                </dd>
              </>
            ) : null}
          </dl>
          {link.url && link.state === "ACTIVE" ? (
            <div className="mt-3">
              <InvitationCopyField url={link.url} label={`Link for “${shorten(link.note)}”`} />
            </div>
          ) : null}
          {link.state !== "ACTIVE" ? null : (
            <div className="mt-3">
              <InvitationRevokeForm invitationId={link.id} from={from} />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
