// `npm run db:generate` (also run by postinstall and by `npm test`): generates the Prisma client into
// src/generated/prisma. Quiet on success; skipped when the schema has not changed since the last
// run (`--force` regenerates anyway).
//
// `prisma generate` needs no native engine, but the CLI downloads one unless
// PRISMA_SCHEMA_ENGINE_BINARY names an existing file; our machines cannot download it.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const outputDir = path.join(root, "src", "generated", "prisma");
const stampFile = path.join(outputDir, ".generated-from");

function inputsHash(prismaVersion: string): string {
  const hash = createHash("sha256").update(prismaVersion);
  for (const file of ["prisma/schema.prisma", "prisma.config.ts"]) {
    const full = path.join(root, file);
    hash.update(file).update(existsSync(full) ? readFileSync(full) : "");
  }
  return hash.digest("hex");
}

/** Returns false when the client was already up to date. Throws with Prisma's output on failure. */
export function generatePrismaClient(options: { force?: boolean } = {}): boolean {
  const require = createRequire(import.meta.url);
  let cli: string;
  let version: string;
  try {
    cli = require.resolve("prisma/build/index.js");
    version = (
      JSON.parse(readFileSync(path.join(path.dirname(cli), "..", "package.json"), "utf8")) as { version: string }
    ).version;
  } catch {
    throw new Error("The Prisma CLI is not installed (devDependency `prisma`): run `npm install`.");
  }
  const hash = inputsHash(version);
  const upToDate =
    existsSync(path.join(outputDir, "client.ts")) &&
    existsSync(stampFile) &&
    readFileSync(stampFile, "utf8").trim() === hash;
  if (upToDate && !options.force) return false;

  const engineStandIn = [
    process.env.PRISMA_SCHEMA_ENGINE_BINARY,
    "/bin/false",
    "/usr/bin/false",
    process.execPath,
  ].find((file): file is string => !!file && existsSync(file))!;
  const result = spawnSync(process.execPath, [cli, "generate", "--no-hints"], {
    cwd: root,
    encoding: "utf8",
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: engineStandIn,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
  });
  if (result.status !== 0) {
    throw new Error(
      `prisma generate failed (exit ${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`.trim(),
    );
  }
  writeFileSync(stampFile, `${hash}\n`);
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const force = process.argv.includes("--force");
  const postinstall = process.env.npm_lifecycle_event === "postinstall";
  try {
    generatePrismaClient({ force });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // `npm ci --omit=dev` has no Prisma CLI: the install itself should still succeed.
    if (postinstall && message.includes("is not installed")) {
      console.warn(`Skipping Prisma client generation: ${message}`);
    } else {
      console.error(message);
      process.exit(1);
    }
  }
}
