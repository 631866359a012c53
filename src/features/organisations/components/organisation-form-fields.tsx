"use client";

import { SelectField, TextArea, TextField } from "@/components/form/fields";
import { ORGANISATION_KIND_LABELS, ORGANISATION_KINDS } from "../schemas";

export function OrganisationFormFields({
  defaults,
}: {
  defaults?: { name: string; kind: string; website: string | null; description: string };
}) {
  return (
    <>
      <TextField
        name="name"
        label="Name"
        defaultValue={defaults?.name}
        maxLength={120}
        hint="As people know it, e.g. Shelter Cymru."
      />
      <SelectField
        name="kind"
        label="Kind of organisation"
        defaultValue={defaults?.kind ?? "CHARITY"}
        options={ORGANISATION_KINDS.map((value) => ({ value, label: ORGANISATION_KIND_LABELS[value] }))}
      />
      <TextField
        name="website"
        label="Website"
        type="url"
        optional
        defaultValue={defaults?.website ?? ""}
        maxLength={200}
        hint="A full address, e.g. https://example.org"
      />
      <TextArea
        name="description"
        markdown="text"
        label="About the organisation"
        optional
        defaultValue={defaults?.description}
        maxLength={5000}
        rows={8}
        hint="What you do and who you work with. Markdown works: **bold**, [links](https://example.org), lists."
      />
    </>
  );
}
