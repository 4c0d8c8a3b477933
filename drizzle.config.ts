import { defineConfig } from "drizzle-kit";

// Migrations are generated at development time (`npm run db:generate`) and applied by
// scripts/start.ts and the test setup with drizzle-orm's migrator; no database is needed here.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  casing: "snake_case",
});
