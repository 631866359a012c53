// Compares the database that prisma/migrations builds with what prisma/schema.prisma declares,
// the way `prisma migrate diff` would if its engine could run here. Both sides are reduced to the
// same plain shape (tables, columns, enums, keys, indexes, foreign keys) and compared.
//
// The declared side comes from Prisma's own schema parser (@prisma/prisma-schema-wasm, get_dmmf);
// types are mapped to PostgreSQL as Prisma Migrate maps them.
import { createRequire } from "node:module";
import type pg from "pg";

export interface Column {
  /** Short PostgreSQL type: text, integer, timestamptz(3), varchar(255), "SiteRole", text[] … */
  type: string;
  notNull: boolean;
  /** undefined: no default. Otherwise a normalised form (see normaliseDbDefault). */
  default?: string;
}

export interface Index {
  name: string;
  /** Column names; " DESC" appended for descending ones. */
  columns: string[];
  method: string;
}

export interface ForeignKey {
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: string;
  onUpdate: string;
}

export interface Table {
  columns: Record<string, Column>;
  primaryKey?: { name: string; columns: string[] };
  uniques: Index[];
  indexes: Index[];
  foreignKeys: ForeignKey[];
}

export interface Shape {
  tables: Record<string, Table>;
  /** Enum type name -> values in order. */
  enums: Record<string, string[]>;
}

/** Objects that raw SQL in the migrations may add although schema.prisma cannot declare them. */
export interface AllowList {
  tables: string[];
  /** "Table.column" */
  columns: string[];
  /** "Table.index_name" */
  indexes: string[];
}

// ---------------------------------------------------------------------------------------------
// The declared side: schema.prisma through Prisma's parser
// ---------------------------------------------------------------------------------------------

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object" | "unsupported";
  type: string;
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, string[]] | null;
  relationName?: string;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { name: string | null; fields: string[] } | null;
}
interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string | null;
  algorithm?: string;
  fields: { name: string; sortOrder?: "asc" | "desc" }[];
}
interface Datamodel {
  models: DmmfModel[];
  enums: { name: string; dbName: string | null; values: { name: string; dbName: string | null }[] }[];
  indexes: DmmfIndex[];
}

export function parseSchema(schemaText: string): Datamodel {
  const wasm = createRequire(import.meta.url)("@prisma/prisma-schema-wasm") as { get_dmmf: (params: string) => string };
  try {
    return (
      JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: [["schema.prisma", schemaText]] }))) as {
        datamodel: Datamodel;
      }
    ).datamodel;
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    let message = raw;
    try {
      message = (JSON.parse(raw) as { message: string }).message;
    } catch {
      // not JSON
    }
    throw new Error(
      `schema.prisma does not parse:\n${message.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g"), "")}`,
    );
  }
}

const MAX_IDENTIFIER = 63;

/** Prisma's default constraint and index names (psl ConstraintNames). */
function defaultName(table: string, columns: string[], suffix: "_pkey" | "_key" | "_idx" | "_fkey"): string {
  let base = suffix === "_pkey" ? table : `${table}_${columns.join("_")}`;
  if (base.length >= MAX_IDENTIFIER - suffix.length) base = base.slice(0, MAX_IDENTIFIER - 1 - suffix.length);
  return `${base}${suffix}`;
}

const SCALAR_DEFAULT_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  Boolean: "boolean",
  DateTime: "timestamp(3)",
  Json: "jsonb",
  Bytes: "bytea",
};

function nativeTypeName(name: string, args: string[]): string {
  const withArgs = (base: string) => (args.length > 0 ? `${base}(${args.join(",")})` : base);
  switch (name) {
    case "Text":
      return "text";
    case "Char":
      return withArgs("char");
    case "VarChar":
      return withArgs("varchar");
    case "Bit":
      return withArgs("bit");
    case "VarBit":
      return withArgs("varbit");
    case "Uuid":
      return "uuid";
    case "Xml":
      return "xml";
    case "Inet":
      return "inet";
    case "Citext":
      return "citext";
    case "Boolean":
      return "boolean";
    case "Integer":
      return "integer";
    case "SmallInt":
      return "smallint";
    case "Oid":
      return "oid";
    case "BigInt":
      return "bigint";
    case "DoublePrecision":
      return "double precision";
    case "Real":
      return "real";
    case "Decimal":
      return withArgs("numeric");
    case "Money":
      return "money";
    case "Timestamp":
      return withArgs("timestamp");
    case "Timestamptz":
      return withArgs("timestamptz");
    case "Date":
      return "date";
    case "Time":
      return withArgs("time");
    case "Timetz":
      return withArgs("timetz");
    case "Json":
      return "json";
    case "JsonB":
      return "jsonb";
    case "ByteA":
      return "bytea";
    default:
      return `${name.toLowerCase()}${args.length ? `(${args.join(",")})` : ""}`;
  }
}

/** What Prisma Migrate puts in DEFAULT for a field, normalised like normaliseDbDefault. */
function declaredDefault(
  field: DmmfField,
  enumValueDbName: (enumName: string, value: string) => string,
): string | undefined {
  if (!field.hasDefaultValue || field.default === undefined) return undefined;
  const value = field.default;
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const fn = value as { name: string; args: unknown[] };
    switch (fn.name) {
      case "now":
        return "now()";
      case "autoincrement":
        return "nextval(…)";
      case "dbgenerated":
        return fn.args.length > 0 ? normaliseExpression(String(fn.args[0])) : undefined;
      default:
        return undefined; // uuid(), cuid(), nanoid(), ulid() are generated by the client
    }
  }
  if (Array.isArray(value)) return `array:${JSON.stringify(value)}`;
  if (field.kind === "enum") return `'${enumValueDbName(field.type, String(value))}'`;
  if (field.type === "Json") return `json:${canonicalJson(String(value))}`;
  if (typeof value === "string") return `'${value}'`;
  return String(value);
}

function canonicalJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

function normaliseExpression(expression: string): string {
  return expression.replace(/\s+/g, "").toLowerCase();
}

export function declaredShape(schemaText: string): Shape {
  const dm = parseSchema(schemaText);
  const models = new Map(dm.models.map((m) => [m.name, m]));
  const tableOf = (model: string) => models.get(model)?.dbName ?? model;
  const columnOf = (model: string, field: string) => {
    const f = models.get(model)?.fields.find((x) => x.name === field);
    return f?.dbName ?? field;
  };
  const enums = new Map(dm.enums.map((e) => [e.name, e]));
  const enumType = (name: string) => enums.get(name)?.dbName ?? name;
  const enumValueDbName = (enumName: string, value: string) =>
    enums.get(enumName)?.values.find((v) => v.name === value)?.dbName ?? value;

  const shape: Shape = { tables: {}, enums: {} };
  for (const e of dm.enums) shape.enums[enumType(e.name)] = e.values.map((v) => v.dbName ?? v.name);

  for (const model of dm.models) {
    const table: Table = { columns: {}, uniques: [], indexes: [], foreignKeys: [] };
    const tableName = tableOf(model.name);
    shape.tables[tableName] = table;
    for (const field of model.fields) {
      if (field.kind === "object") continue;
      let type: string;
      if (field.kind === "enum") type = enumType(field.type);
      else if (field.nativeType) type = nativeTypeName(field.nativeType[0], field.nativeType[1]);
      else type = SCALAR_DEFAULT_TYPES[field.type] ?? field.type.toLowerCase();
      if (field.isList) type += "[]";
      table.columns[field.dbName ?? field.name] = {
        type,
        // Scalar lists are created without NOT NULL.
        notNull: field.isRequired && !field.isList,
        default: declaredDefault(field, enumValueDbName),
      };
    }
    for (const field of model.fields) {
      if (field.kind !== "object" || !field.relationFromFields?.length) continue;
      const columns = field.relationFromFields.map((f) => columnOf(model.name, f));
      table.foreignKeys.push({
        name: defaultName(tableName, columns, "_fkey"),
        columns,
        refTable: tableOf(field.type),
        refColumns: (field.relationToFields ?? []).map((f) => columnOf(field.type, f)),
        // Prisma's defaults: Restrict for required relations, SetNull for optional ones; Cascade on update.
        onDelete: field.relationOnDelete ?? (field.isRequired ? "Restrict" : "SetNull"),
        onUpdate: field.relationOnUpdate ?? "Cascade",
      });
    }
  }

  for (const index of dm.indexes) {
    const tableName = tableOf(index.model);
    const table = shape.tables[tableName]!;
    const columns = index.fields.map((f) => `${columnOf(index.model, f.name)}${f.sortOrder === "desc" ? " DESC" : ""}`);
    const plain = index.fields.map((f) => columnOf(index.model, f.name));
    const method = (index.algorithm ?? "btree").toLowerCase();
    if (index.type === "id")
      table.primaryKey = { name: index.dbName ?? defaultName(tableName, plain, "_pkey"), columns };
    else if (index.type === "unique")
      table.uniques.push({ name: index.dbName ?? defaultName(tableName, plain, "_key"), columns, method });
    else if (index.type === "normal")
      table.indexes.push({ name: index.dbName ?? defaultName(tableName, plain, "_idx"), columns, method });
  }

  // Implicit many-to-many relations get a join table "_RelationName" (A, B).
  for (const model of dm.models) {
    for (const field of model.fields) {
      if (field.kind !== "object" || !field.isList || field.relationFromFields?.length) continue;
      const other = models.get(field.type)?.fields.find((f) => f.relationName === field.relationName && f !== field);
      if (!other?.isList || model.name > field.type) continue;
      const [a, b] = [model.name, field.type];
      const idType = (m: string) => shape.tables[tableOf(m)]!.primaryKey?.columns[0];
      const name = `_${field.relationName}`;
      const colType = (m: string) => shape.tables[tableOf(m)]!.columns[idType(m) ?? ""]?.type ?? "text";
      shape.tables[name] = {
        columns: { A: { type: colType(a), notNull: true }, B: { type: colType(b), notNull: true } },
        primaryKey: { name: `${name}_AB_pkey`, columns: ["A", "B"] },
        uniques: [],
        indexes: [{ name: `${name}_B_index`, columns: ["B"], method: "btree" }],
        foreignKeys: [
          {
            name: `${name}_A_fkey`,
            columns: ["A"],
            refTable: tableOf(a),
            refColumns: [idType(a) ?? "id"],
            onDelete: "Cascade",
            onUpdate: "Cascade",
          },
          {
            name: `${name}_B_fkey`,
            columns: ["B"],
            refTable: tableOf(b),
            refColumns: [idType(b) ?? "id"],
            onDelete: "Cascade",
            onUpdate: "Cascade",
          },
        ],
      };
    }
  }
  return shape;
}

// ---------------------------------------------------------------------------------------------
// The built side: a database's public schema through pg_catalog
// ---------------------------------------------------------------------------------------------

function shortType(formatted: string): string {
  return formatted
    .replace(/"/g, "")
    .replace(/^timestamp(\(\d+\))? with time zone/, "timestamptz$1")
    .replace(/^timestamp(\(\d+\))? without time zone/, "timestamp$1")
    .replace(/^time(\(\d+\))? with time zone/, "timetz$1")
    .replace(/^time(\(\d+\))? without time zone/, "time$1")
    .replace(/^character varying/, "varchar")
    .replace(/^character/, "char")
    .replace(/^bit varying/, "varbit");
}

/** A column default as PostgreSQL prints it, in the form declaredDefault produces. */
export function normaliseDbDefault(expression: string, type: string): string {
  if (/^nextval\(/i.test(expression)) return "nextval(…)";
  if (/^(CURRENT_TIMESTAMP|now\(\))$/i.test(expression)) return "now()";
  if (/^ARRAY\[/i.test(expression) || /^'\{.*\}'::[\w ]+\[\]$/.test(expression)) {
    const inner = expression.match(/^ARRAY\[(.*)\](::.*)?$/)?.[1] ?? expression.match(/^'\{(.*)\}'/)?.[1] ?? "";
    const items =
      inner === ""
        ? []
        : inner.split(",").map((s) =>
            s
              .trim()
              .replace(/::[\w "]+$/, "")
              .replace(/^'(.*)'$/, "$1"),
          );
    return `array:${JSON.stringify(items.map((i) => (/^-?\d+(\.\d+)?$/.test(i) && !type.startsWith("text") ? Number(i) : i)))}`;
  }
  const literal = expression.match(/^'((?:[^']|'')*)'(::[\w ."()]+)*$/);
  if (literal) {
    const text = literal[1]!.replace(/''/g, "'");
    if (type === "jsonb" || type === "json") return `json:${canonicalJson(text)}`;
    if (/^(integer|bigint|smallint|double precision|real|numeric)/.test(type)) return String(Number(text));
    return `'${text}'`;
  }
  if (/^\(?-?\d+(\.\d+)?\)?(::[\w ]+)?$/.test(expression)) return String(Number(expression.replace(/[()]|::.*$/g, "")));
  if (/^(true|false)$/i.test(expression)) return expression.toLowerCase();
  return normaliseExpression(expression);
}

export async function builtShape(client: pg.Client | pg.PoolClient): Promise<Shape> {
  const shape: Shape = { tables: {}, enums: {} };
  const tables = await client.query<{ table: string }>(
    `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'`,
  );
  for (const { table } of tables.rows) shape.tables[table] = { columns: {}, uniques: [], indexes: [], foreignKeys: [] };

  const columns = await client.query<{
    table: string;
    column: string;
    type: string;
    not_null: boolean;
    default: string | null;
    identity: string;
  }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default, a.attidentity AS identity
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> '_prisma_migrations'
        AND c.relkind IN ('r', 'p')
      ORDER BY c.relname, a.attnum`,
  );
  for (const row of columns.rows) {
    const type = shortType(row.type);
    const hasDefault = row.default !== null || row.identity !== "";
    shape.tables[row.table]!.columns[row.column] = {
      type,
      notNull: row.not_null,
      default: !hasDefault ? undefined : row.identity !== "" ? "nextval(…)" : normaliseDbDefault(row.default!, type),
    };
  }

  const enums = await client.query<{ name: string; value: string }>(
    `SELECT t.typname AS name, e.enumlabel AS value FROM pg_type t
       JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' ORDER BY t.typname, e.enumsortorder`,
  );
  for (const row of enums.rows) {
    shape.enums[row.name] ??= [];
    shape.enums[row.name].push(row.value);
  }

  const indexes = await client.query<{
    table: string;
    name: string;
    unique: boolean;
    primary: boolean;
    method: string;
    columns: (string | null)[];
    desc: boolean[];
    partial: boolean;
  }>(
    `SELECT ct.relname AS table, ci.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary,
            am.amname AS method, ix.indpred IS NOT NULL AS partial,
            ARRAY(SELECT a.attname::text FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                    LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum
                   WHERE k.ord <= ix.indnkeyatts ORDER BY k.ord) AS columns,
            ARRAY(SELECT (o.opt & 1) = 1 FROM unnest(ix.indoption::int2[]) WITH ORDINALITY o(opt, ord)
                   WHERE o.ord <= ix.indnkeyatts ORDER BY o.ord) AS desc
       FROM pg_index ix
       JOIN pg_class ci ON ci.oid = ix.indexrelid
       JOIN pg_class ct ON ct.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = ct.relnamespace
       JOIN pg_am am ON am.oid = ci.relam
      WHERE n.nspname = 'public' AND ct.relname <> '_prisma_migrations'`,
  );
  for (const row of indexes.rows) {
    const table = shape.tables[row.table];
    if (!table) continue;
    const cols = row.columns.map((c, i) => `${c ?? "(expression)"}${row.desc[i] ? " DESC" : ""}`);
    if (row.partial) cols.push("(partial)");
    if (row.primary) table.primaryKey = { name: row.name, columns: cols };
    else (row.unique ? table.uniques : table.indexes).push({ name: row.name, columns: cols, method: row.method });
  }

  const actions: Record<string, string> = { a: "NoAction", r: "Restrict", c: "Cascade", n: "SetNull", d: "SetDefault" };
  const fks = await client.query<{
    table: string;
    name: string;
    ref_table: string;
    columns: string[];
    ref_columns: string[];
    on_delete: string;
    on_update: string;
  }>(
    `SELECT ct.relname AS table, con.conname AS name, rt.relname AS ref_table,
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
            ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS ref_columns,
            con.confdeltype AS on_delete, con.confupdtype AS on_update
       FROM pg_constraint con
       JOIN pg_class ct ON ct.oid = con.conrelid
       JOIN pg_class rt ON rt.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = con.connamespace
      WHERE con.contype = 'f' AND n.nspname = 'public'`,
  );
  for (const row of fks.rows) {
    shape.tables[row.table]?.foreignKeys.push({
      name: row.name,
      columns: row.columns,
      refTable: row.ref_table,
      refColumns: row.ref_columns,
      onDelete: actions[row.on_delete] ?? row.on_delete,
      onUpdate: actions[row.on_update] ?? row.on_update,
    });
  }
  return shape;
}

// ---------------------------------------------------------------------------------------------
// The comparison
// ---------------------------------------------------------------------------------------------

export const describeColumn = (c: Column) =>
  `${c.type} ${c.notNull ? "NOT NULL" : "NULL"}${c.default === undefined ? "" : ` DEFAULT ${c.default}`}`;
const describeIndex = (i: Index) => `(${i.columns.join(", ")})${i.method === "btree" ? "" : ` USING ${i.method}`}`;
const describeFk = (f: ForeignKey) =>
  `(${f.columns.join(", ")}) -> ${f.refTable}(${f.refColumns.join(", ")}) ON DELETE ${f.onDelete} ON UPDATE ${f.onUpdate}`;

/** Prisma trims long names; only compare what survives the trimming. */
function sameName(declared: string, built: string): boolean {
  if (declared === built) return true;
  return declared.length >= MAX_IDENTIFIER - 6 && built.slice(0, 40) === declared.slice(0, 40);
}

/** Human-readable differences; empty when the migrations build exactly what the schema declares. */
export function compareShapes(
  declared: Shape,
  built: Shape,
  allow: AllowList = { tables: [], columns: [], indexes: [] },
): string[] {
  const out: string[] = [];
  const says = "schema.prisma says";
  const gives = "migrations give";

  for (const [name, values] of Object.entries(declared.enums)) {
    const actual = built.enums[name];
    if (!actual) out.push(`enum ${name}: declared in schema.prisma, missing from the migrations`);
    else if (actual.join(",") !== values.join(","))
      out.push(`enum ${name}: ${says} [${values.join(", ")}], ${gives} [${actual.join(", ")}]`);
  }
  for (const name of Object.keys(built.enums)) {
    if (!declared.enums[name]) out.push(`enum ${name}: created by the migrations, not in schema.prisma`);
  }

  for (const [tableName, want] of Object.entries(declared.tables)) {
    const have = built.tables[tableName];
    if (!have) {
      out.push(`table ${tableName}: declared in schema.prisma, missing from the migrations`);
      continue;
    }
    for (const [col, c] of Object.entries(want.columns)) {
      const h = have.columns[col];
      if (!h) out.push(`column ${tableName}.${col}: ${says} ${describeColumn(c)}, missing from the migrations`);
      else if (describeColumn(c) !== describeColumn(h))
        out.push(`column ${tableName}.${col}: ${says} ${describeColumn(c)}, ${gives} ${describeColumn(h)}`);
    }
    for (const [col, h] of Object.entries(have.columns)) {
      if (!want.columns[col] && !allow.columns.includes(`${tableName}.${col}`)) {
        out.push(
          `column ${tableName}.${col}: ${gives} ${describeColumn(h)}, not in schema.prisma (declare it, or allow-list it)`,
        );
      }
    }

    const wpk = want.primaryKey;
    const hpk = have.primaryKey;
    if (wpk && !hpk) out.push(`primary key ${tableName}: ${says} (${wpk.columns.join(", ")}), migrations create none`);
    else if (!wpk && hpk)
      out.push(`primary key ${tableName}: ${gives} (${hpk.columns.join(", ")}), schema.prisma declares none`);
    else if (wpk && hpk) {
      if (wpk.columns.join(",") !== hpk.columns.join(","))
        out.push(`primary key ${tableName}: ${says} (${wpk.columns.join(", ")}), ${gives} (${hpk.columns.join(", ")})`);
      else if (!sameName(wpk.name, hpk.name))
        out.push(`primary key ${tableName}: named ${hpk.name} by the migrations; Prisma names it ${wpk.name}`);
    }

    for (const kind of ["uniques", "indexes"] as const) {
      const label = kind === "uniques" ? "unique index" : "index";
      const key = (i: Index) => `${i.columns.join(",")}|${i.method}`;
      const left = [...have[kind]];
      for (const w of want[kind]) {
        const at = left.findIndex((h) => key(h) === key(w));
        if (at === -1) {
          out.push(`${label} ${tableName}${describeIndex(w)}: declared in schema.prisma, missing from the migrations`);
          continue;
        }
        const [h] = left.splice(at, 1);
        if (!sameName(w.name, h!.name))
          out.push(
            `${label} ${tableName}${describeIndex(w)}: named ${h!.name} by the migrations; Prisma names it ${w.name}`,
          );
      }
      for (const h of left) {
        if (!allow.indexes.includes(`${tableName}.${h.name}`))
          out.push(
            `${label} ${tableName}${describeIndex(h)} "${h.name}": created by the migrations, not in schema.prisma`,
          );
      }
    }

    const fkKey = (f: ForeignKey) => `${f.columns.join(",")}->${f.refTable}(${f.refColumns.join(",")})`;
    const leftFks = [...have.foreignKeys];
    for (const w of want.foreignKeys) {
      const at = leftFks.findIndex((h) => fkKey(h) === fkKey(w));
      if (at === -1) {
        out.push(`foreign key ${tableName}${describeFk(w)}: declared in schema.prisma, missing from the migrations`);
        continue;
      }
      const [h] = leftFks.splice(at, 1);
      if (describeFk(w) !== describeFk(h!))
        out.push(
          `foreign key ${tableName}(${w.columns.join(", ")}): ${says} ${describeFk(w)}, ${gives} ${describeFk(h!)}`,
        );
      else if (!sameName(w.name, h!.name))
        out.push(
          `foreign key ${tableName}(${w.columns.join(", ")}): named ${h!.name} by the migrations; Prisma names it ${w.name}`,
        );
    }
    for (const h of leftFks)
      out.push(`foreign key ${tableName}${describeFk(h)} "${h.name}": created by the migrations, not in schema.prisma`);
  }

  for (const tableName of Object.keys(built.tables)) {
    if (!declared.tables[tableName] && !allow.tables.includes(tableName)) {
      out.push(`table ${tableName}: created by the migrations, not in schema.prisma (declare it, or allow-list it)`);
    }
  }
  return out;
}
