// Labels for the profile choices (perspective and sector), shared by forms, badges, exports and the seed.

export const PERSPECTIVES = ["PRACTITIONER", "SERVICE_USER", "BOTH", "OTHER"] as const;
export type PerspectiveValue = (typeof PERSPECTIVES)[number];

export const PERSPECTIVE_LABELS: Record<PerspectiveValue, string> = {
  PRACTITIONER: "Practitioner",
  SERVICE_USER: "Service user",
  BOTH: "Practitioner and service user",
  OTHER: "Other",
};

export const PERSPECTIVE_HINTS: Record<PerspectiveValue, string> = {
  PRACTITIONER: "You work in or for a service: nurse, social worker, teacher, adviser, charity staff…",
  SERVICE_USER: "You use or have used a service, or care for someone who does.",
  BOTH: "You do both.",
  OTHER: "Researcher, campaigner, interested citizen…",
};

export const SECTORS = ["HEALTH", "SOCIAL_CARE", "EDUCATION", "HOUSING", "WELFARE", "JUSTICE", "OTHER"] as const;
export type SectorValue = (typeof SECTORS)[number];

export const SECTOR_LABELS: Record<SectorValue, string> = {
  HEALTH: "Health",
  SOCIAL_CARE: "Social care",
  EDUCATION: "Education",
  HOUSING: "Housing",
  WELFARE: "Welfare and benefits",
  JUSTICE: "Justice",
  OTHER: "Other",
};
