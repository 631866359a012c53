// CSV as RFC 4180 describes it (comma-separated, CRLF line ends, fields with quotes, commas or
// line breaks quoted, quotes doubled), made safe to open in a spreadsheet: a text cell that starts
// with = + - @ (or a tab or carriage return) would be read as a formula, so it gets a leading '
// (OWASP "CSV injection"). Pure: no I/O.

export type CsvValue = string | number | boolean | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line of a CSV file, line end included. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
