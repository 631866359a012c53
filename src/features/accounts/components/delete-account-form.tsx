"use client";

import type { ComponentProps, ReactNode } from "react";
import { ActionForm } from "@/components/form/action-form";
import { Checkbox, RadioGroup, TextField } from "@/components/form/fields";

/** Deleting also withdraws the person's open votes, so the actions are wired in app/ (src/app/actions/memberships.ts). */
type Action = ComponentProps<typeof ActionForm>["action"];

const POSTS_OPTIONS = [
  {
    value: "keep",
    label: "Keep my posts, shown as by “Former member”",
    hint: "Your words stay in their discussions, so replies to you still make sense. Nothing on them says who you were.",
  },
  {
    value: "remove",
    label: "Remove the text of my posts as well",
    hint:
      "Each post is replaced by a “deleted” marker, so the replies to it stay in place. The earlier versions of your posts " +
      "and the reasons you gave with your votes go too. The titles of discussions you started stay.",
  },
];

const PostsChoice = () => (
  <RadioGroup name="posts" legend="What should happen to your posts?" options={POSTS_OPTIONS} />
);
const Understood = () => <Checkbox name="understood" label="I understand that deleting my account cannot be undone." />;

/** For the signed-in person: confirmed with their password, or by typing their username if they have none. */
export function DeleteAccountForm({
  handle,
  hasPassword,
  action,
}: {
  handle: string;
  hasPassword: boolean;
  action: Action;
}) {
  return (
    <DeleteForm action={action} ariaLabel="Delete your account">
      <PostsChoice />
      {hasPassword ? (
        <TextField
          name="password"
          label="Your password"
          type="password"
          autoComplete="current-password"
          hint="To make sure it is really you."
        />
      ) : (
        <TextField
          name="confirmHandle"
          label={`Type your username, ${handle}, to confirm`}
          autoComplete="off"
          maxLength={60}
        />
      )}
      <Understood />
    </DeleteForm>
  );
}

/** For someone who cannot sign in (a suspension blocks signing in, not leaving): email and password instead. */
export function DeleteAccountWithPasswordForm({ action }: { action: Action }) {
  return (
    <DeleteForm action={action} ariaLabel="Delete an account without signing in">
      <TextField name="email" label="Email" type="email" autoComplete="email" />
      <TextField name="password" label="Password" type="password" autoComplete="current-password" />
      <TextField
        name="code"
        label="Two-step code"
        optional
        autoComplete="one-time-code"
        hint="Only if you turned on two-step sign-in: the 6-digit code from your app, or a recovery code."
      />
      <PostsChoice />
      <Understood />
    </DeleteForm>
  );
}

/** The form both ways of deleting an account share: its danger button and what it says while working. */
function DeleteForm({ action, ariaLabel, children }: { action: Action; ariaLabel: string; children: ReactNode }) {
  return (
    <ActionForm
      action={action}
      submitLabel="Delete my account"
      pendingLabel="Deleting your account…"
      buttonVariant="danger"
      ariaLabel={ariaLabel}
    >
      {children}
    </ActionForm>
  );
}
