import { z } from "zod";
import { apiSchemas, PAGE_SIZE } from "./schemas";

/**
 * The OpenAPI 3.1 description of the public API. Component schemas are generated from the zod
 * schemas the responses are parsed with (OpenAPI 3.1 uses JSON Schema 2020-12, which is what
 * zod emits), so the two cannot disagree.
 */
export function openApiDocument(origin: string) {
  const { schemas } = z.toJSONSchema(apiSchemas, { uri: (id) => `#/components/schemas/${id}`, io: "output" }) as {
    schemas: Record<string, Record<string, unknown>>;
  };
  // Each component is embedded in the document, so it needs neither its own $schema nor an $id.
  const components = Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]),
  );
  const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
  const json = (description: string, id: string) => ({
    description,
    content: { "application/json": { schema: ref(id) } },
  });
  const errors = {
    "400": json("A parameter is not valid; the message says which and why.", "Error"),
    "404": json("Nothing published at that address.", "Error"),
  };
  const paperId = {
    name: "paperId",
    in: "path",
    required: true,
    description: "The paper's id, as in the list.",
    schema: { type: "string", format: "uuid" },
  };

  return {
    openapi: "3.1.0",
    info: {
      title: "Policy Commons published papers",
      version: "1.0.0",
      description:
        "Read-only access to published versions of papers: public, no account or key needed, CORS open to every site. " +
        "Published versions never change; a correction is a new version. A commissioned report may later gain its organisation's signed response (the version's `commission.response`). Texts are licensed as each version says (CC BY 4.0 by default).",
    },
    servers: [{ url: origin }],
    paths: {
      "/api/papers": {
        get: {
          operationId: "listPapers",
          summary: "Published papers, the most recently published first",
          parameters: [
            {
              name: "page",
              in: "query",
              required: false,
              description: `Page number, from 1; ${PAGE_SIZE} papers a page.`,
              schema: { type: "integer", minimum: 1, maximum: 10000, default: 1 },
            },
            {
              name: "group",
              in: "query",
              required: false,
              description: "Only papers of the group with this slug.",
              schema: { type: "string", pattern: "^[a-z0-9-]{1,80}$" },
            },
          ],
          responses: { "200": json("One page of papers.", "PaperList"), ...errors },
        },
      },
      "/api/papers/{paperId}": {
        get: {
          operationId: "getPaper",
          summary: "A paper's published versions, newest first",
          parameters: [paperId],
          responses: { "200": json("The paper and its versions.", "PaperVersions"), ...errors },
        },
      },
      "/api/papers/{paperId}/versions/{version}": {
        get: {
          operationId: "getPaperVersion",
          summary: "One published version, with its sections and how each was decided",
          parameters: [
            paperId,
            {
              name: "version",
              in: "path",
              required: true,
              description: "The version number: 1, 2, …",
              schema: { type: "integer", minimum: 1 },
            },
          ],
          responses: { "200": json("The published version.", "PublicationVersion"), ...errors },
        },
      },
    },
    components: { schemas: components },
  };
}
