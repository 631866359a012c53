import Link from "next/link";
import { DeadLink } from "@/app/_components/link-confirmation";
import { ActionForm } from "@/components/form/action-form";
import { Hidden } from "@/components/form/fields";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { unsubscribeAction } from "@/features/notifications/actions";
import { FREQUENCY_LABELS } from "@/features/notifications/email-topics";
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
          <p>None of your email is sent this way any more.</p>
        ) : (
          <>
            <ul className="mb-4 space-y-1 text-sm">
              {view.topics.map((t) => (
                <li key={t.topic}>
                  <span className="font-medium">{t.label}</span>: {FREQUENCY_LABELS[t.frequency].toLowerCase()}
                </li>
              ))}
            </ul>
            <ActionForm
              action={unsubscribeAction}
              submitLabel="Turn these emails off"
              ariaLabel="Unsubscribe"
              className="space-y-3"
            >
              <Hidden name="token" value={token ?? ""} />
              <Hidden name="frequency" value="OFF" />
            </ActionForm>
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
