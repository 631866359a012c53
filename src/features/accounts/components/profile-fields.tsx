"use client";

import { RadioGroup, SelectField, TextField } from "@/components/form/fields";
import { PERSPECTIVE_HINTS, PERSPECTIVE_LABELS, PERSPECTIVES, SECTOR_LABELS, SECTORS } from "@/lib/perspectives";

/** The profile questions, shared by registration and the profile page. */
export function ProfileFields({
  defaults,
}: {
  defaults?: {
    displayName?: string;
    perspective?: string;
    sector?: string;
    fieldDetail?: string;
    organisationName?: string | null;
  };
}) {
  return (
    <>
      <TextField
        name="displayName"
        label="Display name"
        defaultValue={defaults?.displayName}
        hint="Shown with everything you write. A pseudonym is fine."
        autoComplete="nickname"
        maxLength={60}
      />
      <RadioGroup
        name="perspective"
        legend="How do you take part?"
        defaultValue={defaults?.perspective}
        options={PERSPECTIVES.map((p) => ({ value: p, label: PERSPECTIVE_LABELS[p], hint: PERSPECTIVE_HINTS[p] }))}
      />
      <SelectField
        name="sector"
        label="Field"
        defaultValue={defaults?.sector ?? "HEALTH"}
        options={SECTORS.map((s) => ({ value: s, label: SECTOR_LABELS[s] }))}
      />
      <TextField
        name="fieldDetail"
        label="Your role or service"
        optional
        defaultValue={defaults?.fieldDetail}
        hint="For example: community midwife, universal credit claimant, school SENCo."
        maxLength={100}
      />
      <TextField
        name="organisationName"
        label="Organisation"
        optional
        defaultValue={defaults?.organisationName ?? ""}
        maxLength={120}
      />
    </>
  );
}
