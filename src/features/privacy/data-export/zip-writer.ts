// A .zip written as it goes (fflate's streaming Zip with DEFLATE): files are fed in pieces, each
// piece compressed when it arrives, so the builder holds one batch of rows and the compressed
// archive, never the whole uncompressed text. Several files may be open at once (posts.json and
// posts.csv fill from the same batch); fflate keeps a later file's compressed bytes until the
// earlier ones end, then writes them in order. Pure: no I/O.
import { strToU8, Zip, ZipDeflate } from "fflate";
import { type CsvValue, csvRow } from "@/lib/csv";

/** Text is handed to the compressor in pieces of about this many characters. */
const FLUSH_AT = 64 * 1024;

class TextEntry {
  private parts: string[] = [];
  private length = 0;
  private ended = false;
  private readonly file: ZipDeflate;

  constructor(zip: Zip, filename: string, mtime: Date) {
    this.file = new ZipDeflate(filename, { level: 6 });
    this.file.mtime = mtime;
    zip.add(this.file);
  }

  write(text: string) {
    if (this.ended) throw new Error(`${this.file.filename} was already ended`);
    this.parts.push(text);
    this.length += text.length;
    if (this.length >= FLUSH_AT) this.flush(false);
  }

  end() {
    if (this.ended) return;
    this.flush(true);
    this.ended = true;
  }

  private flush(final: boolean) {
    this.file.push(strToU8(this.parts.join("")), final);
    this.parts = [];
    this.length = 0;
  }
}

const indent = (json: string, spaces: string) => json.replaceAll("\n", `\n${spaces}`);

/**
 * A JSON file written one record at a time: either a top-level array (`list()`), or an object
 * whose members are arrays (`list("started")`, `list("following")`). Records are pretty-printed.
 */
export class JsonListFile {
  private lists = 0;
  private keyed: boolean | undefined;
  private inList = false;
  private empty = true;

  constructor(private readonly entry: TextEntry) {}

  list(key?: string) {
    if (this.inList) throw new Error("close the previous list first");
    const keyed = key !== undefined;
    if (this.keyed !== undefined && this.keyed !== keyed)
      throw new Error("a JSON file is either one list or an object of lists");
    if (!keyed && this.lists > 0) throw new Error("a JSON file holds one top-level list");
    this.keyed = keyed;
    this.entry.write(keyed ? `${this.lists === 0 ? "{" : ","}\n  ${JSON.stringify(key)}: [` : "[");
    this.lists += 1;
    this.inList = true;
    this.empty = true;
  }

  push(record: unknown) {
    if (!this.inList) throw new Error("open a list first");
    const spaces = this.keyed ? "    " : "  ";
    this.entry.write(`${this.empty ? "" : ","}\n${spaces}${indent(JSON.stringify(record, null, 2), spaces)}`);
    this.empty = false;
  }

  closeList() {
    if (!this.inList) return;
    this.entry.write(this.empty ? "]" : this.keyed ? "\n  ]" : "\n]");
    this.inList = false;
  }

  end() {
    this.closeList();
    if (this.lists === 0) this.entry.write("[]");
    else if (this.keyed) this.entry.write("\n}");
    this.entry.write("\n");
    this.entry.end();
  }
}

/** A CSV file: the header row first, then one row per record. */
export class CsvFile {
  constructor(
    private readonly entry: TextEntry,
    columns: readonly string[],
  ) {
    entry.write(csvRow(columns));
  }

  push(values: readonly CsvValue[]) {
    this.entry.write(csvRow(values));
  }

  end() {
    this.entry.end();
  }
}

export class ZipWriter {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;
  private done = false;
  private failure: Error | undefined;
  private readonly zip: Zip;

  constructor(private readonly mtime = new Date()) {
    this.zip = new Zip((error, chunk, final) => {
      if (error) {
        this.failure = error;
        return;
      }
      this.chunks.push(chunk);
      this.size += chunk.length;
      if (final) this.done = true;
    });
  }

  /** Bytes of compressed output so far. */
  get bytesWritten() {
    return this.size;
  }

  private entry(filename: string) {
    this.check();
    return new TextEntry(this.zip, filename, this.mtime);
  }

  /** A whole small file at once. */
  text(filename: string, content: string) {
    const entry = this.entry(filename);
    entry.write(content);
    entry.end();
  }

  json(filename: string, value: unknown) {
    this.text(filename, `${JSON.stringify(value, null, 2)}\n`);
  }

  jsonList(filename: string) {
    return new JsonListFile(this.entry(filename));
  }

  csv(filename: string, columns: readonly string[]) {
    return new CsvFile(this.entry(filename), columns);
  }

  /** Ends the archive (every file must be ended first) and returns its bytes. */
  finish(): Uint8Array<ArrayBuffer> {
    this.zip.end();
    this.check();
    if (!this.done) throw new Error("the archive is incomplete: a file was not ended");
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    this.chunks.length = 0;
    return out;
  }

  private check() {
    if (this.failure) throw this.failure;
  }
}
