// Configuration for the Prisma CLI. Only `prisma generate` runs on our machines
// (migrations are applied by scripts/migrate.ts, see README), so the URL is optional.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/unused" },
});
