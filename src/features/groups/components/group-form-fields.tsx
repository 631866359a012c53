"use client";

import { RadioGroup, SelectField, TextArea, TextField } from "@/components/form/fields";
import { SECTOR_LABELS, SECTORS } from "@/lib/perspectives";

export function GroupFormFields({
  defaults,
  withSlug,
  withAutoHide = false,
}: {
  defaults?: {
    name?: string;
    description?: string;
    joinPolicy?: string;
    sector?: string;
    autoHideReportThreshold?: number | null;
  };
  withSlug: boolean;
  /** Settings only: the moderation threshold for hiding reported posts. */
  withAutoHide?: boolean;
}) {
  return (
    <>
      <TextField
        name="name"
        label="Name"
        defaultValue={defaults?.name}
        maxLength={80}
        hint="For example: Miscarriage care."
      />
      {withSlug ? (
        <TextField
          name="slug"
          label="Web address"
          maxLength={50}
          hint="Lower-case letters, numbers and hyphens: /groups/miscarriage-care"
        />
      ) : null}
      <TextArea
        name="description"
        label="What is this group for?"
        defaultValue={defaults?.description}
        maxLength={2000}
        rows={5}
      />
      <SelectField
        name="sector"
        label="Field"
        defaultValue={defaults?.sector ?? "OTHER"}
        options={SECTORS.map((value) => ({ value, label: SECTOR_LABELS[value] }))}
        hint="The area of public services the group works on. Readers can browse published papers by field."
      />
      <RadioGroup
        name="joinPolicy"
        legend="Who can join?"
        defaultValue={defaults?.joinPolicy ?? "OPEN"}
        options={[
          { value: "OPEN", label: "Anyone", hint: "Discussions are public; any member can join at once." },
          {
            value: "APPROVAL",
            label: "By approval",
            hint: "Moderators approve each request; discussions are visible to members only.",
          },
        ]}
      />
      {withAutoHide ? (
        <TextField
          name="autoHideReportThreshold"
          label="Hide a post pending review after this many reports from different members"
          type="number"
          optional
          defaultValue={defaults?.autoHideReportThreshold == null ? "" : String(defaults.autoHideReportThreshold)}
          hint="From 2 to 20. Leave empty to turn this off: reported posts then stay up until a moderator acts."
        />
      ) : null}
    </>
  );
}
