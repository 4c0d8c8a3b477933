/** `npm run db:migrate`: applies the committed migrations to DATABASE_URL's server. */
import { createDb, createPool } from "@/db/client";
import { runMigrations } from "@/db/migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set (the embedded database is migrated by `npm start`).");
  process.exit(1);
}
const pool = createPool(url, { max: 1 });
await runMigrations(createDb(pool));
await pool.end();
console.info("migrations applied");
