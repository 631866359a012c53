"use client";

import Link from "next/link";
import { ActionForm } from "@/components/form/action-form";
import { Checkbox, TextArea } from "@/components/form/fields";
import { updateProfileAction } from "../actions";
import { ProfileFields } from "./profile-fields";

export function ProfileForm({
  defaults,
}: {
  defaults: {
    displayName: string;
    perspective: string;
    sector: string;
    fieldDetail: string;
    organisationName: string;
    bio: string;
    hideOrganisation: boolean;
    hideSector: boolean;
    hideGroups: boolean;
  };
}) {
  return (
    <ActionForm action={updateProfileAction} submitLabel="Save profile" ariaLabel="Profile">
      <ProfileFields defaults={defaults} />
      <TextArea name="bio" label="About you" optional defaultValue={defaults.bio} maxLength={1000} rows={4} />
      <fieldset className="space-y-2">
        <legend className="font-medium">What others see</legend>
        <Checkbox
          name="hideSector"
          label="Hide my field and role from my public profile"
          defaultChecked={defaults.hideSector}
        />
        <Checkbox
          name="hideOrganisation"
          label="Hide my organisation from my public profile"
          defaultChecked={defaults.hideOrganisation}
        />
        <Checkbox
          name="hideGroups"
          label="Hide the list of my groups from my public profile"
          defaultChecked={defaults.hideGroups}
          hint="Your name still appears on each group's members list and with what you write there."
        />
        <p className="text-sm text-muted">
          Your perspective (practitioner, service user, both or other) is always shown: readers rely on it.
        </p>
      </fieldset>
      <p className="text-sm">
        Which emails you get, and how often:{" "}
        <Link href="/settings/notifications" className="font-medium text-accent underline">
          Email preferences
        </Link>
      </p>
    </ActionForm>
  );
}
