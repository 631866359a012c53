import { z } from "zod";

// The public API's inputs and outputs. Responses are built to these schemas and parsed with
// them before they are sent, and /api/openapi.json is generated from the same objects, so the
// description cannot drift from what the API returns.

export const PAGE_SIZE = 20;

/** The named response schemas: each becomes an entry in the OpenAPI document's components. */
export const apiSchemas = z.registry<{ id: string }>();

export const ZPaperListQuery = z.object({
  page: z.coerce
    .number({ error: "page must be a whole number from 1." })
    .int("page must be a whole number from 1.")
    .min(1, "page must be a whole number from 1.")
    .max(10_000, "page can be at most 10000.")
    .default(1),
  group: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/, "group must be a group's slug: lower-case letters, digits and hyphens.")
    .optional(),
});

export const ZPaperIdParam = z.uuid({ error: "paperId must be a paper's id (a UUID)." });
export const ZVersionParam = z.coerce
  .number({ error: "version must be a whole number from 1." })
  .int("version must be a whole number from 1.")
  .min(1, "version must be a whole number from 1.")
  .max(1_000_000, "version must be a whole number from 1.");

const ZDate = z.iso.datetime({ offset: true }).describe("ISO 8601 date and time (UTC)");
const ZUrl = z.url().describe("Absolute URL");
const ZPerspective = z.enum(["PRACTITIONER", "SERVICE_USER", "BOTH", "OTHER"]);
const ZPerspectiveCounts = z.object({ PRACTITIONER: z.int(), SERVICE_USER: z.int(), BOTH: z.int(), OTHER: z.int() });

export const ZApiGroup = z
  .object({ slug: z.string(), name: z.string(), url: ZUrl })
  .register(apiSchemas, { id: "Group" });

export const ZDownloads = z
  .object({ markdown: ZUrl, html: ZUrl, pdf: ZUrl })
  .describe("The version as a Markdown file, a standalone HTML file and a PDF.")
  .register(apiSchemas, { id: "Downloads" });

export const ZVersionSummary = z
  .object({
    version: z.int().min(1),
    title: z.string(),
    publishedAt: ZDate,
    correctionNote: z.string().nullable().describe("What changed since the previous version (null for version 1)."),
    url: ZUrl.describe("The version's permanent page."),
    apiUrl: ZUrl,
    downloads: ZDownloads,
  })
  .register(apiSchemas, { id: "VersionSummary" });

export const ZPaperSummary = z
  .object({
    id: z.uuid(),
    title: z.string().describe("The title of the latest published version."),
    group: ZApiGroup,
    latestVersion: z.int().min(1),
    firstPublishedAt: ZDate,
    latestPublishedAt: ZDate,
    url: ZUrl.describe("The latest version's permanent page."),
    apiUrl: ZUrl,
  })
  .register(apiSchemas, { id: "PaperSummary" });

export const ZPaperList = z
  .object({
    papers: z.array(ZPaperSummary),
    page: z.int().min(1),
    pageSize: z.int(),
    total: z.int().min(0),
    totalPages: z.int().min(0),
    next: ZUrl.nullable().describe("The next page, or null on the last one."),
  })
  .register(apiSchemas, { id: "PaperList" });

export const ZPaperVersions = z
  .object({
    id: z.uuid(),
    title: z.string(),
    group: ZApiGroup,
    versions: z.array(ZVersionSummary).describe("Newest first."),
  })
  .register(apiSchemas, { id: "PaperVersions" });

const ZVotes = z.object({ support: z.int(), oppose: z.int() });

export const ZTally = z
  .object({
    support: z.int(),
    oppose: z.int(),
    abstain: z.int(),
    byPerspective: z
      .object({ practitioners: ZVotes, serviceUsers: ZVotes })
      .describe("Members who are both count towards each."),
  })
  .register(apiSchemas, { id: "Tally" });

export const ZProvenanceProposal = z
  .object({
    number: z.int().min(1).describe("The proposal's number within the paper (#1, #2, …)."),
    kind: z.enum(["AMEND_SECTION", "ADD_SECTION", "REMOVE_SECTION", "RETITLE", "PUBLISH", "ACCEPT_COMMISSION"]),
    author: z.string().nullable().describe("The proposer's display name; null if they deleted their account."),
    tally: ZTally,
    closedAt: ZDate.nullable(),
    mergedRevision: z.int().nullable().describe("The draft revision the proposal's merge created."),
    discussionUrl: ZUrl,
  })
  .register(apiSchemas, { id: "ProvenanceProposal" });

export const ZApiSection = z
  .object({
    anchor: z.string(),
    heading: z.string(),
    markdown: z.string().describe("The section's body as published, in GitHub-flavoured Markdown."),
    url: ZUrl.describe("The section within the version's page."),
    provenanceUrl: ZUrl.describe("The page telling how this section was decided."),
    proposals: z.array(ZProvenanceProposal).describe("The merged proposals that shaped this section, oldest first."),
  })
  .register(apiSchemas, { id: "Section" });

export const ZApiContributors = z
  .object({
    people: z.array(
      z.object({
        displayName: z.string(),
        handle: z.string().nullable(),
        perspective: ZPerspective,
        startedPaper: z.boolean(),
        mergedProposals: z.int(),
      }),
    ),
    commenters: z.int().describe("How many members commented."),
    voters: z.int().describe("How many members voted."),
  })
  .register(apiSchemas, { id: "Contributors" });

export const ZApiCommissionResponse = z
  .object({
    signatory: z.string().describe("Who signed it, with their role, as they wrote it."),
    markdown: z.string().describe("The response, in GitHub-flavoured Markdown."),
    respondedAt: ZDate,
  })
  .describe(
    "The commissioning organisation's signed response, attached after publication. It is the organisation's statement, not the group's.",
  )
  .register(apiSchemas, { id: "CommissionResponse" });

export const ZApiCommission = z
  .object({
    organisation: z.object({
      slug: z.string(),
      name: z.string(),
      verified: z.boolean().describe("Whether the site has verified the organisation (as at publication)."),
      url: ZUrl,
    }),
    url: ZUrl.describe("The commission's page: the brief the organisation set."),
    title: z.string(),
    question: z.string(),
    disclosure: z
      .string()
      .describe("What the organisation provided (Markdown), as it stood when this version was published."),
    independence: z.string().describe("The independence statement published with the report."),
    response: ZApiCommissionResponse.nullable().describe("Null until the organisation responds."),
  })
  .describe("Who commissioned the report, as credited when this version was published.")
  .register(apiSchemas, { id: "Commission" });

export const ZPublicationVersion = z
  .object({
    paperId: z.uuid(),
    version: z.int().min(1),
    title: z.string(),
    question: z.string(),
    summary: z.string(),
    group: ZApiGroup,
    publishedAt: ZDate,
    correctionNote: z.string().nullable(),
    url: ZUrl,
    downloads: ZDownloads,
    licence: z.object({ code: z.string(), name: z.string(), url: z.string() }),
    citation: z.object({ text: z.string(), bibtex: z.string() }),
    sections: z.array(ZApiSection),
    contributors: ZApiContributors,
    participation: z
      .object({ proposed: ZPerspectiveCounts, discussed: ZPerspectiveCounts, voted: ZPerspectiveCounts })
      .describe("How many people of each perspective proposed, discussed and voted."),
    commission: ZApiCommission.nullable().describe("Null when the paper was not commissioned."),
  })
  .register(apiSchemas, { id: "PublicationVersion" });

export const ZApiError = z
  .object({ error: z.object({ code: z.enum(["VALIDATION", "NOT_FOUND", "INTERNAL"]), message: z.string() }) })
  .register(apiSchemas, { id: "Error" });

export type PaperList = z.infer<typeof ZPaperList>;
export type PaperVersions = z.infer<typeof ZPaperVersions>;
export type PublicationVersion = z.infer<typeof ZPublicationVersion>;
