import Link from "next/link";
import { DeadLink } from "@/app/_components/link-confirmation";
import { ActionForm } from "@/components/form/action-form";
import { Hidden } from "@/components/form/fields";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { unsubscribeAction } from "@/features/notifications/actions";
import { FREQUENCIES, FREQUENCY_LABELS } from "@/features/notifications/email-topics";
import { describeUnsubscribe } from "@/features/notifications/preferences";

export const metadata = { title: "Email preferences", referrer: "no-referrer" };

/**
 * Where the "stop these emails" link lands, signed in or not: what it is about, how it stands, and
 * one button to turn it off (a GET never changes anything: mail scanners fetch links).
 */
export default async function UnsubscribePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { token } = await searchParams;
  const view = await describeUnsubscribe(token);
  if (!view) {
    return (
      <DeadLink title="This link does not work">
        It may have been cut short by your email program. Sign in and choose what you get under{" "}
        <Link href="/settings/notifications" className="font-medium text-accent underline">
          Settings → Email preferences
        </Link>
        .
      </DeadLink>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <PageHeader title={`Email: ${view.title.toLowerCase()}`} />
      <Card>
        {view.topics.length === 0 ? (
          <p role="status" className="rounded-md border border-accent bg-accent-soft px-4 py-3 text-sm">
            These emails are off: none of your email is sent this way any more.
          </p>
        ) : (
          <>
            <ul className="mb-4 space-y-1 text-sm">
              {view.topics.map((t) => (
                <li key={t.topic}>
                  <span className="font-medium">{t.label}</span>: {FREQUENCY_LABELS[t.frequency].toLowerCase()}
                </li>
              ))}
            </ul>
            {view.topics.some((t) => t.frequency !== "OFF") ? (
              <ActionForm
                action={unsubscribeAction}
                submitLabel="Turn these emails off"
                ariaLabel="Unsubscribe"
                className="space-y-3"
              >
                <Hidden name="token" value={token ?? ""} />
                <Hidden name="frequency" value="OFF" />
              </ActionForm>
            ) : (
              <p role="status" className="rounded-md border border-accent bg-accent-soft px-4 py-3 text-sm">
                These emails are off.
              </p>
            )}
            {view.topics.length === 1 ? (
              // One kind: it can also be turned back on, or moved to a digest, from here.
              <ActionForm
                action={unsubscribeAction}
                submitLabel="Save this choice"
                buttonVariant="secondary"
                ariaLabel="Choose how often"
                className="mt-6 space-y-3"
              >
                <Hidden name="token" value={token ?? ""} />
                <fieldset>
                  <legend className="text-sm font-medium">Or choose how often</legend>
                  <div className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
                    {FREQUENCIES.map((f) => (
                      <label key={f} className="inline-flex items-center gap-2 text-sm">
                        <input
                          type="radio"
                          name="frequency"
                          value={f}
                          defaultChecked={view.topics[0]?.frequency === f}
                          className="size-4"
                        />
                        {FREQUENCY_LABELS[f]}
                      </label>
                    ))}
                  </div>
                </fieldset>
              </ActionForm>
            ) : null}
          </>
        )}
        <p className="mt-4 text-sm">
          You still see everything under Notifications when you sign in. To choose kind by kind:{" "}
          <Link href="/settings/notifications" className="font-medium text-accent underline">
            email preferences
          </Link>
          .
        </p>
      </Card>
    </div>
  );
}
