// Demo content for a first run: people of mixed perspectives and a few groups.
// Every account's password is DEMO_PASSWORD (named in the README).

export const DEMO_PASSWORD = "commons-demo-2026";

type Perspective = "PRACTITIONER" | "SERVICE_USER" | "BOTH" | "OTHER";
type Sector = "HEALTH" | "SOCIAL_CARE" | "EDUCATION" | "HOUSING" | "WELFARE" | "JUSTICE" | "OTHER";

export const DEMO_PEOPLE: {
  handle: string;
  displayName: string;
  perspective: Perspective;
  sector: Sector;
  fieldDetail: string;
  bio: string;
  admin?: boolean;
}[] = [
  {
    handle: "admin",
    // A person's name, as everyone else's: "Site admin" sat next to the header's "Admin" link.
    displayName: "Sam W.",
    perspective: "OTHER",
    sector: "OTHER",
    fieldDetail: "Platform team (site admin)",
    bio: "Looks after the platform.",
    admin: true,
  },
  {
    handle: "amara",
    displayName: "Amara O.",
    perspective: "PRACTITIONER",
    sector: "WELFARE",
    fieldDetail: "Welfare rights adviser",
    bio: "Ten years helping people through benefit claims and appeals.",
  },
  {
    handle: "ben_k",
    displayName: "Ben K.",
    perspective: "SERVICE_USER",
    sector: "WELFARE",
    fieldDetail: "Universal Credit claimant",
    bio: "Claiming UC while caring for my dad.",
  },
  {
    handle: "chloe_midwife",
    displayName: "Chloe R.",
    perspective: "PRACTITIONER",
    sector: "HEALTH",
    fieldDetail: "Community midwife",
    bio: "Early pregnancy unit, then community.",
  },
  {
    handle: "dana",
    displayName: "Dana",
    perspective: "SERVICE_USER",
    sector: "HEALTH",
    fieldDetail: "Two miscarriages",
    bio: "I want the next person to be treated better than I was.",
  },
  {
    handle: "eli_sw",
    displayName: "Eli S.",
    perspective: "PRACTITIONER",
    sector: "SOCIAL_CARE",
    fieldDetail: "Children's social worker",
    bio: "",
  },
  {
    handle: "fatima",
    displayName: "Fatima H.",
    perspective: "BOTH",
    sector: "HOUSING",
    fieldDetail: "Housing officer, formerly in temporary accommodation",
    bio: "I have been on both sides of the desk.",
  },
  {
    handle: "gus",
    displayName: "Gus",
    perspective: "SERVICE_USER",
    sector: "HOUSING",
    fieldDetail: "Private renter",
    bio: "",
  },
  {
    handle: "hannah_t",
    displayName: "Hannah T.",
    perspective: "PRACTITIONER",
    sector: "EDUCATION",
    fieldDetail: "Primary SENCo",
    bio: "Special educational needs coordinator.",
  },
  {
    handle: "ivan",
    displayName: "Ivan P.",
    perspective: "OTHER",
    sector: "OTHER",
    fieldDetail: "Policy researcher",
    bio: "Interested in how policy is made.",
  },
  {
    handle: "jo_carer",
    displayName: "Jo",
    perspective: "SERVICE_USER",
    sector: "SOCIAL_CARE",
    fieldDetail: "Unpaid carer",
    bio: "",
  },
  {
    handle: "kwame",
    displayName: "Kwame A.",
    perspective: "PRACTITIONER",
    sector: "JUSTICE",
    fieldDetail: "Probation officer",
    bio: "",
  },
  {
    handle: "nadia",
    displayName: "Nadia R.",
    perspective: "OTHER",
    sector: "WELFARE",
    fieldDetail: "Policy lead at Riverside Advice Trust",
    bio: "I commission research on the benefits system for a local advice charity.",
  },
  {
    handle: "lena",
    displayName: "Lena M.",
    perspective: "BOTH",
    sector: "HEALTH",
    fieldDetail: "Nurse and patient",
    bio: "Nurse on a gynaecology ward; had a miscarriage in 2023.",
  },
];

export const DEMO_GROUPS: {
  slug: string;
  name: string;
  description: string;
  joinPolicy: "OPEN" | "APPROVAL";
  sector: Sector;
  owner: string;
  moderators: string[];
  members: string[];
  pending?: { handle: string; note: string }[];
}[] = [
  {
    slug: "welfare-reform",
    sector: "WELFARE",
    name: "Welfare reform",
    description:
      "How the benefits system could work for the people who rely on it. Advisers, work coaches and claimants compare what happens in practice with what policy intends: sanctions, waiting times, assessments and the five-week wait.",
    joinPolicy: "OPEN",
    owner: "amara",
    moderators: ["ivan"],
    members: ["ben_k", "fatima", "jo_carer", "gus", "kwame"],
  },
  {
    slug: "miscarriage-care",
    sector: "HEALTH",
    name: "Miscarriage care",
    description:
      "Care after pregnancy loss: what good care looks like in early pregnancy units, A&E and the community, and what should change. Members join by approval so people can speak openly.",
    joinPolicy: "APPROVAL",
    owner: "chloe_midwife",
    moderators: ["lena"],
    members: ["dana", "hannah_t"],
    pending: [{ handle: "jo_carer", note: "My sister went through this last year and I supported her." }],
  },
  {
    slug: "guerilla-manifesto",
    sector: "OTHER",
    name: "Developing a Guerilla Manifesto",
    description:
      "A manifesto written from the ground up: frontline workers and service users set out the ten changes they would make first, with the evidence from their own experience.",
    joinPolicy: "OPEN",
    owner: "fatima",
    moderators: [],
    members: ["amara", "eli_sw", "hannah_t", "kwame", "ivan", "ben_k"],
  },
  {
    slug: "childrens-social-care",
    sector: "SOCIAL_CARE",
    name: "Children's social care",
    description:
      "Social workers, foster carers, care-experienced young people and families on what the children's social care system needs.",
    joinPolicy: "OPEN",
    owner: "eli_sw",
    moderators: [],
    members: ["jo_carer", "hannah_t"],
  },
];
