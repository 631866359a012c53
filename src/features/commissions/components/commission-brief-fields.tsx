import { TextArea, TextField } from "@/components/form/fields";
import { COMMISSION_LIMITS as L } from "../limits";

export type BriefDefaults = {
  title: string;
  question: string;
  background: string;
  scope: string;
  goodAnswer: string;
  disclosure: string;
  contributionsOpenAt: string;
  draftingFrom: string;
  deadlineAt: string;
};

/** A date as a date input's value (YYYY-MM-DD, UTC). */
export const dayValue = (date: Date) => date.toISOString().slice(0, 10);

/** The brief and timeline fields, shared by the new and edit forms. */
export function CommissionBriefFields({ defaults }: { defaults?: BriefDefaults }) {
  return (
    <>
      <TextField
        name="title"
        label="Title"
        defaultValue={defaults?.title}
        maxLength={L.title}
        hint="A short name for the report, e.g. “Making benefit sanctions fairer”."
      />
      <TextArea
        name="question"
        label="The question"
        rows={2}
        defaultValue={defaults?.question}
        maxLength={L.question}
        hint="The one question you want answered."
      />
      <TextArea
        name="background"
        markdown="text"
        label="Background"
        rows={6}
        defaultValue={defaults?.background}
        maxLength={L.background}
        hint="Why you are asking, and what is known already. Markdown works."
      />
      <TextArea
        name="scope"
        markdown="text"
        label="Scope"
        rows={4}
        defaultValue={defaults?.scope}
        maxLength={L.scope}
        hint="What is in and out: services, places, years, people."
      />
      <TextArea
        name="goodAnswer"
        markdown="text"
        label="What a good answer would include"
        rows={4}
        defaultValue={defaults?.goodAnswer}
        maxLength={L.goodAnswer}
      />
      <TextArea
        name="disclosure"
        markdown="text"
        label="What your organisation provides"
        rows={4}
        defaultValue={defaults?.disclosure}
        maxLength={L.disclosure}
        hint="Funding, data, access to services or people — or say that you provide nothing beyond the brief. It is shown with the report, and published versions keep it as it stood."
      />
      <fieldset className="space-y-4">
        <legend className="font-medium">Timeline</legend>
        <p className="text-sm text-muted">
          Dates are in UTC. They guide the group and the reminders it gets; nothing closes or is forced when a date
          passes.
        </p>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            name="contributionsOpenAt"
            type="date"
            label="Contributions open"
            defaultValue={defaults?.contributionsOpenAt}
          />
          <TextField name="draftingFrom" type="date" label="Drafting starts" defaultValue={defaults?.draftingFrom} />
          <TextField
            name="deadlineAt"
            type="date"
            label="Publication deadline"
            defaultValue={defaults?.deadlineAt}
            hint="The end of this day."
          />
        </div>
      </fieldset>
    </>
  );
}
