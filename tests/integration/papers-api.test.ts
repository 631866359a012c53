import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { GET as getOpenApi } from "@/app/api/openapi.json/route";
import { GET as getPaper } from "@/app/api/papers/[paperId]/route";
import { GET as getVersion } from "@/app/api/papers/[paperId]/versions/[version]/route";
import { GET as listPapers } from "@/app/api/papers/route";
import {
  apiSchemas,
  ZApiError,
  ZPaperList,
  ZPaperVersions,
  ZPublicationVersion,
} from "@/features/publishing/api/schemas";
import { makeUser } from "./helpers/factories";
import { makePaper } from "./helpers/paper-factories";
import { makePublication, PUBLISHED_BODY } from "./helpers/publication-factories";
import { resetDatabase } from "./helpers/reset-db";

beforeAll(resetDatabase);

const ORIGIN = "http://commons.test";
const list = (query = "") => listPapers(new Request(`${ORIGIN}/api/papers${query}`));
const paper = (paperId: string) =>
  getPaper(new Request(`${ORIGIN}/api/papers/${paperId}`), { params: Promise.resolve({ paperId }) });
const version = (paperId: string, v: string) =>
  getVersion(new Request(`${ORIGIN}/api/papers/${paperId}/versions/${v}`), {
    params: Promise.resolve({ paperId, version: v }),
  });

type Schema = Record<string, unknown>;

/**
 * Checks a value against a component of the OpenAPI document: types, required and unknown
 * properties, arrays, enums, nullability and $refs. Enough to prove the description matches
 * what the API sends, without a JSON Schema library.
 */
function conforms(value: unknown, schema: Schema, components: Record<string, Schema>, path = "$"): string[] {
  if (typeof schema.$ref === "string")
    return conforms(value, components[schema.$ref.split("/").pop()!]!, components, path);
  if (Array.isArray(schema.anyOf)) {
    return (schema.anyOf as Schema[]).some((s) => conforms(value, s, components, path).length === 0)
      ? []
      : [`${path}: matches no alternative`];
  }
  const types = ([] as string[]).concat((schema.type as string | string[] | undefined) ?? []);
  const typeOf =
    value === null ? "null" : Array.isArray(value) ? "array" : Number.isInteger(value) ? "integer" : typeof value;
  if (types.length && !types.includes(typeOf) && !(typeOf === "integer" && types.includes("number")))
    return [`${path}: ${typeOf} is not ${types.join("|")}`];
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return [`${path}: ${String(value)} not in enum`];
  if (typeOf === "array")
    return (value as unknown[]).flatMap((item, i) =>
      conforms(item, schema.items as Schema, components, `${path}[${i}]`),
    );
  if (typeOf === "object" && schema.properties) {
    const props = schema.properties as Record<string, Schema>;
    const errors = ((schema.required as string[] | undefined) ?? [])
      .filter((k) => !(k in (value as object)))
      .map((k) => `${path}.${k}: missing`);
    for (const [k, v] of Object.entries(value as object)) {
      if (!props[k]) errors.push(`${path}.${k}: not described`);
      else errors.push(...conforms(v, props[k]!, components, `${path}.${k}`));
    }
    return errors;
  }
  return [];
}

describe("the public papers API", () => {
  let a: Awaited<ReturnType<typeof makePublication>>;
  let b: Awaited<ReturnType<typeof makePublication>>;
  let components: Record<string, Schema>;

  beforeAll(async () => {
    a = await makePublication({ joinPolicy: "APPROVAL" });
    b = await makePublication();
    components = (
      (await (await getOpenApi(new Request(`${ORIGIN}/api/openapi.json`))).json()) as {
        components: { schemas: Record<string, Schema> };
      }
    ).components.schemas;
  });

  it("lists published papers only, newest publication first, public and cacheable, matching its schema", async () => {
    const unpublished = await makePaper(a.group, a.owner);
    const res = await list();
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("cache-control")).toMatch(/^public, max-age=\d+/);
    const body = await res.json();
    expect(conforms(body, { $ref: "#/components/schemas/PaperList" }, components)).toEqual([]);
    const data = ZPaperList.parse(body);
    expect(data.papers.map((p) => p.id)).toEqual([b.paper.id, a.paper.id]);
    expect(data.papers.map((p) => p.id)).not.toContain(unpublished.id);
    expect(data).toMatchObject({ page: 1, pageSize: 20, total: 2, totalPages: 1, next: null });
    expect(data.papers[1]).toMatchObject({
      title: a.paper.title,
      latestVersion: 1,
      group: { slug: a.group.slug, name: a.group.name, url: `${ORIGIN}/groups/${a.group.slug}` },
      url: `${ORIGIN}/groups/${a.group.slug}/papers/${a.paper.slug}/v/1`,
      apiUrl: `${ORIGIN}/api/papers/${a.paper.id}`,
    });
  });

  it("filters by group and pages, an empty page past the end", async () => {
    const byGroup = ZPaperList.parse(await (await list(`?group=${a.group.slug}`)).json());
    expect(byGroup.papers.map((p) => p.id)).toEqual([a.paper.id]);
    const past = ZPaperList.parse(await (await list("?page=3&page=")).json());
    expect(past).toMatchObject({ papers: [], page: 3, total: 2 });
    expect((await list("?page=")).status).toBe(200);
  });

  it("refuses bad parameters with 400 and says why, and an unknown group with 404", async () => {
    for (const [query, message] of [
      ["?page=0", "page must be a whole number from 1."],
      ["?page=abc", "page must be a whole number from 1."],
      ["?page=1.5", "page must be a whole number from 1."],
      ["?page=99999999", "page can be at most 10000."],
      ["?group=Not%20a%20slug!", "group must be a group's slug: lower-case letters, digits and hyphens."],
    ]) {
      const res = await list(query);
      expect(res.status, query).toBe(400);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(ZApiError.parse(await res.json())).toEqual({ error: { code: "VALIDATION", message } });
    }
    const res = await list("?group=no-such-group");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "NOT_FOUND", message: "That group was not found." } });
  });

  it("gives a paper's versions, and 404/400 for unknown, unpublished or malformed ids", async () => {
    const res = await paper(a.paper.id);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(conforms(body, { $ref: "#/components/schemas/PaperVersions" }, components)).toEqual([]);
    const data = ZPaperVersions.parse(body);
    expect(data.versions).toEqual([
      expect.objectContaining({
        version: 1,
        correctionNote: null,
        apiUrl: `${ORIGIN}/api/papers/${a.paper.id}/versions/1`,
        downloads: {
          markdown: `${ORIGIN}/groups/${a.group.slug}/papers/${a.paper.slug}/v/1/download/markdown`,
          html: `${ORIGIN}/groups/${a.group.slug}/papers/${a.paper.slug}/v/1/download/html`,
          pdf: `${ORIGIN}/groups/${a.group.slug}/papers/${a.paper.slug}/v/1/download/pdf`,
        },
      }),
    ]);
    const draft = await makePaper(a.group, await makeUser());
    expect((await paper(draft.id)).status).toBe(404);
    expect((await paper("00000000-0000-4000-8000-000000000000")).status).toBe(404);
    const bad = await paper("42");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: { code: "VALIDATION", message: "paperId must be a paper's id (a UUID)." },
    });
  });

  it("gives one version with sections and their provenance, matching the OpenAPI description", async () => {
    const res = await version(a.paper.id, "1");
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("cache-control")).toMatch(/^public, max-age=\d+/);
    const body = await res.json();
    expect(conforms(body, { $ref: "#/components/schemas/PublicationVersion" }, components)).toEqual([]);
    // The checker does catch a response that strays from the description.
    expect(
      conforms({ ...body, extra: 1, version: "1" }, { $ref: "#/components/schemas/PublicationVersion" }, components),
    ).toEqual(["$.version: string is not integer", "$.extra: not described"]);
    const data = ZPublicationVersion.parse(body);
    expect(data).toMatchObject({
      paperId: a.paper.id,
      version: 1,
      title: a.paper.title,
      licence: { code: "CC-BY-4.0" },
    });
    expect(data.citation.text).toContain(`${ORIGIN}/groups/${a.group.slug}/papers/${a.paper.slug}/v/1`);
    expect(data.sections.map((s) => s.heading)).toEqual(["Payments", "Assessments", "Advice"]);
    const [payments, assessments] = data.sections;
    expect(payments!.markdown).toBe(PUBLISHED_BODY);
    expect(payments!.proposals).toEqual([
      {
        number: 1,
        kind: "AMEND_SECTION",
        author: a.su.displayName,
        tally: {
          support: 3,
          oppose: 0,
          abstain: 0,
          byPerspective: { practitioners: { support: 1, oppose: 0 }, serviceUsers: { support: 1, oppose: 0 } },
        },
        closedAt: expect.any(String),
        mergedRevision: 2,
        discussionUrl: `${ORIGIN}/proposals/${a.merged.id}`,
      },
    ]);
    expect(assessments!.proposals).toEqual([]);
    expect(data.contributors.people.map((p) => p.displayName)).toEqual([a.owner.displayName, a.su.displayName]);
    expect(JSON.stringify(data)).not.toContain(a.su.id); // no internal user ids
    expect(data.participation.voted).toEqual({ PRACTITIONER: 1, SERVICE_USER: 1, BOTH: 0, OTHER: 1 });
  });

  it("answers 404 for a version not published and 400 for a malformed one", async () => {
    const missing = await version(a.paper.id, "2");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: "NOT_FOUND", message: "That version was not found." } });
    for (const v of ["0", "-1", "one", "1e3x"]) expect((await version(a.paper.id, v)).status, v).toBe(400);
    expect((await version("nope", "1")).status).toBe(400);
  });

  it("describes itself in OpenAPI 3.1, with component schemas generated from the response schemas", async () => {
    const res = await getOpenApi(new Request(`${ORIGIN}/api/openapi.json`));
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const doc = (await res.json()) as {
      openapi: string;
      servers: { url: string }[];
      paths: Record<string, unknown>;
      components: { schemas: Record<string, Schema> };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers).toEqual([{ url: ORIGIN }]);
    expect(Object.keys(doc.paths)).toEqual([
      "/api/papers",
      "/api/papers/{paperId}",
      "/api/papers/{paperId}/versions/{version}",
    ]);
    const generated = (
      z.toJSONSchema(apiSchemas, { uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, Schema> }
    ).schemas;
    expect(Object.keys(doc.components.schemas).sort()).toEqual(Object.keys(generated).sort());
    for (const [id, { $schema: _s, $id: _i, ...schema }] of Object.entries(generated))
      expect(doc.components.schemas[id]).toEqual(schema);
    // Every reference in the document points at a component that exists.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) expect(doc.components.schemas[ref], ref).toBeDefined();
  });
});
