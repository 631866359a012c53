"use client";

import { RadioGroup, TextArea, TextField } from "@/components/form/fields";

export function GroupFormFields({ defaults, withSlug }: { defaults?: { name?: string; description?: string; joinPolicy?: string }; withSlug: boolean }) {
  return (
    <>
      <TextField name="name" label="Name" defaultValue={defaults?.name} maxLength={80} hint="For example: Miscarriage care." />
      {withSlug ? (
        <TextField name="slug" label="Web address" maxLength={50} hint="Lower-case letters, numbers and hyphens: /groups/miscarriage-care" />
      ) : null}
      <TextArea name="description" label="What is this group for?" defaultValue={defaults?.description} maxLength={2000} rows={5} />
      <RadioGroup
        name="joinPolicy"
        legend="Who can join?"
        defaultValue={defaults?.joinPolicy ?? "OPEN"}
        options={[
          { value: "OPEN", label: "Anyone", hint: "Discussions are public; any member can join at once." },
          { value: "APPROVAL", label: "By approval", hint: "Moderators approve each request; discussions are visible to members only." },
        ]}
      />
    </>
  );
}
