import Link from "next/link";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { enabledOAuthProviders } from "@/server/auth/options";
import { emailEnabled } from "@/server/email/transport";
import { env } from "@/server/env";

export const metadata = { title: "Privacy: what we store and why" };

const link = "font-medium text-accent underline";

/** One kind of data: what it is, why we keep it, who sees it, and for how long. */
function Stored({
  id,
  title,
  what,
  why,
  who,
  howLong,
}: {
  id: string;
  title: string;
  what: ReactNode;
  why: ReactNode;
  who: ReactNode;
  howLong: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-line bg-white p-5 shadow-sm">
      <h3 id={id} className="text-lg font-semibold">
        {title}
      </h3>
      <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[9rem_1fr] sm:gap-y-2 [&>dd]:mb-2 sm:[&>dd]:mb-0">
        <dt className="font-semibold">What</dt>
        <dd>{what}</dd>
        <dt className="font-semibold">Why</dt>
        <dd>{why}</dd>
        <dt className="font-semibold">Who sees it</dt>
        <dd>{who}</dd>
        <dt className="font-semibold">How long</dt>
        <dd>{howLong}</dd>
      </dl>
    </section>
  );
}

function Contact() {
  const contact = env().PRIVACY_CONTACT?.trim();
  if (!contact) {
    return (
      <>
        This site has not published a contact address yet. The owners and moderators of each group are listed on its
        Members page and can pass your question on to the people who run the site.
      </>
    );
  }
  const href =
    contact.includes("@") && !contact.includes("/")
      ? `mailto:${contact}`
      : /^https?:\/\//.test(contact)
        ? contact
        : null;
  return (
    <>
      Write to{" "}
      {href ? (
        <a href={href} className={link}>
          {contact}
        </a>
      ) : (
        contact
      )}
      . We answer questions about your data and requests we cannot meet through the settings pages.
    </>
  );
}

export default async function PrivacyPage() {
  // Read at request time: the contact address and sign-in providers are set where the site runs, not where it was built.
  await connection();
  const oauth = enabledOAuthProviders().map((p) => p.name);
  const mail = emailEnabled();
  return (
    <article className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Privacy: what we store and why</h1>
      <p className="mt-3 max-w-prose text-lg">
        You can take part here under a made-up name. We never ask for your real name, we never show your email address,
        and our pages load nothing from other sites: no trackers, no adverts, no outside fonts or scripts.
      </p>

      <section aria-labelledby="short-heading" className="mt-8">
        <h2 id="short-heading" className="mb-3 text-xl font-semibold">
          In short
        </h2>
        <ul className="list-disc space-y-2 pl-6">
          <li>
            Your display name can be a pseudonym. Only your display name, your username and what you choose to show on
            your profile are public.
          </li>
          <li>
            On the site, your email address is seen by no one but you: not other members, not moderators, not site
            admins.
          </li>
          <li>
            Site admins see reports and moderation actions. They never see passwords, email addresses or your data
            downloads.
          </li>
          <li>
            The browser itself stops our pages from loading anything from another site (a rule called a content security
            policy), so no one else learns which pages you read.
          </li>
          <li>You can download everything we hold about you, and delete your account, at any time.</li>
        </ul>
      </section>

      <section aria-labelledby="stored-heading" className="mt-10">
        <h2 id="stored-heading" className="mb-3 text-xl font-semibold">
          What we store
        </h2>
        <div className="space-y-4">
          <Stored
            id="stored-account"
            title="Your account"
            what="Your email address, your password as a one-way hash (never the password itself), your username, your display name and the date you joined. If an admin suspends your account, the end date and the reason."
            why={
              <>
                So that you can sign in, and so that accounts can be told apart.
                {mail ? " If you allow it, we also email you about replies and mentions." : ""}
              </>
            }
            who="Your username and display name: everyone. Your email address: only you. A suspension and its reason: you and the site admins."
            howLong="Until you delete your account."
          />
          <Stored
            id="stored-profile"
            title="Your profile"
            what="How you take part (practitioner, someone who uses services, both, or other), your field, your role or service, your organisation, a few words about you, and what you chose to hide."
            why="Readers weigh what is said knowing whether it comes from the people who run a service, the people who use it, or both."
            who={
              <>
                Everyone, except what you hide: you can hide your field and role, your organisation and the list of your
                groups (in{" "}
                <Link href="/settings/profile" className={link}>
                  your profile settings
                </Link>
                ). How you take part is always shown, because the voting results rely on it.
              </>
            }
            howLong="Until you change it or delete your account."
          />
          <Stored
            id="stored-writing"
            title="What you write, and your votes"
            what="Your posts and their earlier versions, the titles of discussions you start, your “agree” and “useful” marks, your proposals and changes to papers, and your votes with the reason you gave and how you took part at the time you voted."
            why="It is the work of the site. Each vote keeps how you took part when you voted, so results do not shift if you later change your profile."
            who="Anyone who can read the group: in open groups that is anyone on the internet, in approval groups only its members. Earlier versions of a post are shown with it. Who voted which way is shown with each proposal."
            howLong={
              <>
                Until you delete it, or delete your account (see{" "}
                <a href="#rights-delete" className={link}>
                  below
                </a>
                ). A published paper is a fixed public record: it is never changed afterwards, and nor is its list of
                contributors.
              </>
            }
          />
          <Stored
            id="stored-groups"
            title="Your groups"
            what="The groups you belong to, your role in each, and the note you wrote when asking to join a group."
            why="Groups decide who takes part in their discussions and votes."
            who="The members list of a group: anyone who can read the group. Your note asking to join: that group's owners and moderators."
            howLong="Until you leave the group or delete your account."
          />
          <Stored
            id="stored-moderation"
            title="Reports and moderation"
            what="Reports you make about posts, with your reason. Actions moderators take, with their reasons: hiding or removing posts, suspensions, role changes."
            why="So that groups can deal with harmful posts, and so that moderation happens in the open."
            who="Your reports: the group's moderators and owners, with your name, and site admins. Moderation actions: anyone who can read the group, in its moderation log."
            howLong="As the group's record. After you delete your account they are shown as by “a former member”."
          />
          <Stored
            id="stored-notifications"
            title="Notifications"
            what="A short line and a link for each reply, mention or change you hear about, and whether you have read it."
            why="To tell you what happened while you were away."
            who={
              mail
                ? "Only you. If you allow emails, they go through this site's mail server to your address."
                : "Only you."
            }
            howLong="Until you delete your account."
          />
          <Stored
            id="stored-sessions"
            title="Signed-in browsers"
            what="For each browser you sign in with: when you signed in, when you were last active, and the browser's name as it reports itself. One cookie holds only the number of that session; next-auth, our sign-in software, adds cookies that protect the sign-in form. There are no other cookies."
            why={
              <>
                To keep you signed in, and so that you can see where you are signed in and sign other browsers out (in{" "}
                <Link href="/settings/security" className={link}>
                  Security
                </Link>
                ).
              </>
            }
            who="Only you."
            howLong="A session ends when you sign out, or after 30 days. The record of an ended session is deleted 30 days after it ends."
          />
          <Stored
            id="stored-two-step"
            title="Two-step sign-in"
            what="Only if you turn it on: the secret your authenticator app shares with us (encrypted), when you turned it on, the last code step used, and your recovery codes as one-way hashes with when each was used."
            why="To check the codes you sign in with, and to refuse a code that was already used."
            who="Only you. Your data download says whether it is on and how many recovery codes are left; it never holds the secret or the codes."
            howLong="Until you turn two-step sign-in off or delete your account; both erase all of it."
          />
          <Stored
            id="stored-exports"
            title="Your data downloads"
            what="The archive of your data you asked for."
            why="So that you can download it when it is ready."
            who="Only you. Not site admins."
            howLong="7 days, then it is deleted."
          />
          <Stored
            id="stored-limits"
            title="Counters that stop abuse"
            what="Counts of attempts, kept under your network (IP) address, the email address tried, or your account: signing in, registering, posting, asking for your data."
            why="To slow down password guessing, mass registration, spam and needless load."
            who="No one: they are never shown."
            howLong="Each counter lasts as long as its limit: a minute for posting, up to an hour for signing in and registering, a day for data downloads. An hourly clean-up removes the old ones."
          />
          <Stored
            id="stored-logs"
            title="Server logs"
            what="Errors and background tasks, with technical reference numbers. Not your password, your IP address or the pages you read. If saving something fails with an error, the log entry may include part of what was being saved."
            why="To find and fix problems."
            who="Only the people who run the server."
            howLong="At most 30 days."
          />
        </div>
      </section>

      {oauth.length > 0 ? (
        <section aria-labelledby="providers-heading" className="mt-10">
          <h2 id="providers-heading" className="mb-3 text-xl font-semibold">
            Signing in with another service
          </h2>
          <p className="max-w-prose">
            If you choose to sign in with {oauth.join(" or ")}, that service learns that you use this site. We store
            only its number for your account there, never a token, and we never post anything through it. Email and
            password always work instead.
          </p>
        </section>
      ) : null}

      <section aria-labelledby="rights-heading" className="mt-10">
        <h2 id="rights-heading" className="mb-3 text-xl font-semibold">
          Your rights, and how to use them
        </h2>
        <ul className="list-disc space-y-3 pl-6">
          <li>
            <span className="font-medium">See and download your data.</span>{" "}
            <Link href="/settings/data" className={link}>
              Your data
            </Link>{" "}
            gives you an archive of your profile, posts, proposals, votes, reports and notifications, as JSON and CSV
            files.
          </li>
          <li>
            <span className="font-medium">Correct it or hide it.</span> Change your profile, or choose what others see,
            in{" "}
            <Link href="/settings/profile" className={link}>
              your profile settings
            </Link>
            . Edit or delete any of your posts from the post itself.
          </li>
          <li id="rights-delete">
            <span className="font-medium">Delete your account.</span> In{" "}
            <Link href="/settings/account" className={link}>
              Delete account
            </Link>{" "}
            you choose between keeping your posts, shown as by “Former member”, and removing their text too (a marker
            keeps each discussion in order). Either way your email address, password, profile and sessions are erased,
            your votes on decided proposals stay counted without your name (those on proposals still open are
            withdrawn), and no one can sign in to the account again. A suspended account is read-only, but it can still
            sign in, download its data and be deleted.
          </li>
          <li>
            <span className="font-medium">Ask us.</span> <Contact />
          </li>
        </ul>
      </section>
    </article>
  );
}
