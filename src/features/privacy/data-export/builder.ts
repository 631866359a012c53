import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "@/server/db";
import { logError, logInfo } from "@/server/log";
import { expiryFrom } from "./expire";
import { readme } from "./readme";
import { type Cursor, EXPORT_FILES, readProfile, type Section } from "./sections";
import { ZipWriter } from "./zip-writer";

// The job behind "Download my data" (queue.ts; wired in src/composition/jobs.ts).
// It reads the member's rows a batch at a time, oldest first, and streams each batch into the
// compressed archive, so a member with 100,000 posts never has them all in memory at once; after
// each batch it saves the progress the settings page shows.

export const ZPrepareDataExportJob = z.object({ exportId: z.uuid() });

const DEFAULT_BATCH_SIZE = 500;
/** Reading rows is most of the work; compressing the end and saving take the rest. */
const READING_SHARE = 90;

export type BuildOptions = {
  batchSize?: number;
  /** Called after each saved progress step (tests watch it; a throw fails the build like any other error). */
  onProgress?: (progress: number) => void | Promise<void>;
};

export type BuildOutcome = "READY" | "FAILED" | "SKIPPED";

/** The job's entry point: builds one requested archive. */
export async function prepareDataExportJob(data: unknown): Promise<BuildOutcome> {
  const { exportId } = ZPrepareDataExportJob.parse(data);
  return buildDataExport(exportId);
}

/**
 * Builds the archive for one DataExport row and stores it: RUNNING with progress while it works,
 * then READY (with the archive and an expiry date) or FAILED (with a message the member can act
 * on). A row that is no longer QUEUED or RUNNING (done, failed, expired, deleted) is left alone;
 * a RUNNING one is started again from the beginning (the job was retried after a crash).
 */
export async function buildDataExport(exportId: string, options: BuildOptions = {}): Promise<BuildOutcome> {
  const claimed = await db.dataExport.updateMany({
    where: { id: exportId, status: { in: ["QUEUED", "RUNNING"] } },
    data: { status: "RUNNING", progress: 0, error: null },
  });
  if (claimed.count === 0) return "SKIPPED";
  const { userId } = await db.dataExport.findUniqueOrThrow({ where: { id: exportId }, select: { userId: true } });
  const started = Date.now();

  try {
    const archive = await writeArchive(userId, options.batchSize ?? DEFAULT_BATCH_SIZE, async (progress) => {
      await db.dataExport.update({ where: { id: exportId }, data: { progress }, select: { id: true } });
      await options.onProgress?.(progress);
    });
    const now = new Date();
    const saved = await db.dataExport.updateMany({
      where: { id: exportId, status: "RUNNING" },
      data: { status: "READY", progress: 100, archive, completedAt: now, expiresAt: expiryFrom(now) },
    });
    if (saved.count === 0) return "SKIPPED";
    await options.onProgress?.(100);
    logInfo("data export ready", { exportId, bytes: archive.length, ms: Date.now() - started });
    return "READY";
  } catch (error) {
    const reference = randomUUID().slice(0, 8);
    logError("data export failed", error, { exportId, reference });
    const now = new Date();
    await db.dataExport.updateMany({
      where: { id: exportId, status: "RUNNING" },
      data: {
        status: "FAILED",
        archive: null,
        error: `Something went wrong while preparing this archive (reference ${reference}). Please ask for a new one; if it fails again, tell us the reference.`,
        completedAt: now,
        expiresAt: expiryFrom(now),
      },
    });
    return "FAILED";
  }
}

async function writeArchive(userId: string, batchSize: number, saveProgress: (progress: number) => Promise<void>) {
  const profile = await readProfile(userId);
  // One query at a time: the job shares the server's connection pool with the pages.
  const counts: number[][] = [];
  for (const file of EXPORT_FILES) {
    const perPart: number[] = [];
    for (const part of file.parts) perPart.push(await part.section.count(userId));
    counts.push(perPart);
  }

  // One unit for the profile, one per row; progress moves only forwards, a whole percent at a time.
  const total = 1 + counts.flat().reduce((a, b) => a + b, 0);
  let done = 0;
  let reported = 0;
  const advance = async (rows: number) => {
    done += rows;
    const progress = Math.min(READING_SHARE, Math.floor((done / total) * READING_SHARE));
    if (progress > reported) {
      reported = progress;
      await saveProgress(progress);
    }
  };

  const zip = new ZipWriter();
  zip.text(
    "README.txt",
    readme({
      handle: profile.handle,
      preparedAt: new Date(),
      counts: EXPORT_FILES.map((f, i) => ({ file: f, counts: counts[i] })),
    }),
  );
  zip.json("profile.json", profile);
  await advance(1);

  for (const file of EXPORT_FILES) {
    const json = zip.jsonList(file.json);
    const csvSpec = file.parts[0].section.csv;
    const csv = file.csv && csvSpec ? zip.csv(file.csv, csvSpec.columns) : undefined;
    for (const part of file.parts) {
      json.list(part.key);
      const partCsv = part.section.csv;
      // A file with a CSV takes every one of its parts' rows: each part must say how.
      if (csv && !partCsv) throw new Error(`${file.csv}: part ${part.key} has no CSV columns`);
      await eachBatch(part.section, userId, batchSize, async (rows) => {
        for (const row of rows) {
          json.push(part.section.record(row));
          if (csv && partCsv) csv.push(partCsv.row(row));
        }
        await advance(rows.length);
      });
      json.closeList();
    }
    json.end();
    csv?.end();
  }

  const archive = zip.finish();
  await saveProgress(Math.max(reported, 95));
  return archive;
}

async function eachBatch(
  section: Section<unknown>,
  userId: string,
  batchSize: number,
  work: (rows: unknown[]) => Promise<void>,
) {
  let after: Cursor | undefined;
  for (;;) {
    const rows = await section.batch(userId, after, batchSize);
    if (rows.length === 0) return;
    await work(rows);
    if (rows.length < batchSize) return;
    after = section.cursorOf(rows[rows.length - 1]);
  }
}
