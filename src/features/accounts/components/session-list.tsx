import { ActionForm } from "@/components/form/action-form";
import { Hidden } from "@/components/form/fields";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { deviceName } from "@/lib/device-name";
import { revokeSessionAction } from "../actions";

type Session = { id: string; createdAt: Date; lastSeenAt: Date; userAgent: string };

/**
 * The browsers a person is signed in on, named as people name them ("Chrome on Android"); the
 * string the browser sent stays one click away, for telling two of the same kind apart.
 */
export function SessionList({
  sessions,
  currentId,
  now = new Date(),
}: {
  sessions: Session[];
  currentId: string | undefined;
  now?: Date;
}) {
  // This browser first, then the others as the query ordered them (most recently active first).
  const ordered = [...sessions].sort((a, b) => Number(b.id === currentId) - Number(a.id === currentId));
  return (
    <ul className="space-y-3" aria-label="Signed-in browsers: this one first, then the most recently active">
      {ordered.map((s) => {
        const current = s.id === currentId;
        return (
          <li key={s.id}>
            <Card className="flex flex-wrap items-center justify-between gap-3">
              <div className="min-w-0">
                <p className="font-medium break-words">
                  {deviceName(s.userAgent)}
                  {current ? <span className="ml-2 text-sm font-normal text-muted">(this browser)</span> : null}
                </p>
                <p className="text-sm text-muted">
                  Last active <RelativeTime date={s.lastSeenAt} now={now} /> · signed in{" "}
                  <RelativeTime date={s.createdAt} />
                </p>
                {s.userAgent ? (
                  <details className="mt-1 text-sm text-muted">
                    <summary className="cursor-pointer underline-offset-2 hover:underline">
                      What the browser sent
                    </summary>
                    <p className="mt-1 break-all font-mono text-xs">{s.userAgent}</p>
                  </details>
                ) : null}
              </div>
              {current ? null : (
                <ActionForm
                  action={revokeSessionAction}
                  submitLabel="Sign out this browser"
                  buttonVariant="secondary"
                  className="flex flex-col gap-2"
                >
                  <Hidden name="sessionId" value={s.id} />
                </ActionForm>
              )}
            </Card>
          </li>
        );
      })}
    </ul>
  );
}
