// prisma/migrations is hand-written SQL (Prisma's migrate engine cannot run on our machines), so
// this test guards it: the database the migrations build must match what prisma/schema.prisma
// declares — tables, columns (type, NULL, default), enums, keys, indexes and foreign keys.
// When it fails, fix the migration (add a new one) or the schema until the list below is empty.
import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../scripts/lib/migrations";
import {
  type AllowList,
  builtShape,
  compareShapes,
  declaredShape,
  describeColumn,
  type Shape,
} from "./helpers/schema-drift";
import { createScratchDatabase, type ScratchDatabase } from "./helpers/scratch-db";

/**
 * Database objects the migrations may create although schema.prisma does not declare them
 * (raw SQL Prisma cannot express). Each entry needs a comment saying why.
 */
const ALLOWED_EXTRAS: AllowList = {
  tables: [],
  // "Table.column", e.g. a full-text `search_vector` tsvector column kept up to date by a trigger.
  // Full-text search (migration 20261123110000_search): GENERATED ... STORED tsvector columns, which
  // Prisma can declare neither as a type nor as a generated expression.
  // Migration 20261208090000_search_candidates: the title's own vector, for title-match candidates.
  // Migration 20261211110000_search_text: a post's HTML as plain text (GENERATED ... STORED), for
  // search excerpts.
  columns: [
    "Publication.searchVector",
    "Thread.searchVector",
    "Post.searchVector",
    "Publication.titleVector",
    "Post.bodyText",
  ],
  // "Table.index_name", e.g. the GIN index over such a search_vector column.
  indexes: [
    "Publication.Publication_searchVector_idx",
    "Thread.Thread_searchVector_idx",
    "Post.Post_searchVector_visible_idx",
    // 20261208090000_search_candidates: GIN on the title vector; visible posts newest first (partial).
    "Publication.Publication_titleVector_idx",
    "Post.Post_createdAt_visible_idx",
    // 20261211110000_search_text: the members-only groups (partial), whose threads search leaves out.
    "Group.Group_membersOnly_idx",
  ],
};

const schemaText = readFileSync(new URL("../../prisma/schema.prisma", import.meta.url), "utf8");

const clone = <T>(value: T): T => structuredClone(value);

describe("schema.prisma and prisma/migrations", () => {
  let db: ScratchDatabase;
  let built: Shape;
  let declared: Shape;

  beforeAll(async () => {
    db = await createScratchDatabase("drift");
    await applyMigrations(db.url);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      built = await builtShape(client);
    } finally {
      await client.end();
    }
    declared = declaredShape(schemaText);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("describe the same database", () => {
    const differences = compareShapes(declared, built, ALLOWED_EXTRAS);
    expect(differences, `The migrations and schema.prisma differ:\n  - ${differences.join("\n  - ")}\n`).toEqual([]);
  });

  // The comparison must be able to fail: feed it deliberately altered copies.
  describe("self-check: the comparison notices", () => {
    it("a column that lost NOT NULL in the database", () => {
      const altered = clone(declared);
      const [table, column] = firstColumn(altered, (c) => c.notNull);
      altered.tables[table]!.columns[column]!.notNull = false;
      expect(compareShapes(declared, altered)).toContain(
        `column ${table}.${column}: schema.prisma says ${describeColumn(declared.tables[table]!.columns[column]!)}, migrations give ${describeColumn(altered.tables[table]!.columns[column]!)}`,
      );
    });

    it("a changed type, default, enum value, index, foreign-key action and extra table", () => {
      const altered = clone(declared);
      const [t1, c1] = firstColumn(altered, (c) => c.type === "text");
      altered.tables[t1]!.columns[c1]!.type = "varchar(10)";
      const [t2, c2] = firstColumn(altered, (c) => c.default !== undefined);
      altered.tables[t2]!.columns[c2]!.default = "'something else'";
      const enumName = Object.keys(altered.enums)[0]!;
      altered.enums[enumName]!.reverse();
      const withIndex = Object.entries(altered.tables).find(([, t]) => t.indexes.length > 0)!;
      withIndex[1].indexes.pop();
      const withFk = Object.entries(altered.tables).find(([, t]) => t.foreignKeys.length > 0)!;
      withFk[1].foreignKeys[0]!.onDelete = "NoAction";
      altered.tables.Stray = {
        columns: { id: { type: "integer", notNull: true } },
        uniques: [],
        indexes: [],
        foreignKeys: [],
      };
      altered.tables[t1]!.columns.search_vector = { type: "tsvector", notNull: false };

      const found = compareShapes(declared, altered).join("\n");
      expect(found).toContain(`column ${t1}.${c1}:`);
      expect(found).toContain(`column ${t2}.${c2}:`);
      expect(found).toContain(`enum ${enumName}:`);
      expect(found).toMatch(new RegExp(`^index ${withIndex[0]}\\(.*missing from the migrations$`, "m"));
      expect(found).toMatch(new RegExp(`^foreign key ${withFk[0]}\\(.*ON DELETE NoAction`, "m"));
      expect(found).toContain("table Stray: created by the migrations, not in schema.prisma");
      expect(found).toContain(`column ${t1}.search_vector:`);
      // …and the allow-list is the way to accept extras.
      const allowed = compareShapes(declared, altered, {
        tables: ["Stray"],
        columns: [`${t1}.search_vector`],
        indexes: [],
      }).join("\n");
      expect(allowed).not.toContain("Stray");
      expect(allowed).not.toContain("search_vector");
    });

    it("an edited schema.prisma compared with the real migrations", () => {
      // Make the first required, defaulted `String` field optional in a copy of the schema text.
      const edited = schemaText.replace(/^(\s+\w+\s+)String(\s+@default\(""\))/m, "$1String?$2");
      expect(edited).not.toBe(schemaText);
      const differences = compareShapes(declaredShape(edited), built, ALLOWED_EXTRAS);
      expect(
        differences.some((d) =>
          /schema\.prisma says text NULL DEFAULT '', migrations give text NOT NULL DEFAULT ''/.test(d),
        ),
      ).toBe(
        Object.keys(built.tables).length > 0, // meaningful once the migrations create tables
      );
    });
  });
});

function firstColumn(
  shape: Shape,
  match: (c: Shape["tables"][string]["columns"][string]) => boolean,
): [string, string] {
  for (const [table, t] of Object.entries(shape.tables)) {
    for (const [column, c] of Object.entries(t.columns)) if (match(c)) return [table, column];
  }
  throw new Error("schema.prisma has no column to alter for the self-check");
}
