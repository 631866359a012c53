// Two Vitest projects, run together by `npm test` (scripts/test.ts):
//   unit         tests/unit/**/*.test.ts         pure code, in parallel
//   integration  tests/integration/**/*.test.ts  against a real PostgreSQL at DATABASE_URL, one file at a time
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      // tsconfig.json: "paths": { "@/*": ["./src/*"] }
      { find: /^@\/(.*)$/, replacement: `${here("./src")}/$1` },
      // `import "server-only"` throws outside React Server Components; its RSC build is empty.
      { find: /^server-only$/, replacement: here("./node_modules/server-only/empty.js") },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/integration/setup.ts"],
          // One shared database: files run one after another in a single worker.
          fileParallelism: false,
          maxWorkers: 1,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
