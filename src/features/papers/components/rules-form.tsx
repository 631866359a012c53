import { ActionForm } from "@/components/form/action-form";
import { Checkbox, Hidden, TextField } from "@/components/form/fields";
import { updateRulesAction } from "../actions";
import { DEFAULT_RULES, RULE_LIMITS } from "../decision-rules";
import { hoursInWords } from "../labels";

type Rules = typeof DEFAULT_RULES;

/** The owners' form for a paper's decision rules, each field with its range and default. */
export function RulesForm({ paperId, rules }: { paperId: string; rules: Rules }) {
  const d = DEFAULT_RULES;
  const L = RULE_LIMITS;
  return (
    <ActionForm action={updateRulesAction} submitLabel="Save the rules" ariaLabel="Decision rules">
      <Hidden name="paperId" value={paperId} />
      <TextField
        name="votingPeriodHours"
        label="Voting period, in hours"
        type="number"
        defaultValue={String(rules.votingPeriodHours)}
        hint={`How long voting on each proposal stays open: ${L.votingPeriodHours.min} to ${L.votingPeriodHours.max} hours (${L.votingPeriodHours.max / 24} days). Default: ${hoursInWords(d.votingPeriodHours)}.`}
      />
      <TextField
        name="quorum"
        label="Quorum: the fewest votes for a decision"
        type="number"
        defaultValue={String(rules.quorum)}
        hint={`Support, oppose and abstain all count. At least ${L.quorum.min}. Default: ${d.quorum}.`}
      />
      <TextField
        name="thresholdPercent"
        label="Threshold, in percent"
        type="number"
        defaultValue={String(rules.thresholdPercent)}
        hint={`The share of support among those who support or oppose that a proposal needs to pass: ${L.thresholdPercent.min} to ${L.thresholdPercent.max}. Default: ${d.thresholdPercent}%.`}
      />
      <TextField
        name="publishThresholdPercent"
        label="Threshold for publishing, in percent"
        type="number"
        defaultValue={String(rules.publishThresholdPercent)}
        hint={`The same, for the proposal to publish the paper; at least the threshold above. Default: ${d.publishThresholdPercent}%.`}
      />
      <Checkbox
        name="requireBothPerspectives"
        label="Both perspectives rule"
        defaultChecked={rules.requireBothPerspectives}
        hint="When ticked, a proposal passes only if a majority of the practitioners who voted and a majority of the service users who voted support it, as well as meeting the threshold. People who are both count in each group. Default: off."
      />
    </ActionForm>
  );
}
