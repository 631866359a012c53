"use client";

import { ActionForm, useFormResult } from "@/components/form/action-form";
import type { EmailFrequency } from "@/generated/prisma/enums";
import { updateEmailPreferencesAction } from "../actions";
import { FREQUENCIES, FREQUENCY_LABELS, type PreferenceTopic, TOPIC_LABELS, TOPICS } from "../email-topics";

function TopicChoice({ topic, current }: { topic: PreferenceTopic; current: EmailFrequency }) {
  const { state } = useFormResult();
  // After a refused save the form shows what the person chose, not what was stored.
  const chosen = (state.values?.[topic] as EmailFrequency | undefined) ?? current;
  const { label, hint } = TOPIC_LABELS[topic];
  return (
    <fieldset className="rounded-md border border-line p-3" aria-describedby={`${topic}-hint`}>
      <legend className="px-1 font-medium">{label}</legend>
      <p id={`${topic}-hint`} className="mb-2 text-sm text-muted">
        {hint}
      </p>
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        {FREQUENCIES.map((f) => (
          <label key={f} className="inline-flex items-center gap-2 text-sm">
            <input type="radio" name={topic} value={f} defaultChecked={chosen === f} className="size-4" />
            {FREQUENCY_LABELS[f]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Per kind of notification: email at once, in a daily or weekly digest, or not at all. */
export function EmailPreferencesForm({ current }: { current: Record<PreferenceTopic, EmailFrequency> }) {
  return (
    <ActionForm
      action={updateEmailPreferencesAction}
      submitLabel="Save email preferences"
      ariaLabel="Email preferences"
    >
      {TOPICS.map((topic) => (
        <TopicChoice key={topic} topic={topic} current={current[topic]} />
      ))}
    </ActionForm>
  );
}
