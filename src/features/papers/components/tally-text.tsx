/** "5 support · 1 oppose · 0 abstain", in words so it never depends on colour. */
export function TallyText({ tally }: { tally: { support: number; oppose: number; abstain: number } }) {
  return (
    <span>
      {tally.support} support · {tally.oppose} oppose · {tally.abstain} abstain
    </span>
  );
}
