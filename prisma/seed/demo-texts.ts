// The words of the demo discussions and paper. Fictional, but written the way members write.

export const DEMO_THREADS = [
  {
    group: "welfare-reform",
    author: "ben_k",
    title: "Sanctioned for a missed appointment I was never told about",
    body: "My work coach moved my appointment by text, to a number I had told them was changed. I was sanctioned for four weeks.\n\nHas anyone had a sanction overturned on this basis? What evidence helped?",
    replies: [
      {
        author: "amara",
        toOpening: true,
        body: "Yes: ask for a **mandatory reconsideration** within one month and include the date you reported the new number (your journal will show it). Most of the ones I see on notice failures are overturned.",
      },
      {
        author: "fatima",
        toOpening: true,
        body: "Same happened to a tenant of ours. The journal entry was what won it.",
      },
      { author: "ben_k", toOpening: false, body: "Thank you both. I found the journal entry and sent it off today." },
    ],
  },
  {
    group: "welfare-reform",
    author: "amara",
    title: "What would actually fix the five-week wait?",
    body: "We keep hearing that advances are the answer, but advances are loans that come out of later payments. Before we write this up as a paper: what have you seen work?",
    replies: [
      {
        author: "jo_carer",
        toOpening: true,
        body: "A grant for the first month, not a loan. I took an advance and was short for a year.",
      },
      {
        author: "kwame",
        toOpening: true,
        body: "People leaving prison start with nothing. A payment on the day of release would stop a lot of reoffending in week one.",
      },
    ],
  },
];

export const DEMO_PAPER = {
  group: "welfare-reform",
  author: "amara",
  title: "Ending the five-week wait for Universal Credit",
  question: "How should new Universal Credit claimants be supported during their first assessment period?",
  summary:
    "New claimants wait at least five weeks for their first payment. Advance loans fill the gap but are repaid from later payments, so the hardship moves rather than ends. We propose a non-repayable first payment and faster help for people with no other income.",
  sections: [
    {
      heading: "The problem",
      body: "A new claim is assessed over a one-month period and paid seven days after it ends. People who have just lost a job, left care, fled violence or left prison usually have no savings to cover those weeks.",
    },
    {
      heading: "What claimants tell us",
      body: "Members of this group describe borrowing from family, falling behind on rent and skipping meals.\n\nThe advance is offered, but many do not understand that it is a loan until the deductions start.",
    },
    {
      heading: "Recommendations",
      body: "1. Replace the adavnce with a non-repayable payment for the first assessment period.\n2. Pay the first payment within five working days for people with no other income.\n3. Write to every claimant, in plain words, before any deduction starts.",
    },
  ],
  amendment: {
    find: "falling behind on rent and skipping meals.",
    replace: "falling behind on rent, relying on food banks and skipping meals.",
    rationale: "Food banks are where many of us ended up in week three; the paper should say so.",
  },
  newSection: {
    heading: "Evidence from advice services",
    body: "Advisers in the group see the same pattern: most of the debt they help with in a claimant's first year began as an advance, and rent arrears often start in the first five weeks.",
    rationale: "The paper needs what advisers see, next to what claimants say.",
  },
  publishRationale:
    "The draft answers its question, has evidence from both claimants and advisers, and is ready for councils and MPs to read.",
  openAmendment: {
    find: "2. Pay the first payment within five working days for people with no other income.",
    replace:
      "2. Pay the first payment within five working days for people with no other income, including people leaving prison or care on the day they leave.",
    rationale:
      "People leaving prison or care are the clearest case of having no other income, and the first week is when things go wrong.",
  },
};

/** A charity's commission, posted to two groups: one takes it on, the other is still voting. */
export const DEMO_COMMISSION = {
  organisation: {
    admin: "nadia",
    name: "Riverside Advice Trust",
    kind: "CHARITY" as const,
    website: "https://riverside-advice.example.org",
    description:
      "A local charity giving free advice on benefits, debt and housing in three towns. We commission reports from the people who use and run the services we see every day.",
    verifyReason: "Checked against the Charity Commission register.",
  },
  groups: ["welfare-reform", "guerilla-manifesto"],
  title: "Making benefit sanctions fairer",
  question: "How should benefit sanctions change so that they stop pushing people into crisis?",
  background:
    "Sanctions stop or cut Universal Credit for weeks at a time. Our advisers see the results every day: rent arrears, food bank referrals, people missing appointments because they cannot afford the bus.\n\nWe want to know what would make the system fairer, from the people who live with it and the staff who apply it.",
  scope:
    "Universal Credit sanctions in England since 2020: how they are decided, explained, challenged and ended. Hardship payments are in scope; the level of benefits is not.",
  goodAnswer:
    "- What happens to people when a sanction starts, in their own words\n- Where the process goes wrong, as work coaches and advisers see it\n- Changes that could be made without new legislation, and those that need it",
  disclosure:
    "We fund two evening workshops (room hire, food and travel for participants) and share anonymised casework data on 300 sanction cases from 2024.",
  acceptance: {
    proposer: "ben_k",
    rationale: "This is the group's core subject and we have people on every side of it.",
    supporters: ["amara", "ben_k", "fatima", "jo_carer", "kwame"],
  },
  pendingVote: {
    group: "guerilla-manifesto",
    proposer: "eli_sw",
    rationale: "Sanctions would fit our manifesto's section on dignity.",
  },
};
